/**
 * What serl accepts as a decoder graph: the fp32, standard-op, single-graph "with-past"
 * export of optimum / transformers.js (`onnx/model.onnx`). Quantized variants
 * (`MatMulNBits`, `MatMulInteger`, ...), contrib-op exports (`GroupQueryAttention`, fused
 * norms) and If-merged decoders (`decoder_model_merged.onnx`) are refused with a message
 * naming the file to use instead: serl trains through its own autodiff, which needs plain
 * fp32 ONNX ops, and its generator feeds the with-past contract.
 *
 * @module
 */
import type { Model } from "../onnx/ir.ts";
import type { LlamaConfig } from "./llama_config.ts";

const QUANTIZED_OPS = new Set([
  "MatMulNBits",
  "MatMulBnb4",
  "MatMulInteger",
  "DynamicQuantizeLinear",
  "QuantizeLinear",
  "DequantizeLinear",
  "QLinearMatMul",
  "GatherBlockQuantized",
]);

const USE_INSTEAD = "use the fp32 export onnx/model.onnx (transformers.js convert.py / optimum " +
  "`main_export` without quantization)";

/**
 * Throws unless `model` is a plain fp32 with-past decoder for `cfg`.
 *
 * @param model The decoded graph.
 * @param cfg The folder's config (for the number of layers).
 * @param file The file name, for messages.
 * @throws {TypeError} Naming the offending op, input or output and the file to use instead.
 *
 * @example
 * ```ts
 * import { assertPlainDecoderGraph } from "./check_decoder_graph.ts";
 * import { buildLlamaModel } from "./build_llama_model.ts";
 * import { llamaConfig } from "./llama_config.ts";
 * const cfg = llamaConfig({ vocabSize: 8, hiddenSize: 4, numHiddenLayers: 1,
 *   numAttentionHeads: 1, intermediateSize: 4 });
 * const model = buildLlamaModel(cfg, null);
 * model.graph.nodes.push({ name: "q", opType: "MatMulNBits", domain: "com.microsoft",
 *   inputs: [], outputs: [], attributes: {} });
 * let message = "";
 * try { assertPlainDecoderGraph(model, cfg, "onnx/model_q4.onnx"); } catch (e) { message = String(e); }
 * if (!message.includes("MatMulNBits") || !message.includes("onnx/model.onnx")) throw new Error(message);
 * ```
 */
export function assertPlainDecoderGraph(model: Model, cfg: LlamaConfig, file: string): void {
  for (const node of model.graph.nodes) {
    if (QUANTIZED_OPS.has(node.opType)) {
      throw new TypeError(
        `Cannot load ${file}: it is a quantized export (operator ${node.opType}); ${USE_INSTEAD}`,
      );
    }
    if (node.opType === "If" || node.opType === "Loop" || node.opType === "Scan") {
      throw new TypeError(
        `Cannot load ${file}: it has control flow (${node.opType}), as If-merged decoders ` +
          `(decoder_model_merged.onnx) do; ${USE_INSTEAD}, the single with-past graph`,
      );
    }
    if (node.domain !== "" && node.domain !== "ai.onnx") {
      throw new TypeError(
        `Cannot load ${file}: it uses the ${node.domain} operator ${node.opType} ` +
          `(a contrib-op export such as the GQA or onnxruntime-genai builds); ${USE_INSTEAD}`,
      );
    }
  }
  const inputs = new Map(model.graph.inputs.map((v) => [v.name, v]));
  const outputs = new Map(model.graph.outputs.map((v) => [v.name, v]));
  const required = ["input_ids", "attention_mask"];
  const cache: string[] = [];
  for (let i = 0; i < cfg.numHiddenLayers; i++) {
    for (const kind of ["key", "value"]) cache.push(`past_key_values.${i}.${kind}`);
  }
  for (const name of [...required, ...cache]) {
    if (!inputs.has(name)) {
      throw new TypeError(
        `Cannot load ${file}: input "${name}" is missing; serl runs with-past decoders ` +
          `(inputs input_ids, attention_mask, past_key_values.{i}.key|value); ${USE_INSTEAD}`,
      );
    }
  }
  for (const name of cache) {
    const type = inputs.get(name)!.dataType;
    if (type !== "float32") {
      throw new TypeError(`Cannot load ${file}: ${name} is ${type}, not float32; ${USE_INSTEAD}`);
    }
  }
  for (const name of ["logits", ...cache.map((n) => n.replace("past_key_values", "present"))]) {
    if (!outputs.has(name)) {
      throw new TypeError(`Cannot load ${file}: output "${name}" is missing; ${USE_INSTEAD}`);
    }
  }
  if (outputs.get("logits")!.dataType !== "float32") {
    throw new TypeError(`Cannot load ${file}: logits are not float32; ${USE_INSTEAD}`);
  }
}
