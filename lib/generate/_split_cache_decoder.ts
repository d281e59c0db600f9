/**
 * The decoder runner for serl-built models: runs the `"decode"` graph, which takes the cache
 * as keys `[rows, kvHeads, capacity, headDim]` and transposed values
 * `[rows, kvHeads, headDim, capacity]` (empty slots masked out) and returns only the new
 * keys and values. The cache lives in one Float32Array per layer and kind, allocated once;
 * the attended capacity grows in place in chunks of {@linkcode CACHE_GROWTH} slots, so a step writes `rows * kvHeads * headDim`
 * floats per layer instead of receiving a copy of the whole cache.
 *
 * @module
 */
import * as ort from "onnxruntime-node";
import type { Session } from "../onnx/session.ts";
import type { LlamaConfig } from "../model/llama_config.ts";
import {
  type DecoderRunner,
  fillAttentionMask,
  keepCacheRows,
  leftPadding,
  paddedIds,
  positionIds,
  stepIds,
} from "./_decoder_runner.ts";

/** Slots added when the cache is full: attention then spans at most this many empty slots. */
export const CACHE_GROWTH = 32;

/** Options of {@linkcode splitCacheDecoder}. */
export interface SplitCacheDecoderOptions {
  /** Most columns a row will ever need (longest prompt + max new tokens). */
  maxColumns: number;
  /** Most padded prompt tokens per prefill run. */
  prefillTokens: number;
}

