/**
 * Test fixtures of the train area: tiny Llama configs and model folders, ragged
 * micro-batches, and the feeds of a training graph in float32 or float64.
 *
 * @module
 */
import * as ort from "onnxruntime-node";
import { byteLevelTokenizerFiles } from "../../lib/model/byte_level_tokenizer.ts";
import { type LlamaConfig, llamaConfig } from "../../lib/model/llama_config.ts";
import { initLlamaWeights } from "../../lib/model/llama_parameters.ts";
import { type LanguageModel, loadModel } from "../../lib/model/load_model.ts";
import { saveModelFolder } from "../../lib/model/save_model_folder.ts";
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

/** A byte-level model small enough for unit tests (vocabulary 260, width 16, 2 layers). */
export const TINY_BYTES: LlamaConfig = llamaConfig({
  vocabSize: 260,
  hiddenSize: 16,
  numHiddenLayers: 2,
  numAttentionHeads: 4,
  numKeyValueHeads: 2,
  intermediateSize: 32,
});

/** Writes a model folder of {@linkcode TINY_BYTES} with seeded weights and loads it (1 thread). */
export async function tinyModel(seed = 1, std = 0.1): Promise<LanguageModel> {
  const dir = await Deno.makeTempDir({ prefix: "serl_train_" });
  await saveModelFolder(dir, {
    config: TINY_BYTES,
    weights: initLlamaWeights(TINY_BYTES, { seed, std }),
    tokenizer: byteLevelTokenizerFiles(),
  });
  return await loadModel(dir, { threads: 1 });
}

/** Five rows of a toy rollout over {@linkcode TINY_BYTES}. */
export const BYTE_SEQUENCES: PolicySequences = {
  promptIds: [[104, 105], [104, 105], [120], [120], [50, 51, 52]],
  responseIds: [[97, 97, 97], [98, 99], [97], [100, 97, 101, 102], [97, 98]],
};

/** Advantages of {@linkcode BYTE_SEQUENCES}: +1 for rows 0 and 2, -1 for the others. */
export const BYTE_ADVANTAGES: number[][] = BYTE_SEQUENCES.responseIds.map((r, i) =>
  r.map(() => (i === 0 || i === 2 ? 1 : -1))
);
