/**
 * Grouped-query self-attention of one Llama layer, with an optional KV cache in one of two
 * layouts.
 *
 * Query heads are grouped under their KV head instead of repeating K and V: q is laid out
 * `[batch, kvHeads, groups * seq, headDim]`, so `q @ Kᵀ` is one batched MatMul against the
 * un-expanded cache (no Expand, no copy of the cache per step).
 *
 * Cache layouts:
 * - `"concat"` (the optimum / transformers.js contract): K = Concat(past, new) is computed
 *   and returned as `present`.
 * - `"split"` (serl's decode graph): scores against the past and against the new keys are
 *   computed separately and concatenated; only the new keys and values are returned, so the
 *   caller can keep the cache in place and append to it. The past values are stored
 *   transposed, `[batch, kvHeads, headDim, past]`, and both cache products are written with
 *   the cache as the left operand (`K @ qᵀ`, `Vᵀ @ pᵀ`): onnxruntime's CPU MatMul then
 *   streams the cache once against a tiny packed right operand, about 30% faster at decode
 *   (M = groups) than `q @ Kᵀ` and `p @ V`, which re-pack the cache on every call.
 *
 * @module
 */
import type { GraphBuilder } from "../onnx/builder.ts";
import type { LlamaConfig } from "./llama_config.ts";
import { emitRotary, type RotaryTables } from "./emit_rotary.ts";

/** Value names of one layer's attention parameters (biases only for q/k/v with attention bias). */
export interface AttentionWeights {
  /** `q_proj.weight`, `[hidden, heads * headDim]`. */
  q: string;
  /** `k_proj.weight`, `[hidden, kvHeads * headDim]`. */
  k: string;
  /** `v_proj.weight`, `[hidden, kvHeads * headDim]`. */
  v: string;
  /** `o_proj.weight`, `[heads * headDim, hidden]`. */
  o: string;
  /** `q_proj.bias` (Qwen2). */
  qBias?: string;
  /** `k_proj.bias` (Qwen2). */
  kBias?: string;
  /** `v_proj.bias` (Qwen2). */
  vBias?: string;
}

/**
 * A past KV cache input of one layer: keys `[batch, kvHeads, past, headDim]`; values the
 * same for `"concat"` and transposed, `[batch, kvHeads, headDim, past]`, for `"split"`.
 */
export interface AttentionPast {
  /** Past keys. */
  key: string;
  /** Past values (transposed for `"split"`). */
  value: string;
  /** How the cache is used, see the module doc. */
  mode: "concat" | "split";
}

/** What {@linkcode emitAttention} produces. */
export interface AttentionOutputs {
  /** Attention output after `o_proj`, `[batch, seq, hidden]`. */
  out: string;
  /** Keys: the full present for `"concat"`, otherwise the new keys `[batch, kvHeads, seq, headDim]`. */
  key: string;
  /** Values, like `key`. */
  value: string;
}

/**
 * Emits self-attention for normalized hidden states `x` `[batch, seq, hidden]`.
 *
 * @param b Builder.
 * @param cfg Architecture.
 * @param w The layer's weight value names.
 * @param x Normalized input.
 * @param rotary Tables from `emitRotaryTables`.
 * @param bias Additive bias from `emitAttentionBias` (`[batch, 1, groups * seq, total]`).
 * @param past The layer's cache, if any.
 *
 * @example
 * ```ts
 * import { GraphBuilder } from "../onnx/builder.ts";
 * import { llamaConfig } from "./llama_config.ts";
 * import { emitAttention } from "./emit_attention.ts";
 * import { emitAttentionBias } from "./emit_attention_bias.ts";
 * import { emitRotaryTables } from "./emit_rotary.ts";
 * const cfg = llamaConfig({ vocabSize: 8, hiddenSize: 8, numHiddenLayers: 1,
 *   numAttentionHeads: 2, numKeyValueHeads: 1, intermediateSize: 8 });
 * const b = new GraphBuilder();
 * const x = b.input("x", "float32", ["b", "s", 8]);
 * const ids = b.input("input_ids", "int64", ["b", "s"]);
 * const bias = emitAttentionBias(b, b.input("attention_mask", "int64", ["b", "s"]), ids, 2);
 * const rot = emitRotaryTables(b, b.input("position_ids", "int64", ["b", "s"]), 4, 10000);
 * const w = { q: b.input("q", "float32", [8, 8]), k: b.input("k", "float32", [8, 4]),
 *   v: b.input("v", "float32", [8, 4]), o: b.input("o", "float32", [8, 8]) };
 * const { out } = emitAttention(b, cfg, w, x, rot, bias);
 * if (typeof out !== "string") throw new Error("no output");
 * ```
 */
