/**
 * Writes a model folder that serl, transformers.js and Python transformers' config loaders
 * all read: `config.json`, `generation_config.json`, `tokenizer.json`,
 * `tokenizer_config.json`, and the with-past graph as `onnx/model.onnx` with its weights in
 * `onnx/model.onnx_data`.
 *
 * @module
 */
import { join, resolve } from "node:path";
import { writeFileAtomic } from "../atomic_write.ts";
import { writeModel } from "../onnx/model_file.ts";
import { buildLlamaModel } from "./build_llama_model.ts";
import { type LlamaConfig, llamaConfigJson } from "./llama_config.ts";
import type { LanguageModel } from "./load_model.ts";

/** What {@linkcode saveModelFolder} writes. */
export interface ModelFolderContents {
  /** Architecture. */
  config: LlamaConfig;
  /** Parameters by Hugging Face name (see `llamaParameterShapes`). */
  weights: ReadonlyMap<string, Float32Array>;
  /** Tokenizer files and ids, e.g. from `byteLevelTokenizerFiles()`. */
  tokenizer: {
    tokenizer: Record<string, unknown>;
    tokenizerConfig: Record<string, unknown>;
    eosTokenId: number;
    padTokenId?: number;
  };
  /** Extra `generation_config.json` fields (merged over the token ids). */
  generation?: Record<string, unknown>;
}

/**
 * Writes a model folder (each file atomically; the folder is created if needed).
 *
 * @example
 * ```ts
 * import { llamaConfig } from "./llama_config.ts";
 * import { initLlamaWeights } from "./llama_parameters.ts";
 * import { byteLevelTokenizerFiles } from "./byte_level_tokenizer.ts";
 * import { saveModelFolder } from "./save_model_folder.ts";
 * const config = llamaConfig({ vocabSize: 260, hiddenSize: 16, numHiddenLayers: 1,
 *   numAttentionHeads: 2, intermediateSize: 32 });
 * const dir = await Deno.makeTempDir();
 * await saveModelFolder(dir, { config, weights: initLlamaWeights(config),
 *   tokenizer: byteLevelTokenizerFiles() });
 * if (!(await Deno.stat(`${dir}/onnx/model.onnx_data`)).isFile) throw new Error("no weights");
 * ```
 */
export async function saveModelFolder(dir: string, contents: ModelFolderContents): Promise<void> {
  const { config, weights, tokenizer, generation = {} } = contents;
  const graph = buildLlamaModel(config, weights, { kind: "with-past" });
  const ids = {
    "eos_token_id": tokenizer.eosTokenId,
    ...(tokenizer.padTokenId === undefined ? {} : { pad_token_id: tokenizer.padTokenId }),
  };
  await Deno.mkdir(join(dir, "onnx"), { recursive: true });
  const json = (v: unknown) => JSON.stringify(v, null, 2) + "\n";
  await writeFileAtomic(join(dir, "config.json"), json(llamaConfigJson(config, ids)));
  await writeFileAtomic(join(dir, "generation_config.json"), json({ ...ids, ...generation }));
  await writeFileAtomic(join(dir, "tokenizer.json"), JSON.stringify(tokenizer.tokenizer));
  await writeFileAtomic(join(dir, "tokenizer_config.json"), json(tokenizer.tokenizerConfig));
  await writeModel(graph, join(dir, "onnx", "model.onnx"));
}

/**
 * Writes a loaded (and possibly retrained, see `withWeights`) model as a folder: its
 * with-past graph with the current weights, and the JSON files of the folder it came from.
 * The copy loads like the original, serl-built or export alike.
 *
 * @example
 * ```ts
 * import { llamaConfig } from "./llama_config.ts";
 * import { initLlamaWeights } from "./llama_parameters.ts";
 * import { byteLevelTokenizerFiles } from "./byte_level_tokenizer.ts";
 * import { saveLanguageModel, saveModelFolder } from "./save_model_folder.ts";
 * import { loadModel } from "./load_model.ts";
 * import { withWeights } from "./with_weights.ts";
 * const config = llamaConfig({ vocabSize: 260, hiddenSize: 16, numHiddenLayers: 1,
 *   numAttentionHeads: 2, intermediateSize: 32 });
 * const dir = await Deno.makeTempDir();
 * await saveModelFolder(dir, { config, weights: initLlamaWeights(config),
 *   tokenizer: byteLevelTokenizerFiles() });
 * const trained = withWeights(await loadModel(dir), initLlamaWeights(config, { seed: 7 }));
 * const copy = await Deno.makeTempDir();
 * await saveLanguageModel(trained, copy);
 * const back = await loadModel(copy);
 * if (back.weights.get("lm_head.weight")![3] !== trained.weights.get("lm_head.weight")![3]) {
 *   throw new Error("weights not saved");
 * }
 * ```
 */
export async function saveLanguageModel(model: LanguageModel, dir: string): Promise<void> {
  await Deno.mkdir(join(dir, "onnx"), { recursive: true });
  if (resolve(dir) !== resolve(model.dir)) {
    for (
      const file of [
        "config.json",
        "generation_config.json",
        "tokenizer.json",
        "tokenizer_config.json",
      ]
    ) {
      let bytes: Uint8Array;
      try {
        bytes = await Deno.readFile(join(model.dir, file));
      } catch (e) {
        if (e instanceof Deno.errors.NotFound && file === "generation_config.json") continue;
        throw e;
      }
      await writeFileAtomic(join(dir, file), bytes);
    }
  }
  await writeModel(model.withPast, join(dir, "onnx", "model.onnx"));
}
