/**
 * The decoder runner for optimum / onnx-community with-past exports: feeds
 * `past_key_values.*` and takes `present.*` back as the next past (the graph returns the
 * whole grown cache every step, which is the export's contract). `position_ids` is fed only
 * when the graph declares it.
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

/** Options of {@linkcode concatCacheDecoder}. */
export interface ConcatCacheDecoderOptions {
  /** Most elements of prefill logits (`prompts * length * vocab`) per run. */
  prefillLogits: number;
}

/** A runner over a session of an exported with-past graph. */
export function concatCacheDecoder(
  session: Session,
  cfg: LlamaConfig,
  options: ConcatCacheDecoderOptions,
): DecoderRunner {
  const { numHiddenLayers: layers, numKeyValueHeads: kv, headDim: d, vocabSize } = cfg;
  const feedsPositions = session.ort.inputNames.includes("position_ids");
  const names = Array.from(
    { length: layers * 2 },
    (_, i) => `${Math.floor(i / 2)}.${i % 2 === 0 ? "key" : "value"}`,
  );
  let rows = 0;
  let columns = 0;
  let pad = new Int32Array(0);
  let past: Float32Array[] = [];
  let mask = new BigInt64Array(0);

  const pastFeeds = (n: number, length: number, parts: Float32Array[]) => {
    const feeds: Record<string, ort.Tensor> = {};
    names.forEach((name, i) => {
      feeds[`past_key_values.${name}`] = new ort.Tensor("float32", parts[i]!, [n, kv, length, d]);
    });
    return feeds;
  };

  return {
    get rows() {
      return rows;
    },
    vocabSize,

    async prefill(prompts, counts) {
      const layout = leftPadding(prompts);
      columns = layout.length;
      rows = counts.reduce((a, b) => a + b, 0);
      pad = new Int32Array(rows);
      past = names.map(() => new Float32Array(rows * kv * columns * d));
      const rowBlock = kv * columns * d;
      const logits = new Float32Array(prompts.length * vocabSize);
      const perRun = Math.max(1, Math.floor(options.prefillLogits / (columns * vocabSize)));
      mask = new BigInt64Array(Math.min(prompts.length, perRun) * columns);
      let row = 0;
      for (let from = 0; from < prompts.length; from += perRun) {
        const to = Math.min(prompts.length, from + perRun);
        const n = to - from;
        const padding = layout.pad.subarray(from, to);
        const out = await session.ort.run({
          "input_ids": paddedIds(prompts, from, to, columns),
          "attention_mask": fillAttentionMask(mask, padding, n, columns, 0, columns),
          ...(feedsPositions ? { "position_ids": positionIds(padding, n, 0, columns) } : {}),
          ...pastFeeds(n, 0, names.map(() => new Float32Array(0))),
        });
        const all = out.logits!.data as Float32Array; // [n, columns, vocab]
        for (let p = 0; p < n; p++) {
          const last = (p * columns + columns - 1) * vocabSize;
          logits.set(all.subarray(last, last + vocabSize), (from + p) * vocabSize);
        }
        for (let p = from; p < to; p++) {
          for (let c = 0; c < counts[p]!; c++, row++) {
            pad[row] = layout.pad[p]!;
            names.forEach((name, i) => {
              const present = out[`present.${name}`]!.data as Float32Array;
              past[i]!.set(
                present.subarray((p - from) * rowBlock, (p - from + 1) * rowBlock),
                row * rowBlock,
              );
            });
          }
        }
      }
      return logits;
    },

    async step(tokens) {
      if (mask.length < rows * (columns + 1)) mask = new BigInt64Array(rows * (columns + 64));
      const out = await session.ort.run({
        "input_ids": stepIds(tokens, rows),
        "attention_mask": fillAttentionMask(mask, pad, rows, columns + 1, columns, 1),
        ...(feedsPositions ? { "position_ids": positionIds(pad, rows, columns, 1) } : {}),
        ...pastFeeds(rows, columns, past),
      });
      past = names.map((name) => out[`present.${name}`]!.data as Float32Array);
      columns += 1;
      return out.logits!.data as Float32Array;
    },

    keep(kept) {
      const block = kv * columns * d;
      keepCacheRows(past, pad, kept, block);
      rows = kept.length;
      past = past.map((cache) => cache.subarray(0, rows * block));
    },
  };
}
