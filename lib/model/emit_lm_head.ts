/**
 * Heads on the decoder's hidden states: the LM head (logits), and the log-probabilities of
 * the tokens that follow each position (what RL losses and reference log-probs need).
 *
 * @module
 */
import type { GraphBuilder } from "../onnx/builder.ts";
import type { LlamaConfig } from "./llama_config.ts";
import { weightValue, type WeightValues } from "./emit_decoder_body.ts";

/**
 * Emits `logits = hidden @ W` with `W = lm_head.weight` `[hidden, vocab]`, or the transposed
 * embedding table when embeddings are tied.
 *
 * @example
 * ```ts
 * import { GraphBuilder } from "../onnx/builder.ts";
 * import { llamaConfig } from "./llama_config.ts";
 * import { emitLmHead } from "./emit_lm_head.ts";
 * const cfg = llamaConfig({ vocabSize: 8, hiddenSize: 4, numHiddenLayers: 1,
 *   numAttentionHeads: 1, intermediateSize: 4, tieWordEmbeddings: true });
 * const b = new GraphBuilder();
 * const w = new Map([["model.embed_tokens.weight", b.input("e", "float32", [8, 4])]]);
 * emitLmHead(b, cfg, w, b.input("h", "float32", [1, 1, 4]));
 * if (!b.graph.nodes.some((n) => n.opType === "Transpose")) throw new Error("tied head must transpose");
 * ```
 */
export function emitLmHead(
  b: GraphBuilder,
  cfg: LlamaConfig,
  weights: WeightValues,
  hidden: string,
): string {
  const head = cfg.tieWordEmbeddings
    ? b.transpose(weightValue(weights, "model.embed_tokens.weight"), [1, 0])
    : weightValue(weights, "lm_head.weight");
  return b.matMul(hidden, head);
}

/**
 * Emits `logp[b, t] = log_softmax(logits[b, t])[inputIds[b, t + 1]]`, shaped
 * `[batch, seq - 1]`: the log-probability of every next token under the model (temperature
 * 1). Ops: Slice, LogSoftmax, Unsqueeze, GatherElements, Squeeze.
 *
 * @param logits float32 `[batch, seq, vocab]`.
 * @param inputIds int64 `[batch, seq]`.
 *
 * @example
 * ```ts
 * import { GraphBuilder } from "../onnx/builder.ts";
 * import { emitTokenLogProbs } from "./emit_lm_head.ts";
 * const b = new GraphBuilder();
 * emitTokenLogProbs(b, b.input("logits", "float32", ["b", "s", 8]), b.input("ids", "int64", ["b", "s"]));
 * if (!b.graph.nodes.some((n) => n.opType === "GatherElements")) throw new Error("no gather");
 * ```
 */
export function emitTokenLogProbs(b: GraphBuilder, logits: string, inputIds: string): string {
  const axis = b.ints([1]);
  const end = Number.MAX_SAFE_INTEGER;
  const previous = b.op("Slice", [logits, b.ints([0]), b.ints([-1]), axis]);
  const next = b.op("Slice", [inputIds, b.ints([1]), b.ints([end]), axis]);
  const logProbs = b.op("LogSoftmax", [previous], { axis: -1 });
  const picked = b.op("GatherElements", [logProbs, b.unsqueeze(next, [-1])], { axis: 2 });
  return b.squeeze(picked, [2]);
}
