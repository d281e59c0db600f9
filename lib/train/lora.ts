/**
 * LoRA (Hu et al. 2021, arXiv 2106.09685) for serl's Llama-family models: which linear
 * layers get adapters, the adapters' names, shapes and initialization, and the merge of
 * trained adapters into plain weights.
 *
 * A target weight `W` `[in, out]` (serl stores projections in MatMul order) gets
 * `W' = W + (alpha / rank)·A·B` with `A` `[in, rank]` and `B` `[rank, out]`, named
 * `<module>.lora_A.weight` and `<module>.lora_B.weight` (the transposes of PEFT's
 * `lora_A`/`lora_B`, like every serl projection). As in PEFT, `A` is Kaiming-uniform
 * (bound `1/sqrt(in)`) and `B` is zero, so training starts from the base model exactly.
 *
 * @module
 */
import { deriveSeed, randomSeeded } from "../random.ts";
import type { LlamaConfig } from "../model/llama_config.ts";
import { llamaParameterShapes } from "../model/llama_parameters.ts";

/** A linear layer LoRA can adapt (the module's last name in Hugging Face Llama). */
export type LoraTarget =
  | "q_proj"
  | "k_proj"
  | "v_proj"
  | "o_proj"
  | "gate_proj"
  | "up_proj"
  | "down_proj";

/** Every {@linkcode LoraTarget}: "all linear layers" (PEFT `all-linear`; the LM head excluded). */
export const LORA_TARGETS: readonly LoraTarget[] = [
  "q_proj",
  "k_proj",
  "v_proj",
  "o_proj",
  "gate_proj",
  "up_proj",
  "down_proj",
];

/** A resolved LoRA configuration. */
export interface LoraConfig {
  /** Rank r of each adapter. */
  rank: number;
  /** α; the adapter's output is scaled by α / r. */
  alpha: number;
  /** Adapted layers, in {@linkcode LORA_TARGETS} order. */
  targets: readonly LoraTarget[];
}

/** One adapted weight. */
export interface LoraModule {
  /** The frozen weight's parameter name, e.g. `model.layers.0.self_attn.q_proj.weight`. */
  weight: string;
  /** `<module>.lora_A.weight`, `[in, rank]`. */
  a: string;
  /** `<module>.lora_B.weight`, `[rank, out]`. */
  b: string;
  /** Input features. */
  in: number;
  /** Output features. */
  out: number;
}

/**
 * Completes and validates a LoRA configuration: α defaults to 16 (OpenRLHF's
 * `--lora_alpha`), targets to every linear layer.
 *
 * @throws {RangeError} On a rank that is not a positive integer or a non-positive α.
 * @throws {TypeError} On an unknown or repeated target.
 *
 * @example
 * ```ts
 * import { loraConfig } from "./lora.ts";
 * const c = loraConfig({ rank: 8 });
 * if (c.alpha !== 16 || c.targets.length !== 7) throw new Error("wrong defaults");
 * ```
 */
export function loraConfig(
  input: { rank: number; alpha?: number; targets?: readonly string[] },
): LoraConfig {
  const { rank, alpha = 16, targets = LORA_TARGETS } = input;
  if (!Number.isSafeInteger(rank) || rank < 1) {
    throw new RangeError(
      `Cannot configure LoRA as rank must be an integer >= 1: current value is ${rank}`,
    );
  }
  if (!(alpha > 0 && Number.isFinite(alpha))) {
    throw new RangeError(`Cannot configure LoRA as alpha must be > 0: current value is ${alpha}`);
  }
  const seen = new Set<string>();
  for (const t of targets) {
    if (!LORA_TARGETS.includes(t as LoraTarget)) {
      throw new TypeError(
        `Cannot configure LoRA: unknown target "${t}" (expected ${LORA_TARGETS.join(", ")})`,
      );
    }
    if (seen.has(t)) throw new TypeError(`Cannot configure LoRA: target "${t}" is repeated`);
    seen.add(t);
  }
  if (seen.size === 0) throw new TypeError("Cannot configure LoRA: no targets");
  return { rank, alpha, targets: LORA_TARGETS.filter((t) => seen.has(t)) };
}

/**
 * The adapted weights of a model, in parameter order.
 *
 * @example
 * ```ts
 * import { llamaConfig } from "../model/llama_config.ts";
 * import { loraConfig, loraModules } from "./lora.ts";
 * const cfg = llamaConfig({ vocabSize: 8, hiddenSize: 8, numHiddenLayers: 2,
 *   numAttentionHeads: 2, numKeyValueHeads: 1, intermediateSize: 16 });
 * const m = loraModules(cfg, loraConfig({ rank: 2, targets: ["k_proj"] }));
 * if (m.length !== 2 || m[0]!.out !== 4 || !m[0]!.a.endsWith("k_proj.lora_A.weight")) {
 *   throw new Error("wrong modules");
 * }
 * ```
 */
export function loraModules(cfg: LlamaConfig, lora: LoraConfig): LoraModule[] {
  const modules: LoraModule[] = [];
  for (const [weight, dims] of llamaParameterShapes(cfg)) {
    const m = /^model\.layers\.\d+\.(?:self_attn|mlp)\.(\w+)\.weight$/.exec(weight);
    if (m === null || !lora.targets.includes(m[1] as LoraTarget)) continue;
    const module = weight.slice(0, -".weight".length);
    modules.push({
      weight,
      a: `${module}.lora_A.weight`,
      b: `${module}.lora_B.weight`,
      in: dims[0]!,
      out: dims[1]!,
    });
  }
  return modules;
}