/** A runner over a session of serl's decode graph. */
export function splitCacheDecoder(
  session: Session,
  cfg: LlamaConfig,
  options: SplitCacheDecoderOptions,
): DecoderRunner {
  const { maxColumns, prefillTokens } = options;
  const { numHiddenLayers: layers, numKeyValueHeads: kv, headDim: d, vocabSize } = cfg;
  let rows = 0;
  let pad = new Int32Array(0);
  let filled = 0; // columns holding real cache entries (shared by all rows)
  let capacity = 0;
  // [layer * 2 + 0]: keys [rows, kv, capacity, d]; [layer * 2 + 1]: values [rows, kv, d, capacity]
  let caches: Float32Array[] = [];
  let mask = new BigInt64Array(0);

  /** Cache inputs over the first `n` rows; `null` gives one empty (masked) slot per row. */
  const pastFeeds = (n: number, slots: number | null): Record<string, ort.Tensor> => {
    const feeds: Record<string, ort.Tensor> = {};
    const empty = slots === null ? new Float32Array(n * kv * d) : null;
    if (slots === null) slots = 1;
    for (let l = 0; l < layers; l++) {
      for (let k = 0; k < 2; k++) {
        const data = empty ?? caches[l * 2 + k]!.subarray(0, n * kv * slots * d);
        feeds[k === 0 ? `cache.${l}.key` : `cache.${l}.value_t`] = new ort.Tensor(
          "float32",
          data,
          k === 0 ? [n, kv, slots, d] : [n, kv, d, slots],
        );
      }
    }
    return feeds;
  };

  /**
   * Copies `fresh` new slots of `source` row `s` (layout [.., kv, fresh, d]) into row `r` of
   * a key cache (`transposed` false) or a transposed value cache, from column `at`.
   */
  const writeSlots = (
    cache: Float32Array,
    transposed: boolean,
    source: Float32Array,
    s: number,
    r: number,
    at: number,
    fresh: number,
  ) => {
    for (let h = 0; h < kv; h++) {
      const from = (s * kv + h) * fresh * d;
      if (!transposed) {
        cache.set(source.subarray(from, from + fresh * d), ((r * kv + h) * capacity + at) * d);
        continue;
      }
      const base = (r * kv + h) * d * capacity + at;
      for (let i = 0; i < d; i++) {
        const row = base + i * capacity;
        for (let j = 0; j < fresh; j++) cache[row + j] = source[from + j * d + i]!;
      }
    }
  };

  const grow = (needed: number) => {
    const next = Math.min(maxColumns, Math.max(needed, capacity + CACHE_GROWTH));
    if (next < needed) {
      throw new RangeError(
        `Cannot extend the KV cache to ${needed} columns: the limit is ${maxColumns}`,
      );
    }
    // Re-lay each cache in place with the wider row stride, last line first (a line only
    // moves to higher offsets, so no unmoved line is overwritten). Slots past `filled` keep
    // stale finite values; the mask blocks them.
    for (let i = 0; i < caches.length; i++) {
      const cache = caches[i]!;
      const [lines, width, oldStride, newStride] = i % 2 === 0
        ? [rows * kv, filled * d, capacity * d, next * d]
        : [rows * kv * d, filled, capacity, next];
      for (let line = lines - 1; line > 0; line--) {
        cache.copyWithin(line * newStride, line * oldStride, line * oldStride + width);
      }
    }
    capacity = next;
  };

  return {
    get rows() {
      return rows;
    },
    vocabSize,

    async prefill(prompts, counts) {
      const layout = leftPadding(prompts);
      const length = layout.length;
      rows = counts.reduce((a, b) => a + b, 0);
      pad = new Int32Array(rows);
      const firstRow = new Int32Array(prompts.length);
      for (let p = 0, r = 0; p < prompts.length; r += counts[p]!, p++) {
        firstRow[p] = r;
        pad.fill(layout.pad[p]!, r, r + counts[p]!);
      }
      capacity = Math.min(maxColumns, length + CACHE_GROWTH);
      filled = 0;
      // Allocated once at full size (memory is what the longest sample needs anyway); the
      // attended capacity grows in place.
      caches = Array.from(
        { length: layers * 2 },
        () => new Float32Array(rows * kv * maxColumns * d),
      );
      mask = new BigInt64Array(Math.max(rows, prompts.length) * (maxColumns + 1));
      const logits = new Float32Array(prompts.length * vocabSize);
      const perRun = Math.max(1, Math.floor(prefillTokens / length));
      for (let from = 0; from < prompts.length; from += perRun) {
        const to = Math.min(prompts.length, from + perRun);
        const n = to - from;
        const out = await session.ort.run({
          "input_ids": paddedIds(prompts, from, to, length),
          // one masked dummy slot before the prompt columns (a zero-length cache would hit
          // onnxruntime's MatMul with an empty inner dimension, which leaves garbage)
          "attention_mask": fillAttentionMask(
            mask,
            layout.pad.subarray(from, to).map((p) => p + 1),
            n,
            length + 1,
            0,
            length,
          ),
          "position_ids": positionIds(layout.pad.subarray(from, to), n, 0, length),
          ...pastFeeds(n, null),
        });
        logits.set(out.logits!.data as Float32Array, from * vocabSize);
        for (let l = 0; l < layers; l++) {
          for (let k = 0; k < 2; k++) {
            const fresh = out[`current.${l}.${k === 0 ? "key" : "value"}`]!.data as Float32Array;
            for (let p = from; p < to; p++) {
              for (let c = 0; c < counts[p]!; c++) {
                writeSlots(
                  caches[l * 2 + k]!,
                  k === 1,
                  fresh,
                  p - from,
                  firstRow[p]! + c,
                  0,
                  length,
                );
              }
            }
          }
        }
      }
      filled = length;
      return logits;
    },

    async step(tokens) {
      if (filled + 1 > capacity) grow(filled + 1);
      const columns = capacity + 1;
      const out = await session.ort.run({
        "input_ids": stepIds(tokens, rows),
        "attention_mask": fillAttentionMask(mask, pad, rows, columns, filled, 1),
        "position_ids": positionIds(pad, rows, filled, 1),
        ...pastFeeds(rows, capacity),
      });
      for (let l = 0; l < layers; l++) {
        for (let k = 0; k < 2; k++) {
          const fresh = out[`current.${l}.${k === 0 ? "key" : "value"}`]!.data as Float32Array;
          for (let r = 0; r < rows; r++) {
            writeSlots(caches[l * 2 + k]!, k === 1, fresh, r, r, filled, 1);
          }
        }
      }
      filled += 1;
      return out.logits!.data as Float32Array;
    },

    keep(kept) {
      const block = kv * capacity * d;
      keepCacheRows(caches, pad, kept, block);
      rows = kept.length;
    },
  };
}
