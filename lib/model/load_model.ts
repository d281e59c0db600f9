/**
 * Model folders in, {@linkcode LanguageModel}s out: serl's own folders and onnx-community /
 * optimum fp32 exports of Llama and Qwen2 alike.
 *
 * A folder holds `config.json`, `generation_config.json` (optional), `tokenizer.json`,
 * `tokenizer_config.json` and `onnx/model.onnx` (+ `onnx/model.onnx_data`). A graph serl
 * wrote (producer "serl") is read back as its weights and rebuilt from the config, which
 * unlocks serl's fast decode graph; any other graph is checked
 * ({@linkcode assertPlainDecoderGraph}) and run as it is.
 *
 * @module
 */
import { join } from "node:path";
import { readModel } from "../onnx/model_file.ts";
import type { Model } from "../onnx/ir.ts";
import { assertProviderAvailable, type ExecutionProvider } from "../onnx/session.ts";
import { assertPlainDecoderGraph } from "./check_decoder_graph.ts";
import { type LlamaConfig, parseLlamaConfig } from "./llama_config.ts";
import { assertLlamaWeights, llamaParameterShapes } from "./llama_parameters.ts";
import { modelSession } from "./model_session.ts";
import { loadTokenizer, type TextTokenizer } from "./text_tokenizer.ts";

/** A loaded causal language model: architecture, weights, graph, tokenizer and provider. */
export interface LanguageModel {
  /** Folder it was loaded from. */
  dir: string;
  /** Architecture from `config.json`. */
  config: LlamaConfig;
  /** Token ids that end a sample (generation config, then config, then tokenizer EOS). */
  eosTokenIds: number[];
  /** The folder's tokenizer. */
  tokenizer: TextTokenizer;
  /**
   * Trainable tensors by name, float32. For serl's models: exactly the Hugging Face-named
   * parameters. For exports: every float32 initializer with at least `hidden_size` values
   * (the export's own names; this may include precomputed constant tables).
   */
  weights: ReadonlyMap<string, Float32Array>;
  /**
   * `"serl"`: built by serl, so its graphs are rebuilt from config and weights and generation
   * uses the decode graph; `"export"`: a foreign with-past graph, run as it is.
   */
  origin: "serl" | "export";
  /** The with-past graph with `weights` as initializers (for exports, the graph as read). */
  withPast: Model;
  /** Execution provider every session of this model runs on. */
  provider: ExecutionProvider;
  /** Intra-op threads of its sessions (0: onnxruntime's default, one per physical core). */
  threads: number;
}

/** Options for {@linkcode loadModel}. */
export interface LoadModelOptions {
  /**
   * Execution provider; an unavailable one is an error, never a silent CPU fallback.
   * @default "cpu"
   */
  provider?: ExecutionProvider;
  /**
   * Intra-op threads per session (0 lets onnxruntime choose).
   * @default 0
   */
  threads?: number;
  /**
   * Graph file inside `onnx/`.
   * @default "model.onnx"
   */
  file?: string;
}

async function readJsonFile(path: string, required: boolean): Promise<Record<string, unknown>> {
  try {
    return JSON.parse(await Deno.readTextFile(path));
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      if (!required) return {};
      throw new Deno.errors.NotFound(`Cannot load model: ${path} is missing`);
    }
    throw e;
  }
}

function tokenIds(v: unknown): number[] {
  if (typeof v === "number") return [v];
  if (Array.isArray(v)) return v.filter((x): x is number => typeof x === "number");
  return [];
}

async function explainMissingGraph(dir: string, file: string): Promise<never> {
  const others: string[] = [];
  try {
    for await (const e of Deno.readDir(join(dir, "onnx"))) {
      if (e.name.endsWith(".onnx")) others.push(e.name);
    }
  } catch { /* no onnx/ folder: reported below */ }
  const hint = others.includes("decoder_model_merged.onnx")
    ? "; decoder_model_merged.onnx is an If-merged decoder, which serl does not run: export " +
      "the single with-past fp32 graph onnx/model.onnx instead"
    : others.length > 0
    ? `; found only ${others.sort().join(", ")}: serl needs the fp32 export onnx/model.onnx`
    : "";
  throw new Deno.errors.NotFound(`Cannot load model: ${join(dir, "onnx", file)} is missing${hint}`);
}

