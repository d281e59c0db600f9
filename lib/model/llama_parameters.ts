/**
 * The parameters of a Llama-family model: Hugging Face names, shapes in the layout the ONNX
 * graph consumes, and a seeded random initialization.
 *
 * Layout: projection weights are stored `[in, out]`, the operand order of ONNX `MatMul`
 * (the transpose of PyTorch's `nn.Linear.weight`); the embedding table is `[vocab, hidden]`
 * as in PyTorch; norm weights and biases are vectors.
 *
 * @module
 */
import { deriveSeed, randomNormal, randomSeeded } from "../random.ts";
import type { LlamaConfig } from "./llama_config.ts";

/** Parameter name -> float32 data (row-major, shapes from {@linkcode llamaParameterShapes}). */
export type LlamaWeights = Map<string, Float32Array>;

/**
 * Every parameter of the model with its shape, in a fixed order (embedding, layers in
 * order, final norm, LM head unless tied).
 *
 * @example
 * ```ts
 * import { llamaConfig } from "./llama_config.ts";
 * import { llamaParameterShapes } from "./llama_parameters.ts";
 * const cfg = llamaConfig({ vocabSize: 10, hiddenSize: 8, numHiddenLayers: 1,
 *   numAttentionHeads: 2, numKeyValueHeads: 1, intermediateSize: 16 });
 * const shapes = llamaParameterShapes(cfg);
 * const k = shapes.get("model.layers.0.self_attn.k_proj.weight")!;
 * if (k[0] !== 8 || k[1] !== 4 || !shapes.has("lm_head.weight")) throw new Error("bad shapes");
 * ```
 */
export function llamaParameterShapes(cfg: LlamaConfig): Map<string, number[]> {
  const h = cfg.hiddenSize;
  const q = cfg.numAttentionHeads * cfg.headDim;
  const kv = cfg.numKeyValueHeads * cfg.headDim;
  const shapes = new Map<string, number[]>();
  shapes.set("model.embed_tokens.weight", [cfg.vocabSize, h]);
  for (let i = 0; i < cfg.numHiddenLayers; i++) {
    const p = `model.layers.${i}`;
    shapes.set(`${p}.input_layernorm.weight`, [h]);
    shapes.set(`${p}.self_attn.q_proj.weight`, [h, q]);
    shapes.set(`${p}.self_attn.k_proj.weight`, [h, kv]);
    shapes.set(`${p}.self_attn.v_proj.weight`, [h, kv]);
    if (cfg.attentionBias) {
      shapes.set(`${p}.self_attn.q_proj.bias`, [q]);
      shapes.set(`${p}.self_attn.k_proj.bias`, [kv]);
      shapes.set(`${p}.self_attn.v_proj.bias`, [kv]);
    }
    shapes.set(`${p}.self_attn.o_proj.weight`, [q, h]);
    shapes.set(`${p}.post_attention_layernorm.weight`, [h]);
    shapes.set(`${p}.mlp.gate_proj.weight`, [h, cfg.intermediateSize]);
    shapes.set(`${p}.mlp.up_proj.weight`, [h, cfg.intermediateSize]);
    shapes.set(`${p}.mlp.down_proj.weight`, [cfg.intermediateSize, h]);
  }
  shapes.set("model.norm.weight", [h]);
  if (!cfg.tieWordEmbeddings) shapes.set("lm_head.weight", [h, cfg.vocabSize]);
  return shapes;
}

/**
 * Number of scalar parameters.
 *
 * @example
 * ```ts
 * import { llamaConfig } from "./llama_config.ts";
 * import { llamaParameterCount } from "./llama_parameters.ts";
 * const cfg = llamaConfig({ vocabSize: 10, hiddenSize: 8, numHiddenLayers: 1,
 *   numAttentionHeads: 2, intermediateSize: 16, tieWordEmbeddings: true });
 * // embed 80 + norms 24 + q,k,v,o 256 + mlp 384
 * if (llamaParameterCount(cfg) !== 744) throw new Error("wrong count");
 * ```
 */