/** Options for {@linkcode initLoraAdapters}. */
export interface InitLoraAdaptersOptions {
  /**
   * Seed; each `A` draws from its own stream `deriveSeed(seed, "lora", name)`.
   * @default 0
   */
  seed?: number;
}

/**
 * Fresh adapters: `A` ~ U(-1/sqrt(in), 1/sqrt(in)) (PEFT's Kaiming-uniform with a = √5),
 * `B` = 0. Deterministic for a seed.
 *
 * @example B starts at zero, so the adapted model is the base model
 * ```ts
 * import { llamaConfig } from "../model/llama_config.ts";
 * import { initLoraAdapters, loraConfig } from "./lora.ts";
 * const cfg = llamaConfig({ vocabSize: 8, hiddenSize: 8, numHiddenLayers: 1,
 *   numAttentionHeads: 2, intermediateSize: 16 });
 * const a = initLoraAdapters(cfg, loraConfig({ rank: 2 }), { seed: 3 });
 * const A = a.get("model.layers.0.mlp.up_proj.lora_A.weight")!;
 * const B = a.get("model.layers.0.mlp.up_proj.lora_B.weight")!;
 * if (A.length !== 16 || A.every((x) => x === 0) || B.some((x) => x !== 0)) throw new Error("bad init");
 * ```
 */
export function initLoraAdapters(
  cfg: LlamaConfig,
  lora: LoraConfig,
  options: InitLoraAdaptersOptions = {},
): Map<string, Float32Array> {
  const { seed = 0 } = options;
  const adapters = new Map<string, Float32Array>();
  for (const m of loraModules(cfg, lora)) {
    const a = new Float32Array(m.in * lora.rank);
    const prng = randomSeeded(deriveSeed(seed, "lora", m.a));
    const bound = 1 / Math.sqrt(m.in);
    for (let i = 0; i < a.length; i++) a[i] = (2 * prng() - 1) * bound;
    adapters.set(m.a, a);
    adapters.set(m.b, new Float32Array(lora.rank * m.out));
  }
  return adapters;
}

/**
 * Plain weights with the adapters merged in: `W + (alpha / rank)·A·B` for each adapted
 * weight (products accumulated in float64), other weights shared as they are.
 *
 * @throws {TypeError} When an adapter is missing or has the wrong size.
 *
 * @example
 * ```ts
 * import { llamaConfig } from "../model/llama_config.ts";
 * import { initLlamaWeights } from "../model/llama_parameters.ts";
 * import { initLoraAdapters, loraConfig, mergeLoraWeights } from "./lora.ts";
 * const cfg = llamaConfig({ vocabSize: 8, hiddenSize: 4, numHiddenLayers: 1,
 *   numAttentionHeads: 1, intermediateSize: 4 });
 * const lora = loraConfig({ rank: 1, alpha: 2, targets: ["q_proj"] });
 * const weights = initLlamaWeights(cfg);
 * const adapters = initLoraAdapters(cfg, lora);
 * adapters.get("model.layers.0.self_attn.q_proj.lora_B.weight")!.fill(1);
 * const merged = mergeLoraWeights(cfg, weights, adapters, lora);
 * const name = "model.layers.0.self_attn.q_proj.weight";
 * const a0 = adapters.get("model.layers.0.self_attn.q_proj.lora_A.weight")![0]!;
 * if (Math.abs(merged.get(name)![0]! - (weights.get(name)![0]! + 2 * a0)) > 1e-6) throw new Error("bad merge");
 * ```
 */
export function mergeLoraWeights(
  cfg: LlamaConfig,
  weights: ReadonlyMap<string, Float32Array>,
  adapters: ReadonlyMap<string, Float32Array>,
  lora: LoraConfig,
): Map<string, Float32Array> {
  const merged = new Map(weights);
  const r = lora.rank, scale = lora.alpha / lora.rank;
  for (const m of loraModules(cfg, lora)) {
    const w = weights.get(m.weight), a = adapters.get(m.a), b = adapters.get(m.b);
    if (w === undefined || w.length !== m.in * m.out) {
      throw new TypeError(`Cannot merge LoRA: weight "${m.weight}" is missing or mis-sized`);
    }
    if (a === undefined || a.length !== m.in * r || b === undefined || b.length !== r * m.out) {
      throw new TypeError(`Cannot merge LoRA: adapters of "${m.weight}" are missing or mis-sized`);
    }
    const out = new Float32Array(w.length);
    const row = new Float64Array(m.out);
    for (let i = 0; i < m.in; i++) {
      row.fill(0);
      for (let k = 0; k < r; k++) {
        const aik = a[i * r + k]!;
        if (aik === 0) continue;
        const bk = k * m.out;
        for (let j = 0; j < m.out; j++) row[j]! += aik * b[bk + j]!;
      }
      const wi = i * m.out;
      for (let j = 0; j < m.out; j++) out[wi + j] = w[wi + j]! + scale * row[j]!;
    }
    merged.set(m.weight, out);
  }
  return merged;
}
