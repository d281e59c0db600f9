/**
 * Writes a model folder that serl, transformers.js and Python transformers' config loaders
 * all read: `config.json`, `generation_config.json`, `tokenizer.json`,
 * `tokenizer_config.json`, and the with-past graph as `onnx/model.onnx` with its weights in
 * `onnx/model.onnx_data`.
 *
 * @module
 */
import { join } from "node:path";
import { writeFileAtomic } from "../atomic_write.ts";
import { writeModel } from "../onnx/model_file.ts";
import { buildLlamaModel } from "./build_llama_model.ts";
import { type LlamaConfig, llamaConfigJson } from "./llama_config.ts";

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
