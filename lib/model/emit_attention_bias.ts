/**
 * The additive attention bias of a causal decoder with padding: 0 where a query may attend
 * a key, a large negative number where the key is in the query's future or is padding.
 *
 * Keys are the `total = past + seq` positions the attention mask covers; the queries are
 * the last `seq` of them. All of it is integer/boolean plumbing (Shape, Range, Less, Equal,
 * Where), so no gradient flows through it.
 *
 * @module
 */
import type { GraphBuilder } from "../onnx/builder.ts";

/**
 * The bias added to blocked scores. Finite so that a fully blocked row (a padding query)
 * still gives a finite softmax; exp(-1e9) is exactly 0 in float32.
 */
export const ATTENTION_BLOCKED: number = -1e9;

/**
 * Emits the bias `[batch, 1, groups * seq, total]` for attention scores laid out as
 * `[batch, kvHeads, groups * seq, total]` (query heads grouped under their KV head).
 *
 * @param b Builder.
 * @param attentionMask int64 `[batch, total]`, 1 for real tokens and 0 for padding.
 * @param inputIds int64 `[batch, seq]` (only its shape is read).
 * @param groups Query heads per KV head; the `[seq, total]` block repeats that many times.
 * @returns The float32 bias value name.
 *
 * @example
 * ```ts
 * import { GraphBuilder } from "../onnx/builder.ts";
 * import { emitAttentionBias } from "./emit_attention_bias.ts";
 * const b = new GraphBuilder();
 * const bias = emitAttentionBias(b, b.input("attention_mask", "int64", ["b", "t"]),
 *   b.input("input_ids", "int64", ["b", "s"]), 2);
 * if (!b.graph.nodes.some((n) => n.outputs.includes(bias))) throw new Error("no bias node");
 * ```
 */
export function emitAttentionBias(
  b: GraphBuilder,
  attentionMask: string,
  inputIds: string,
  groups: number,
): string {
  const scalar = (x: string, axis: number) =>
    b.squeeze(b.op("Shape", [x], { start: axis, end: axis + 1 }), [0]);
  const total = scalar(attentionMask, 1);
  const seq = scalar(inputIds, 1);
  const zero = b.ints([0], []);
  const one = b.ints([1], []);
  const keyPositions = b.op("Range", [zero, total, one]); // [total]
  const queryPositions = b.unsqueeze(b.op("Range", [b.sub(total, seq), total, one]), [1]); // [seq, 1]
  const future = b.op("Less", [queryPositions, keyPositions]); // [seq, total]
  const blocked = b.constant(ATTENTION_BLOCKED);
  const free = b.constant(0);
  const causal = b.op("Where", [future, blocked, free]);
  const padding = b.op("Equal", [attentionMask, b.ints([0], [])]); // [batch, total]
  const paddingBias = b.unsqueeze(b.op("Where", [padding, blocked, free]), [1, 2]); // [b,1,1,t]
  const bias = b.add(paddingBias, causal); // [batch, 1, seq, total]
  if (groups === 1) return bias;
  return b.op("Concat", Array.from({ length: groups }, () => bias), { axis: 2 });
}
