/**
 * Forward-only scoring: the log-probability of every token of given sequences under a
 * model (temperature 1), batched through the no-past graph. The RL step needs it for the
 * old-policy and reference log-probs; it is also the ground truth that sampled log-probs
 * are tested against.
 *
 * @module
 */
import * as ort from "onnxruntime-node";
import type { LanguageModel } from "../model/load_model.ts";
import { modelSession } from "../model/model_session.ts";

/** Options for {@linkcode sequenceLogProbs}. */
export interface SequenceLogProbsOptions {
  /**
   * Side on which shorter sequences of a batch are padded (results do not depend on it
   * beyond float rounding).
   * @default "right"
   */
  padding?: "left" | "right";
  /**
   * Most padded tokens per forward run (rows * longest length); a sequence longer than this
   * runs alone.
   * @default 8192
   */
  batchTokens?: number;
}

/**
 * For each sequence, `out[i] = log p(seq[i + 1] | seq[0..i])`, so `out.length` is
 * `seq.length - 1` (empty for sequences shorter than 2).
 *
 * @throws {RangeError} On a token outside the vocabulary.
 *
 * @example
 * ```ts
 * import { llamaConfig } from "../model/llama_config.ts";
 * import { initLlamaWeights } from "../model/llama_parameters.ts";
 * import { byteLevelTokenizerFiles } from "../model/byte_level_tokenizer.ts";
 * import { saveModelFolder } from "../model/save_model_folder.ts";
 * import { loadModel } from "../model/load_model.ts";
 * import { sequenceLogProbs } from "./sequence_log_probs.ts";
 * const config = llamaConfig({ vocabSize: 260, hiddenSize: 16, numHiddenLayers: 1,
 *   numAttentionHeads: 2, intermediateSize: 32 });
 * const dir = await Deno.makeTempDir();
 * await saveModelFolder(dir, { config, weights: initLlamaWeights(config),
 *   tokenizer: byteLevelTokenizerFiles() });
 * const [a, b] = await sequenceLogProbs(await loadModel(dir), [[1, 2, 3], [4]]);
 * if (a!.length !== 2 || b!.length !== 0 || !(a![0]! < 0)) throw new Error("wrong log-probs");
 * ```
 */
export async function sequenceLogProbs(
  model: LanguageModel,
  sequences: readonly (readonly number[])[],
  options: SequenceLogProbsOptions = {},
): Promise<Float32Array[]> {
  const { padding = "right", batchTokens = 8192 } = options;
  const vocab = model.config.vocabSize;
  for (const [i, seq] of sequences.entries()) {
    for (const t of seq) {
      if (!Number.isInteger(t) || t < 0 || t >= vocab) {
        throw new RangeError(`Cannot score sequence ${i}: token ${t} is outside [0, ${vocab})`);
      }
    }
  }
  const out = sequences.map((s) => new Float32Array(Math.max(0, s.length - 1)));
  const scored = [...sequences.keys()].filter((i) => sequences[i]!.length >= 2);
  if (scored.length === 0) return out;
  const session = await modelSession(model, "token-log-probs");
  let start = 0;
  while (start < scored.length) {
    let end = start + 1;
    let longest = sequences[scored[start]!]!.length;
    while (end < scored.length) {
      const next = Math.max(longest, sequences[scored[end]!]!.length);
      if (next * (end - start + 1) > batchTokens) break;
      longest = next;
      end++;
    }
    const rows = end - start;
    const ids = new BigInt64Array(rows * longest);
    const mask = new BigInt64Array(rows * longest);
    const positions = new BigInt64Array(rows * longest);
    for (let r = 0; r < rows; r++) {
      const seq = sequences[scored[start + r]!]!;
      const offset = padding === "left" ? longest - seq.length : 0;
      for (let t = 0; t < seq.length; t++) {
        ids[r * longest + offset + t] = BigInt(seq[t]!);
        mask[r * longest + offset + t] = 1n;
        positions[r * longest + offset + t] = BigInt(t);
      }
    }
    const result = await session.ort.run({
      "input_ids": new ort.Tensor("int64", ids, [rows, longest]),
      "attention_mask": new ort.Tensor("int64", mask, [rows, longest]),
      "position_ids": new ort.Tensor("int64", positions, [rows, longest]),
    });
    const logProbs = result.token_log_probs!.data as Float32Array; // [rows, longest - 1]
    for (let r = 0; r < rows; r++) {
      const seq = sequences[scored[start + r]!]!;
      const offset = padding === "left" ? longest - seq.length : 0;
      const from = r * (longest - 1) + offset;
      out[scored[start + r]!]!.set(logProbs.subarray(from, from + seq.length - 1));
    }
    start = end;
  }
  return out;
}
