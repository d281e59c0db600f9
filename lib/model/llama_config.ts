/**
 * The architecture of a Llama-family decoder (Llama, Qwen2), read from and written to a
 * Hugging Face `config.json`.
 *
 * @module
 */

/** Model types serl builds and loads. Qwen2 is Llama with biases on the q/k/v projections. */
export type LlamaModelType = "llama" | "qwen2";

/** A Llama-family architecture (camelCase mirror of the Hugging Face `config.json` fields). */
export interface LlamaConfig {
  /** `model_type`. */
  modelType: LlamaModelType;
  /** `vocab_size`: rows of the embedding table and columns of the logits. */
  vocabSize: number;
  /** `hidden_size`. */
  hiddenSize: number;
  /** `num_hidden_layers`. */
  numHiddenLayers: number;
  /** `num_attention_heads` (query heads). */
  numAttentionHeads: number;
  /** `num_key_value_heads`: grouped-query attention when fewer than the query heads. */
  numKeyValueHeads: number;
  /** `head_dim` (default `hidden_size / num_attention_heads`). */
  headDim: number;
  /** `intermediate_size` of the SwiGLU MLP. */
  intermediateSize: number;
  /** `rope_theta`, the rotary base. */
  ropeTheta: number;
  /** `rms_norm_eps`. */
  rmsNormEps: number;
  /** `tie_word_embeddings`: the LM head reuses the embedding table. */
  tieWordEmbeddings: boolean;
  /** `max_position_embeddings`: the longest prompt plus completion serl allows. */
  maxPositionEmbeddings: number;
  /** Biases on the q/k/v projections: always for qwen2 (whatever is passed), `attention_bias` for llama. */
  attentionBias: boolean;
  /** `rope_scaling` as found (serl builds only unscaled rotary; `null` when absent). */
  ropeScaling: unknown;
}

/** The fields a caller must give; the rest default as in Hugging Face transformers. */
export type LlamaConfigInput =
  & Pick<
    LlamaConfig,
    "vocabSize" | "hiddenSize" | "numHiddenLayers" | "numAttentionHeads" | "intermediateSize"
  >
  & Partial<LlamaConfig>;

function positiveInt(value: unknown, field: string): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value <= 0) {
    throw new TypeError(
      `Cannot read model config: "${field}" must be a positive integer, got ${
        JSON.stringify(value)
      }`,
    );
  }
  return value;
}

function positiveNumber(value: unknown, field: string): number {
  if (typeof value !== "number" || !(value > 0) || !Number.isFinite(value)) {
    throw new TypeError(
      `Cannot read model config: "${field}" must be a positive number, got ${
        JSON.stringify(value)
      }`,
    );
  }
  return value;
}

/**
 * Completes and validates a Llama-family config (defaults of Hugging Face `LlamaConfig`:
 * KV heads = heads, rope theta 10000, RMS eps 1e-6, untied embeddings, 2048 positions).
 *
 * @throws {TypeError} On a non-positive size or a head count that does not divide evenly.
 *
 * @example
 * ```ts
 * import { llamaConfig } from "./llama_config.ts";
 * const cfg = llamaConfig({ vocabSize: 260, hiddenSize: 64, numHiddenLayers: 2,
 *   numAttentionHeads: 4, numKeyValueHeads: 2, intermediateSize: 128 });
 * if (cfg.headDim !== 16 || cfg.attentionBias) throw new Error("wrong defaults");
 * ```
 */
export function llamaConfig(input: LlamaConfigInput): LlamaConfig {
  const modelType = input.modelType ?? "llama";
  if (modelType !== "llama" && modelType !== "qwen2") {
    throw new TypeError(
      `Cannot build model config: model_type must be "llama" or "qwen2", got "${modelType}"`,
    );
  }
  const heads = positiveInt(input.numAttentionHeads, "num_attention_heads");
  const kvHeads = positiveInt(input.numKeyValueHeads ?? heads, "num_key_value_heads");
  const hidden = positiveInt(input.hiddenSize, "hidden_size");
  if (heads % kvHeads !== 0) {
    throw new TypeError(
      `Cannot build model config: num_attention_heads (${heads}) must be a multiple of num_key_value_heads (${kvHeads})`,
    );
  }
  const headDim = positiveInt(input.headDim ?? hidden / heads, "head_dim");
  if (headDim % 2 !== 0) {
    throw new TypeError(`Cannot build model config: head_dim must be even, got ${headDim}`);
  }
  return {
    modelType,
    vocabSize: positiveInt(input.vocabSize, "vocab_size"),
    hiddenSize: hidden,
    numHiddenLayers: positiveInt(input.numHiddenLayers, "num_hidden_layers"),
    numAttentionHeads: heads,
    numKeyValueHeads: kvHeads,
    headDim,
    intermediateSize: positiveInt(input.intermediateSize, "intermediate_size"),
    ropeTheta: positiveNumber(input.ropeTheta ?? 10000, "rope_theta"),
    rmsNormEps: positiveNumber(input.rmsNormEps ?? 1e-6, "rms_norm_eps"),
    tieWordEmbeddings: input.tieWordEmbeddings ?? false,
    maxPositionEmbeddings: positiveInt(
      input.maxPositionEmbeddings ?? 2048,
      "max_position_embeddings",
    ),
    attentionBias: modelType === "qwen2" || (input.attentionBias ?? false),
    ropeScaling: input.ropeScaling ?? null,
  };
}

