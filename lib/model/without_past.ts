/**
 * Turns an exported with-past decoder into a no-past one, for scoring and training with a
 * graph serl did not build: every `past_key_values.*` input becomes an empty
 * `[batch, kvHeads, 0, headDim]` tensor made in the graph, and the `present.*` outputs go.
 * This is what transformers.js feeds at the first generation step, so every with-past export
 * handles it.
 *
 * @module
 */
import { GraphBuilder } from "../onnx/builder.ts";
import { cloneGraph, type Model } from "../onnx/ir.ts";
import type { LlamaConfig } from "./llama_config.ts";
import { emitTokenLogProbs } from "./emit_lm_head.ts";

/** Options for {@linkcode withoutPast}. */
export interface WithoutPastOptions {
  /**
   * `"logits"` keeps the `logits` output; `"token-log-probs"` replaces it with
   * `token_log_probs` `[batch, seq - 1]` (log-prob of each next token).
   * @default "logits"
   */
  output?: "logits" | "token-log-probs";
}

/**
 * The no-past variant of a with-past decoder (inputs and weights are shared, not copied).
 *
 * @example
 * ```ts
 * import { buildLlamaModel } from "./build_llama_model.ts";
 * import { llamaConfig } from "./llama_config.ts";
 * import { withoutPast } from "./without_past.ts";
 * const cfg = llamaConfig({ vocabSize: 8, hiddenSize: 4, numHiddenLayers: 1,
 *   numAttentionHeads: 1, intermediateSize: 4 });
 * const m = withoutPast(buildLlamaModel(cfg, null), cfg);
 * if (m.graph.inputs.some((v) => v.name.startsWith("past_"))) throw new Error("past left");
 * if (m.graph.outputs.map((v) => v.name).join() !== "logits") throw new Error("outputs left");
 * ```
 */
export function withoutPast(
  model: Model,
  cfg: LlamaConfig,
  options: WithoutPastOptions = {},
): Model {
  const { output = "logits" } = options;
  const graph = cloneGraph(model.graph);
  const past = graph.inputs.filter((v) => v.name.startsWith("past_key_values."));
  graph.inputs = graph.inputs.filter((v) => !v.name.startsWith("past_key_values."));
  graph.outputs = graph.outputs.filter((v) => v.name === "logits");
  // The builder learns every existing name first; the new nodes must then come first.
  const b = new GraphBuilder(graph, { opset: 17 });
  const nodes = graph.nodes;
  graph.nodes = [];
  const batch = b.op("Shape", ["input_ids"], { start: 0, end: 1 });
  const shape = b.op("Concat", [batch, b.ints([cfg.numKeyValueHeads, 0, cfg.headDim])], {
    axis: 0,
  });
  const zero = { dataType: "float32" as const, dims: [1], data: new Float32Array(1) };
  for (const v of past) {
    b.node("ConstantOfShape", [shape], { value: { type: "tensor", value: zero } }, {
      outputs: [v.name],
    });
  }
  graph.nodes.push(...nodes);
  if (output === "token-log-probs") {
    graph.outputs = [];
    b.output(emitTokenLogProbs(b, "logits", "input_ids"), "token_log_probs", {
      shape: ["batch_size", "sequence_length_minus_1"],
    });
  }
  // The plumbing above needs opset >= 15 (Shape start/end); older exports are raised to 17,
  // which leaves the semantics of their existing nodes unchanged.
  const opsetImports = model.opsetImports.map((o) =>
    (o.domain === "" || o.domain === "ai.onnx") && o.version < 17 ? { ...o, version: 17 } : o
  );
  return { ...model, opsetImports, graph };
}
