/**
 * The part of generation that runs the model: a batch of left-padded rows advancing one
 * token per step over a KV cache. Two implementations share this interface:
 * `split_cache_decoder.ts` (serl's decode graph; the cache stays in place and only new
 * keys/values come back) and `concat_cache_decoder.ts` (any optimum-style with-past export;
 * the graph returns the grown cache every step).
 *
 * Row layout: every row of a batch has the same number of columns (slots); a row's first
 * `pad[row]` columns are padding (attention mask 0), and the position of column `c` is
 * `c - pad[row]`. Rows advance together, so a new token always lands in the same column.
 *
 * @module
 */
import * as ort from "onnxruntime-node";

/** A batch decoder with a KV cache. */
export interface DecoderRunner {
  /** Rows in the batch now. */
  readonly rows: number;
  /** Vocabulary size (logits per row). */
  readonly vocabSize: number;
  /**
   * Runs the prompts (left-padded to the longest) and fills the cache, repeating prompt `p`'s
   * cache `counts[p]` times (rows in prompt order). Returns the last-position logits of each
   * prompt, `[prompts, vocab]`.
   */
  prefill(
    prompts: readonly (readonly number[])[],
    counts: readonly number[],
  ): Promise<Float32Array>;
  /** Feeds one token per row; returns logits `[rows, vocab]` (valid until the next call). */
  step(tokens: Int32Array): Promise<Float32Array>;
  /** Keeps only the rows at these ascending indices, in order (the others leave the batch). */
  keep(rows: readonly number[]): void;
}

/** Left-padding counts of prompts padded to the longest one. */
export function leftPadding(
  prompts: readonly (readonly number[])[],
): { pad: Int32Array; length: number } {
  let length = 0;
  for (const p of prompts) length = Math.max(length, p.length);
  return { pad: Int32Array.from(prompts, (p) => length - p.length), length };
}

/** `input_ids` of prompts `[from, to)` left-padded to `length` (padding id 0, masked out). */
export function paddedIds(
  prompts: readonly (readonly number[])[],
  from: number,
  to: number,
  length: number,
): ort.Tensor {
  const ids = new BigInt64Array((to - from) * length);
  for (let r = from; r < to; r++) {
    const p = prompts[r]!;
    const start = (r - from) * length + length - p.length;
    for (let i = 0; i < p.length; i++) ids[start + i] = BigInt(p[i]!);
  }
  return new ort.Tensor("int64", ids, [to - from, length]);
}

/**
 * Fills `mask` (`[rows, columns]`, a reused buffer): column `c` of row `r` is real (1) when
 * `c >= pad[r]` and it is either a filled cache slot (`c < filledTo`) or one of the `fresh`
 * tokens being fed (the last `fresh` columns); empty cache slots and padding are 0.
 */
export function fillAttentionMask(
  mask: BigInt64Array,
  pad: Int32Array,
  rows: number,
  columns: number,
  filledTo: number,
  fresh: number,
): ort.Tensor {
  const view = mask.subarray(0, rows * columns);
  view.fill(0n);
  for (let r = 0; r < rows; r++) {
    const at = r * columns;
    const first = pad[r]!;
    if (first < filledTo) view.fill(1n, at + first, at + filledTo);
    view.fill(1n, at + Math.max(first, columns - fresh), at + columns);
  }
  return new ort.Tensor("int64", view, [rows, columns]);
}

/** `position_ids` `[rows, fresh]` for tokens at columns `first .. first + fresh - 1`. */
export function positionIds(
  pad: Int32Array,
  rows: number,
  first: number,
  fresh: number,
): ort.Tensor {
  const ids = new BigInt64Array(rows * fresh);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < fresh; j++) ids[r * fresh + j] = BigInt(Math.max(0, first + j - pad[r]!));
  }
  return new ort.Tensor("int64", ids, [rows, fresh]);
}

/** `input_ids` `[rows, 1]` of one new token per row. */
export function stepIds(tokens: Int32Array, rows: number): ort.Tensor {
  const ids = new BigInt64Array(rows);
  for (let r = 0; r < rows; r++) ids[r] = BigInt(tokens[r]!);
  return new ort.Tensor("int64", ids, [rows, 1]);
}

/**
 * Moves the kept rows to the front, in order, for `DecoderRunner.keep`: each row's block of
 * every cache (`block` floats: `[kvHeads, slots, headDim]` of one row) and its padding count.
 * `kept` is ascending, so a row only ever moves toward the front and nothing is overwritten
 * before it is read.
 */
export function keepCacheRows(
  caches: readonly Float32Array[],
  pad: Int32Array,
  kept: readonly number[],
  block: number,
): void {
  for (let r = 0; r < kept.length; r++) {
    const old = kept[r]!;
    if (old === r) continue;
    for (const cache of caches) cache.copyWithin(r * block, old * block, (old + 1) * block);
    pad[r] = pad[old]!;
  }
}