/**
 * Loads a model folder.
 *
 * @throws {Deno.errors.NotFound} When a required file is missing (naming the fp32 file to use).
 * @throws {TypeError} For an unsupported architecture or graph (quantized, contrib ops, If).
 * @throws {Error} When the execution provider is unavailable or cannot start its session
 * (loading creates the generation session).
 *
 * @example
 * ```ts
 * import { llamaConfig } from "./llama_config.ts";
 * import { initLlamaWeights } from "./llama_parameters.ts";
 * import { byteLevelTokenizerFiles } from "./byte_level_tokenizer.ts";
 * import { saveModelFolder } from "./save_model_folder.ts";
 * import { loadModel } from "./load_model.ts";
 * const config = llamaConfig({ vocabSize: 260, hiddenSize: 16, numHiddenLayers: 1,
 *   numAttentionHeads: 2, intermediateSize: 32 });
 * const dir = await Deno.makeTempDir();
 * await saveModelFolder(dir, { config, weights: initLlamaWeights(config),
 *   tokenizer: byteLevelTokenizerFiles() });
 * const model = await loadModel(dir);
 * if (model.origin !== "serl" || model.provider !== "cpu" || model.eosTokenIds[0] !== 256) {
 *   throw new Error("wrong model");
 * }
 * ```
 */
export async function loadModel(
  dir: string,
  options: LoadModelOptions = {},
): Promise<LanguageModel> {
  const { provider = "cpu", threads = 0, file = "model.onnx" } = options;
  if (!Number.isInteger(threads) || threads < 0) {
    throw new RangeError(`Cannot load model: threads must be an integer >= 0, got ${threads}`);
  }
  assertProviderAvailable(provider);
  const configJson = await readJsonFile(join(dir, "config.json"), true);
  const config = parseLlamaConfig(configJson);
  const generation = await readJsonFile(join(dir, "generation_config.json"), false);
  const path = join(dir, "onnx", file);
  try {
    await Deno.stat(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) await explainMissingGraph(dir, file);
    throw e;
  }
  const graph = await readModel(path);
  assertPlainDecoderGraph(graph, config, `onnx/${file}`);
  const tokenizer = await loadTokenizer(dir);
  const eos = tokenIds(generation.eos_token_id);
  const eosTokenIds = eos.length > 0
    ? eos
    : tokenIds(configJson.eos_token_id).length > 0
    ? tokenIds(configJson.eos_token_id)
    : tokenizer.eosTokenId === null
    ? []
    : [tokenizer.eosTokenId];
  const origin = graph.producerName === "serl" && graph.metadata["serl.graph"] === "with-past"
    ? "serl"
    : "export";
  const weights = new Map<string, Float32Array>();
  const shapes = llamaParameterShapes(config);
  for (const [name, tensor] of graph.graph.initializers) {
    if (tensor.dataType !== "float32") continue;
    const keep = origin === "serl" ? shapes.has(name) : tensor.data.length >= config.hiddenSize;
    if (keep) weights.set(name, tensor.data as Float32Array);
  }
  if (origin === "serl") assertLlamaWeights(config, weights);
  const model: LanguageModel = {
    dir,
    config,
    eosTokenIds,
    tokenizer,
    weights,
    origin,
    withPast: graph,
    provider,
    threads,
  };
  // Start the generation session now: a provider that is listed but cannot run here (no
  // GPU adapter, missing libraries) fails at load, not at the first generate.
  await modelSession(model, origin === "serl" ? "decode" : "with-past");
  return model;
}
