/**
 * Log-probabilities of the response tokens, computed only where they are needed: the hidden
 * rows of the positions that predict a response token are gathered first, and the LM head
 * and LogSoftmax run on those rows alone (`[N, vocab]` instead of `[batch, seq, vocab]`; the
 * prompt positions and the padding never reach the head).
 *
 * @module
 */
import type { GraphBuilder } from "../onnx/builder.ts";
import type { WeightValues } from "../model/emit_decoder_body.ts";
import { emitLmHead } from "../model/emit_lm_head.ts";
import type { LlamaConfig } from "../model/llama_config.ts";

/** Value names of the response positions and tokens. */
export interface ResponseTokenInputs {
  /**
   * int64 `[N]`: for each valid response token, the flat index `row * seq + p - 1` of the
   * position `p - 1` whose hidden state predicts the token at position `p`.
   */
  positions: string;
  /** int64 `[N]`: the response token ids, in the same order. */
  tokens: string;
}

/** What {@linkcode emitResponseLogProbs} produces. */
export interface ResponseLogProbs {
  /** float32 `[N]`: log π(token) at each response position. */
  logProbs: string;
  /** float32 `[N]`: entropy of the full next-token distribution at each response position. */
  entropy: string;
}

/**
 * Emits the response log-probs from the decoder's final hidden states.
 *
 * @param b Builder of the graph.
 * @param cfg Architecture (hidden size, tied embeddings).
 * @param weights Parameter name -> value name (for the LM head).
 * @param hidden float32 `[batch, seq, hidden]`, the decoder body's output.
 * @param inputs Response positions and tokens.
 * @returns Per-token log-probs and entropies.
 *
 * @example
 * ```ts
 * import { GraphBuilder } from "../onnx/builder.ts";
 * import { llamaConfig } from "../model/llama_config.ts";
 * import { emitResponseLogProbs } from "./emit_response_log_probs.ts";
 * const cfg = llamaConfig({ vocabSize: 8, hiddenSize: 4, numHiddenLayers: 1,
 *   numAttentionHeads: 1, intermediateSize: 4 });
 * const b = new GraphBuilder();
 * const w = new Map([["lm_head.weight", b.input("lm_head.weight", "float32", [4, 8])]]);
 * const out = emitResponseLogProbs(b, cfg, w, b.input("h", "float32", ["b", "s", 4]), {
 *   positions: b.input("pos", "int64", ["n"]), tokens: b.input("tok", "int64", ["n"]) });
 * const gather = b.graph.nodes.findIndex((n) => n.opType === "Gather");
 * const head = b.graph.nodes.findIndex((n) => n.opType === "MatMul");
 * if (!(gather >= 0 && gather < head) || out.logProbs === out.entropy) throw new Error("bad head");
 * ```
 */
export function emitResponseLogProbs(
  b: GraphBuilder,
  cfg: LlamaConfig,
  weights: WeightValues,
  hidden: string,
  inputs: ResponseTokenInputs,
): ResponseLogProbs {
  const rows = b.op("Gather", [b.reshape(hidden, [-1, cfg.hiddenSize]), inputs.positions], {
    axis: 0,
  }); // [N, hidden]
  const logSoftmax = b.op("LogSoftmax", [emitLmHead(b, cfg, weights, rows)], { axis: -1 }); // [N, V]
  const picked = b.op("GatherElements", [logSoftmax, b.unsqueeze(inputs.tokens, [1])], {
    axis: 1,
  });
  const logProbs = b.squeeze(picked, [1]);
  const plogp = b.mul(b.op("Exp", [logSoftmax]), logSoftmax);
  const entropy = b.neg(b.reduceSum(plogp, [1], false));
  return { logProbs, entropy };
}