/**
 * Reads a Hugging Face `config.json` object of a Llama or Qwen2 model.
 *
 * @throws {TypeError} On another `model_type`, a missing size, or an activation other than SiLU.
 *
 * @example
 * ```ts
 * import { parseLlamaConfig } from "./llama_config.ts";
 * const cfg = parseLlamaConfig({ model_type: "qwen2", vocab_size: 300, hidden_size: 32,
 *   num_hidden_layers: 1, num_attention_heads: 2, num_key_value_heads: 1,
 *   intermediate_size: 64, tie_word_embeddings: true });
 * if (!cfg.attentionBias || !cfg.tieWordEmbeddings || cfg.headDim !== 16) throw new Error("bad");
 * ```
 */
export function parseLlamaConfig(json: unknown): LlamaConfig {
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new TypeError("Cannot read model config: expected a JSON object");
  }
  const j = json as Record<string, unknown>;
  const modelType = j.model_type;
  if (modelType !== "llama" && modelType !== "qwen2") {
    throw new TypeError(
      `Cannot read model config: model_type must be "llama" or "qwen2", got ${
        JSON.stringify(modelType)
      }`,
    );
  }
  const act = j.hidden_act ?? "silu";
  if (act !== "silu") {
    throw new TypeError(`Cannot read model config: hidden_act must be "silu", got "${act}"`);
  }
  const input: Record<string, unknown> = { modelType };
  const fields: [keyof LlamaConfig, string][] = [
    ["vocabSize", "vocab_size"],
    ["hiddenSize", "hidden_size"],
    ["numHiddenLayers", "num_hidden_layers"],
    ["numAttentionHeads", "num_attention_heads"],
    ["intermediateSize", "intermediate_size"],
    ["numKeyValueHeads", "num_key_value_heads"],
    ["headDim", "head_dim"],
    ["ropeTheta", "rope_theta"],
    ["rmsNormEps", "rms_norm_eps"],
    ["tieWordEmbeddings", "tie_word_embeddings"],
    ["maxPositionEmbeddings", "max_position_embeddings"],
    ["ropeScaling", "rope_scaling"],
  ];
  for (const [key, field] of fields) {
    if (j[field] !== undefined && j[field] !== null) input[key] = j[field];
  }
  if (modelType === "llama") input.attentionBias = j.attention_bias === true;
  const cfg = input as unknown as LlamaConfigInput;
  return llamaConfig(cfg);
}

/**
 * The Hugging Face `config.json` object for a config (what transformers.js and
 * transformers read), plus any `extra` fields such as token ids.
 *
 * @example
 * ```ts
 * import { llamaConfig, llamaConfigJson, parseLlamaConfig } from "./llama_config.ts";
 * const cfg = llamaConfig({ vocabSize: 260, hiddenSize: 64, numHiddenLayers: 2,
 *   numAttentionHeads: 4, intermediateSize: 128 });
 * const json = llamaConfigJson(cfg, { eos_token_id: 256 });
 * if (json.architectures[0] !== "LlamaForCausalLM") throw new Error("wrong class");
 * if (parseLlamaConfig(json).hiddenSize !== 64) throw new Error("no round trip");
 * ```
 */
export function llamaConfigJson(
  cfg: LlamaConfig,
  extra: Record<string, unknown> = {},
): Record<string, unknown> & { architectures: string[] } {
  return {
    architectures: [cfg.modelType === "qwen2" ? "Qwen2ForCausalLM" : "LlamaForCausalLM"],
    model_type: cfg.modelType,
    vocab_size: cfg.vocabSize,
    hidden_size: cfg.hiddenSize,
    num_hidden_layers: cfg.numHiddenLayers,
    num_attention_heads: cfg.numAttentionHeads,
    num_key_value_heads: cfg.numKeyValueHeads,
    head_dim: cfg.headDim,
    intermediate_size: cfg.intermediateSize,
    hidden_act: "silu",
    rope_theta: cfg.ropeTheta,
    rms_norm_eps: cfg.rmsNormEps,
    tie_word_embeddings: cfg.tieWordEmbeddings,
    max_position_embeddings: cfg.maxPositionEmbeddings,
    ...(cfg.modelType === "llama" ? { attention_bias: cfg.attentionBias, mlp_bias: false } : {}),
    rope_scaling: cfg.ropeScaling,
    torch_dtype: "float32",
    ...extra,
  };
}