export function emitAttention(
  b: GraphBuilder,
  cfg: LlamaConfig,
  w: AttentionWeights,
  x: string,
  rotary: RotaryTables,
  bias: string,
  past?: AttentionPast,
): AttentionOutputs {
  const { numAttentionHeads: heads, numKeyValueHeads: kvHeads, headDim } = cfg;
  const headsFirst = (y: string) => b.transpose(y, [0, 2, 1, 3]); // [b, n, s, d]
  const keysLast = (y: string) => b.transpose(y, [0, 1, 3, 2]); // [b, n, d, t]

  // One MatMul for q, k and v (the weight Concat is constant-folded when the weights are
  // initializers), and one rotary application for the q and k heads together.
  let qkv = b.matMul(x, b.op("Concat", [w.q, w.k, w.v], { axis: 1 }));
  if (w.qBias !== undefined && w.kBias !== undefined && w.vBias !== undefined) {
    qkv = b.add(qkv, b.op("Concat", [w.qBias, w.kBias, w.vBias], { axis: 0 }));
  }
  qkv = b.reshape(qkv, [0, 0, heads + 2 * kvHeads, headDim]); // [b, s, heads + 2 kv, d]
  const [qk, vHeads] = b.node("Split", [qkv, b.ints([heads + kvHeads, kvHeads])], { axis: 2 }, {
    outputs: 2,
  });
  const [qRotated, kRotated] = b.node(
    "Split",
    [emitRotary(b, qk!, rotary, headDim), b.ints([heads, kvHeads])],
    { axis: 2 },
    { outputs: 2 },
  );
  // Scaling q before the product touches headDim values per query instead of `total`.
  const qScaled = b.mul(qRotated!, b.constant(1 / Math.sqrt(headDim)));
  const q = b.reshape(headsFirst(qScaled), [0, kvHeads, -1, headDim]); // [b, kv, groups * s, d]
  const k = headsFirst(kRotated!);
  const v = headsFirst(vHeads!);

  let context: string;
  let key = k;
  let value = v;
  if (past?.mode === "split") {
    const swap = [0, 1, 3, 2];
    const scores = b.op("Concat", [
      b.transpose(b.matMul(past.key, b.transpose(q, swap)), swap),
      b.matMul(q, keysLast(k)),
    ], { axis: -1 });
    const probs = b.op("Softmax", [b.add(scores, bias)], { axis: -1 });
    const pastLength = b.op("Shape", [past.key], { start: 2, end: 3 });
    const newLength = b.op("Shape", [k], { start: 2, end: 3 });
    const [pastProbs, newProbs] = b.node(
      "Split",
      [
        probs,
        b.op("Concat", [pastLength, newLength], { axis: 0 }),
      ],
      { axis: -1 },
      { outputs: 2 },
    );
    const pastContext = b.transpose(b.matMul(past.value, b.transpose(pastProbs!, swap)), swap);
    context = b.add(pastContext, b.matMul(newProbs!, v));
  } else {
    if (past !== undefined) {
      key = b.op("Concat", [past.key, k], { axis: 2 });
      value = b.op("Concat", [past.value, v], { axis: 2 });
    }
    const probs = b.op("Softmax", [b.add(b.matMul(q, keysLast(key)), bias)], { axis: -1 });
    context = b.matMul(probs, value);
  }
  // [b, kv, groups * s, d] -> [b, heads, s, d] -> [b, s, heads * d]
  const merged = b.reshape(
    b.transpose(b.reshape(context, [0, heads, -1, headDim]), [0, 2, 1, 3]),
    [0, 0, heads * headDim],
  );
  return { out: b.matMul(merged, w.o), key, value };
}