export function llamaParameterCount(cfg: LlamaConfig): number {
  let n = 0;
  for (const dims of llamaParameterShapes(cfg).values()) n += dims.reduce((a, b) => a * b, 1);
  return n;
}

/** Options for {@linkcode initLlamaWeights}. */
export interface InitLlamaWeightsOptions {
  /**
   * Seed; each parameter draws from its own stream `deriveSeed(seed, "init", name)`, so a
   * parameter's values do not depend on which other parameters exist.
   * @default 0
   */
  seed?: number;
  /**
   * Standard deviation of the normal init of matrices (Hugging Face `initializer_range`).
   * @default 0.02
   */
  std?: number;
}

/**
 * Random weights as Hugging Face initializes a Llama: matrices and the embedding table
 * ~ N(0, std²) (std 0.02), norm weights 1, biases 0. Deterministic for a seed.
 *
 * @example
 * ```ts
 * import { llamaConfig } from "./llama_config.ts";
 * import { initLlamaWeights } from "./llama_parameters.ts";
 * const cfg = llamaConfig({ vocabSize: 10, hiddenSize: 8, numHiddenLayers: 1,
 *   numAttentionHeads: 2, intermediateSize: 16 });
 * const a = initLlamaWeights(cfg, { seed: 1 }), b = initLlamaWeights(cfg, { seed: 1 });
 * if (a.get("lm_head.weight")![5] !== b.get("lm_head.weight")![5]) throw new Error("not seeded");
 * if (a.get("model.norm.weight")![0] !== 1) throw new Error("norm not 1");
 * ```
 */
export function initLlamaWeights(
  cfg: LlamaConfig,
  options: InitLlamaWeightsOptions = {},
): LlamaWeights {
  const { seed = 0, std = 0.02 } = options;
  if (!(std >= 0)) throw new RangeError(`Cannot initialize weights: std must be >= 0, got ${std}`);
  const weights: LlamaWeights = new Map();
  for (const [name, dims] of llamaParameterShapes(cfg)) {
    const data = new Float32Array(dims.reduce((a, b) => a * b, 1));
    if (name.endsWith("norm.weight")) data.fill(1);
    else if (!name.endsWith(".bias")) {
      const prng = randomSeeded(deriveSeed(seed, "init", name));
      for (let i = 0; i < data.length; i++) data[i] = std * randomNormal(prng);
    }
    weights.set(name, data);
  }
  return weights;
}

/**
 * Checks that `weights` holds exactly the parameters of `cfg` with the right sizes.
 *
 * @throws {TypeError} Naming the first missing, unexpected or wrongly sized parameter.
 *
 * @example
 * ```ts
 * import { llamaConfig } from "./llama_config.ts";
 * import { assertLlamaWeights, initLlamaWeights } from "./llama_parameters.ts";
 * const cfg = llamaConfig({ vocabSize: 10, hiddenSize: 8, numHiddenLayers: 1,
 *   numAttentionHeads: 2, intermediateSize: 16 });
 * const w = initLlamaWeights(cfg);
 * assertLlamaWeights(cfg, w);
 * w.delete("model.norm.weight");
 * let threw = false;
 * try { assertLlamaWeights(cfg, w); } catch { threw = true; }
 * if (!threw) throw new Error("missing weight accepted");
 * ```
 */
export function assertLlamaWeights(
  cfg: LlamaConfig,
  weights: ReadonlyMap<string, Float32Array>,
): void {
  const shapes = llamaParameterShapes(cfg);
  for (const [name, dims] of shapes) {
    const data = weights.get(name);
    const size = dims.reduce((a, b) => a * b, 1);
    if (data === undefined) throw new TypeError(`Cannot use weights: "${name}" is missing`);
    if (data.length !== size) {
      throw new TypeError(
        `Cannot use weights: "${name}" has ${data.length} values, expected ${size} ([${dims}])`,
      );
    }
  }
  for (const name of weights.keys()) {
    if (!shapes.has(name)) {
      throw new TypeError(`Cannot use weights: "${name}" is not a parameter of this model`);
    }
  }
}
