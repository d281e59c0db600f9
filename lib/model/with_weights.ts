/**
 * A model with new weights: the cheap way to get a fresh generation session after each
 * training step. Config, tokenizer and provider are shared; graphs are rebuilt around the
 * new arrays (no copy); sessions are created lazily on first use.
 *
 * @module
 */
import { cloneGraph } from "../onnx/ir.ts";
import { buildLlamaModel } from "./build_llama_model.ts";
import type { LanguageModel } from "./load_model.ts";

/**
 * Returns `model` with `weights` in place of its own. The arrays are used as given, not
 * copied: do not write to them while the new model is in use.
 *
 * @throws {TypeError} When a name is missing or unknown, or a size differs.
 *
 * @example
 * ```ts
 * import { llamaConfig } from "./llama_config.ts";
 * import { initLlamaWeights } from "./llama_parameters.ts";
 * import { byteLevelTokenizerFiles } from "./byte_level_tokenizer.ts";
 * import { saveModelFolder } from "./save_model_folder.ts";
 * import { loadModel } from "./load_model.ts";
 * import { withWeights } from "./with_weights.ts";
 * const config = llamaConfig({ vocabSize: 260, hiddenSize: 16, numHiddenLayers: 1,
 *   numAttentionHeads: 2, intermediateSize: 32 });
 * const dir = await Deno.makeTempDir();
 * await saveModelFolder(dir, { config, weights: initLlamaWeights(config),
 *   tokenizer: byteLevelTokenizerFiles() });
 * const model = await loadModel(dir);
 * const next = withWeights(model, initLlamaWeights(config, { seed: 9 }));
 * if (next.weights === model.weights || next.tokenizer !== model.tokenizer) throw new Error("bad");
 * ```
 */
export function withWeights(
  model: LanguageModel,
  weights: ReadonlyMap<string, Float32Array>,
): LanguageModel {
  for (const [name, old] of model.weights) {
    const next = weights.get(name);
    if (next === undefined) throw new TypeError(`Cannot swap weights: "${name}" is missing`);
    if (!(next instanceof Float32Array) || next.length !== old.length) {
      throw new TypeError(
        `Cannot swap weights: "${name}" must be a Float32Array of ${old.length} values, got ${
          next instanceof Float32Array ? next.length : typeof next
        }`,
      );
    }
  }
  for (const name of weights.keys()) {
    if (!model.weights.has(name)) {
      throw new TypeError(`Cannot swap weights: "${name}" is not a weight of this model`);
    }
  }
  const own = new Map(weights);
  if (model.origin === "serl") {
    return { ...model, weights: own, withPast: buildLlamaModel(model.config, own) };
  }
  const graph = cloneGraph(model.withPast.graph);
  for (const [name, data] of own) {
    const tensor = graph.initializers.get(name)!;
    graph.initializers.set(name, { ...tensor, data });
  }
  return { ...model, weights: own, withPast: { ...model.withPast, graph } };
}
