/**
 * The ONNX engine: models as plain data, file I/O with external weights, a graph builder,
 * shape inference, reverse-mode autodiff in standard ONNX ops, and onnxruntime sessions.
 *
 * @module
 */
export * from "./ir.ts";
export * from "./proto.ts";
export * from "./model_file.ts";
export * from "./builder.ts";
export * from "./session.ts";
export * from "./flops.ts";
export * from "./shapes/mod.ts";
export * from "./autodiff/mod.ts";
