/**
 * A trained policy as a plain model folder (what `loadModel` and transformers.js load): the
 * base model's architecture and tokenizer with new weights; for LoRA, the adapters merged
 * into the base weights (`policyWeights` or `mergeLoraWeights`), so the folder needs no
 * adapter support anywhere.
 *
 * @module
 */
import type { LanguageModel } from "../model/load_model.ts";
import { saveModelFolder } from "../model/save_model_folder.ts";

/**
 * Writes `weights` as a model folder shaped like `model` (its config, tokenizer files and
 * EOS/padding ids).
 *
 * @param dir Folder to write (created if needed).
 * @param model The base model.
 * @param weights Full weights by parameter name, e.g. `policyWeights(trainer)`.
 * @throws {TypeError} When `model` has no EOS token or the weights do not fit its config.
 *
 * @example
 * ```ts
 * import { llamaConfig } from "../model/llama_config.ts";
 * import { initLlamaWeights } from "../model/llama_parameters.ts";
 * import { byteLevelTokenizerFiles } from "../model/byte_level_tokenizer.ts";
 * import { saveModelFolder } from "../model/save_model_folder.ts";
 * import { loadModel } from "../model/load_model.ts";
 * import { savePolicyModel } from "./save_policy_model.ts";
 * const config = llamaConfig({ vocabSize: 260, hiddenSize: 16, numHiddenLayers: 1,
 *   numAttentionHeads: 2, intermediateSize: 32 });
 * const dir = await Deno.makeTempDir();
 * await saveModelFolder(dir, { config, weights: initLlamaWeights(config),
 *   tokenizer: byteLevelTokenizerFiles() });
 * const base = await loadModel(dir);
 * const out = await Deno.makeTempDir();
 * await savePolicyModel(out, base, initLlamaWeights(config, { seed: 5 }));
 * const saved = await loadModel(out);
 * if (saved.weights.get("lm_head.weight")![0] !== initLlamaWeights(config, { seed: 5 }).get("lm_head.weight")![0]) {
 *   throw new Error("weights not saved");
 * }
 * ```
 */
export async function savePolicyModel(
  dir: string,
  model: LanguageModel,
  weights: ReadonlyMap<string, Float32Array>,
): Promise<void> {
  const eosTokenId = model.eosTokenIds[0];
  if (eosTokenId === undefined) {
    throw new TypeError(`Cannot save a model folder from ${model.dir}: the model has no EOS token`);
  }
  const padTokenId = model.tokenizer.padTokenId;
  await saveModelFolder(dir, {
    config: model.config,
    weights,
    tokenizer: {
      tokenizer: model.tokenizer.files.tokenizer,
      tokenizerConfig: model.tokenizer.files.tokenizerConfig,
      eosTokenId,
      ...(padTokenId === null ? {} : { padTokenId }),
    },
  });
}
