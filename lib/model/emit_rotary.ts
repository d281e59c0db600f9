/**
 * Rotary position embeddings (RoPE, Su et al. 2021, arXiv 2104.09864) in the "rotate half"
 * form of Hugging Face Llama: `x * cos + rotate_half(x) * sin`, with the angles computed in
 * the graph from `position_ids` (Cos/Sin of positions, no cached table).
 *
 * @module
 */
import type { GraphBuilder } from "../onnx/builder.ts";

/** The cos/sin tables of one graph, shaped `[batch, seq, 1, headDim]` to broadcast over heads. */
export interface RotaryTables {
  /** `cos(pos * f)` for the frequencies repeated twice (`[f, f]`). */
  cos: string;
  /** `sin(pos * f)` with the first half negated (`[-sin f, sin f]`), see {@linkcode emitRotary}. */
  signedSin: string;
}

/**
 * Emits the rotary tables for `positionIds` (int64 `[batch, seq]`). The inverse frequencies
 * `theta^(-2i/headDim)` are a float32 constant.
 *
 * @example
 * ```ts
 * import { GraphBuilder } from "../onnx/builder.ts";
 * import { emitRotaryTables } from "./emit_rotary.ts";
 * const b = new GraphBuilder();
 * const t = emitRotaryTables(b, b.input("position_ids", "int64", ["b", "s"]), 8, 10000);
 * if (t.cos === t.signedSin) throw new Error("tables must differ");
 * ```
 */
export function emitRotaryTables(
  b: GraphBuilder,
  positionIds: string,
  headDim: number,
  theta: number,
): RotaryTables {
  const half = headDim / 2;
  const inverseFrequencies = Array.from({ length: half }, (_, i) => theta ** (-(2 * i) / headDim));
  // [batch, seq, 1] * [half] -> [batch, seq, half]
  const positions = b.unsqueeze(b.cast(positionIds, "float32"), [-1]);
  const angles = b.mul(positions, b.constant(inverseFrequencies, [half]));
  const cosHalf = b.op("Cos", [angles]);
  const sinHalf = b.op("Sin", [angles]);
  const cos = b.op("Concat", [cosHalf, cosHalf], { axis: -1 });
  const signedSin = b.op("Concat", [b.neg(sinHalf), sinHalf], { axis: -1 });
  return { cos: b.unsqueeze(cos, [2]), signedSin: b.unsqueeze(signedSin, [2]) };
}

/**
 * Applies rotary embeddings to `x` shaped `[batch, seq, heads, headDim]`:
 * `x * cos + swap_halves(x) * signed_sin`, which equals Llama's
 * `x * cos + rotate_half(x) * sin` with `rotate_half(x) = [-x2, x1]`.
 *
 * @example
 * ```ts
 * import { GraphBuilder } from "../onnx/builder.ts";
 * import { emitRotary, emitRotaryTables } from "./emit_rotary.ts";
 * const b = new GraphBuilder();
 * const t = emitRotaryTables(b, b.input("position_ids", "int64", ["b", "s"]), 8, 10000);
 * const y = emitRotary(b, b.input("q", "float32", ["b", "s", 2, 8]), t, 8);
 * if (b.graph.nodes.at(-1)!.outputs[0] !== y) throw new Error("not the last node");
 * ```
 */
export function emitRotary(
  b: GraphBuilder,
  x: string,
  tables: RotaryTables,
  headDim: number,
): string {
  const half = headDim / 2;
  const axis = b.ints([-1]);
  const first = b.op("Slice", [x, b.ints([0]), b.ints([half]), axis]);
  const second = b.op("Slice", [x, b.ints([half]), b.ints([headDim]), axis]);
  const swapped = b.op("Concat", [second, first], { axis: -1 });
  return b.add(b.mul(x, tables.cos), b.mul(swapped, tables.signedSin));
}
