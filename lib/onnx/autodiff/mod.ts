/**
 * Reverse-mode autodiff of ONNX graphs in standard ONNX ops.
 *
 * @module
 */
export * from "./gradient_graph.ts";
export * from "./vjp.ts";
export * from "./rules.ts";
export * from "./opset_upgrade.ts";
export * from "./graph_passes.ts";
