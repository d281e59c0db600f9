/**
 * Test fixtures of the train area: a tiny Llama config, a ragged micro-batch, and the feeds
 * of a training graph in float32 or float64.
 *
 * @module
 */
import * as ort from "onnxruntime-node";
import { type LlamaConfig, llamaConfig } from "../../lib/model/llama_config.ts";
import { lossTokenWeights } from "../../lib/rl/loss_aggregation.ts";
import { randomNormal, randomSeeded } from "../../lib/random.ts";
import {
  packPolicySequences,
  type PolicySequences,
} from "../../lib/train/pack_policy_sequences.ts";

/** 2 layers, width 8, 2 query heads over 1 KV head, MLP 12, vocabulary 11, untied head. */
export const TINY: LlamaConfig = llamaConfig({
  vocabSize: 11,
  hiddenSize: 8,
  numHiddenLayers: 2,
  numAttentionHeads: 2,
  numKeyValueHeads: 1,
  intermediateSize: 12,
});

/** Three rows of different prompt and response lengths (padding included). */
export const SEQUENCES: PolicySequences = {
  promptIds: [[1, 4, 2], [7], [3, 3]],
  responseIds: [[9, 5], [10, 2, 6, 8], [0]],
};

/** Per-token inputs of the loss head besides the log-probs, (B, T_i). */
export interface TokenInputs {
  oldLogProbs: number[][];
  advantages: number[][];
  refLogProbs: number[][];
}

/** Random advantages and old/reference log-probs around `logProbs`. */
export function tokenInputs(logProbs: number[][], seed: number, spread = 0.3): TokenInputs {
  const prng = randomSeeded(seed);
  return {
    oldLogProbs: logProbs.map((r) => r.map((v) => v + spread * randomNormal(prng))),
    advantages: logProbs.map((r) => r.map(() => randomNormal(prng))),
    refLogProbs: logProbs.map((r) => r.map((v) => v + spread * randomNormal(prng))),
  };
}

/** The data feeds of a training graph (weights excluded). */
export function dataFeeds(
  sequences: PolicySequences,
  inputs: TokenInputs,
  dataType: "float32" | "float64",
): Record<string, ort.Tensor> {
  const p = packPolicySequences(sequences);
  const ids = (data: BigInt64Array, dims: number[]) => new ort.Tensor("int64", data, dims);
  const lengths = sequences.responseIds.map((r) => r.length);
  const exact64 = (rows: number[][]) => {
    const v = Float64Array.from(rows.flat());
    return dataType === "float64"
      ? new ort.Tensor("float64", v, [v.length])
      : new ort.Tensor("float32", Float32Array.from(v), [v.length]);
  };
  return {
    "input_ids": ids(p.inputIds, [p.batch, p.seq]),
    "attention_mask": ids(p.attentionMask, [p.batch, p.seq]),
    "position_ids": ids(p.positionIds, [p.batch, p.seq]),
    "response_positions": ids(p.responsePositions, [p.tokens]),
    "response_tokens": ids(p.responseTokens, [p.tokens]),
    "old_log_probs": exact64(inputs.oldLogProbs),
    advantages: exact64(inputs.advantages),
    "ref_log_probs": exact64(inputs.refLogProbs),
    "loss_weights": exact64(lossTokenWeights(lengths, "seq-mean-token-mean")),
    "kl_weights": exact64(lossTokenWeights(lengths, "token-mean")),
  };
}

/** Feeds of named tensors of the given shapes. */
export function tensorFeeds(
  tensors: ReadonlyMap<string, Float32Array | Float64Array>,
  shapes: ReadonlyMap<string, number[]>,
): Record<string, ort.Tensor> {
  return Object.fromEntries(
    [...tensors].map(([name, data]) => [
      name,
      new ort.Tensor(data instanceof Float64Array ? "float64" : "float32", data, shapes.get(name)!),
    ]),
  );
}
