/**
 * The graphs of a loaded model, for the generator and for a trainer: with-past (the folder's
 * contract), decode (serl's fast generation graph, serl-built models only) and no-past
 * (scoring and training), each with the model's weights as initializers.
 *
 * @module
 */
import type { Model } from "../onnx/ir.ts";
import { buildLlamaModel, type LlamaGraphKind } from "./build_llama_model.ts";
import type { LanguageModel } from "./load_model.ts";
import { withoutPast } from "./without_past.ts";

/** Options for {@linkcode languageModelGraph}. */
export interface LanguageModelGraphOptions {
  /**
   * Output of the `"no-past"` graph: `logits` or `token_log_probs` (`[batch, seq - 1]`).
   * @default "logits"
   */
  output?: "logits" | "token-log-probs";
}

/**
 * One graph of `model`.
 *
 * @throws {TypeError} When asking for `"decode"` of an export (serl can only build it for
 * its own models).
 *
 * @example
 * ```ts
 * import { llamaConfig } from "./llama_config.ts";
 * import { initLlamaWeights } from "./llama_parameters.ts";
 * import { byteLevelTokenizerFiles } from "./byte_level_tokenizer.ts";
 * import { saveModelFolder } from "./save_model_folder.ts";
 * import { loadModel } from "./load_model.ts";
 * import { languageModelGraph } from "./language_model_graph.ts";
 * const config = llamaConfig({ vocabSize: 260, hiddenSize: 16, numHiddenLayers: 1,
 *   numAttentionHeads: 2, intermediateSize: 32 });
 * const dir = await Deno.makeTempDir();
 * await saveModelFolder(dir, { config, weights: initLlamaWeights(config),
 *   tokenizer: byteLevelTokenizerFiles() });
 * const g = languageModelGraph(await loadModel(dir), "no-past", { output: "token-log-probs" });
 * if (g.graph.outputs[0]!.name !== "token_log_probs") throw new Error("wrong output");
 * ```
 */
export function languageModelGraph(
  model: LanguageModel,
  kind: LlamaGraphKind,
  options: LanguageModelGraphOptions = {},
): Model {
  const { output = "logits" } = options;
  if (model.origin === "serl") {
    return buildLlamaModel(model.config, model.weights, { kind, output });
  }
  if (kind === "with-past") return model.withPast;
  if (kind === "no-past") return withoutPast(model.withPast, model.config, { output });
  throw new TypeError(
    `Cannot build the decode graph of ${model.dir}: it is an export, not a serl-built model ` +
      "(generation runs its with-past graph instead)",
  );
}
