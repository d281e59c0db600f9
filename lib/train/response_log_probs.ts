/**
 * Log-probs of response tokens under a model, from the forward-only scoring of
 * `lib/generate` (`sequenceLogProbs`, the model area's token-log-probs session): what the RL
 * step needs for the old policy (the policy that generated the rollout, e.g.
 * `withWeights(base, policyWeights(trainer))`) and for the reference policy (the initial
 * model; with LoRA, the base model, i.e. adapters off).
 *
 * @module
 */
import type { LanguageModel } from "../model/load_model.ts";
import { sequenceLogProbs, type SequenceLogProbsOptions } from "../generate/sequence_log_probs.ts";
import type { PolicySequences } from "./pack_policy_sequences.ts";

/**
 * `out[i][t] = log p(response_i[t] | prompt_i, response_i[<t])` under `model`.
 *
 * @param model The scoring model.
 * @param sequences Prompts and responses (B rows).
 * @param options Batching options of `sequenceLogProbs`.
 * @returns (B, T_i) log-probs.
 * @throws {RangeError} When the row counts differ, a prompt is empty or a token is outside
 *   the vocabulary.
 *
 * @example
 * ```ts
 * import { llamaConfig } from "../model/llama_config.ts";
 * import { initLlamaWeights } from "../model/llama_parameters.ts";
 * import { byteLevelTokenizerFiles } from "../model/byte_level_tokenizer.ts";
 * import { saveModelFolder } from "../model/save_model_folder.ts";
 * import { loadModel } from "../model/load_model.ts";
 * import { responseLogProbs } from "./response_log_probs.ts";
 * const config = llamaConfig({ vocabSize: 260, hiddenSize: 16, numHiddenLayers: 1,
 *   numAttentionHeads: 2, intermediateSize: 32 });
 * const dir = await Deno.makeTempDir();
 * await saveModelFolder(dir, { config, weights: initLlamaWeights(config),
 *   tokenizer: byteLevelTokenizerFiles() });
 * const lp = await responseLogProbs(await loadModel(dir), { promptIds: [[1, 2]], responseIds: [[3, 4, 5]] });
 * if (lp[0]!.length !== 3 || !(lp[0]![0]! < 0)) throw new Error("wrong log-probs");
 * ```
 */
export async function responseLogProbs(
  model: LanguageModel,
  sequences: PolicySequences,
  options: SequenceLogProbsOptions = {},
): Promise<number[][]> {
  const { promptIds, responseIds } = sequences;
  if (promptIds.length !== responseIds.length) {
    throw new RangeError(
      `Cannot score responses: ${promptIds.length} prompts but ${responseIds.length} responses`,
    );
  }
  for (const [i, p] of promptIds.entries()) {
    if (p.length === 0) throw new RangeError(`Cannot score responses: prompt ${i} is empty`);
  }
  const scored = await sequenceLogProbs(
    model,
    promptIds.map((p, i) => [...p, ...responseIds[i]!]),
    options,
  );
  return scored.map((lp, i) => {
    const from = promptIds[i]!.length - 1;
    return Array.from(lp.subarray(from, from + responseIds[i]!.length));
  });
}
