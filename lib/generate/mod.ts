/**
 * Batched sampling with a KV cache on onnxruntime: left padding with per-row masks and
 * positions, one prefill per prompt shared by its samples, finished rows leaving the batch,
 * per-sample seeded streams, per-token log-probs at temperature 1, EOS and stop strings,
 * and logits processors as plain functions. Plus forward-only scoring of given sequences.
 *
 * ```ts
 * import { logitsContext, topKFilter } from "./mod.ts";
 * const logits = new Float32Array([1, 3, 2]);
 * topKFilter(1)(logits, logitsContext([], 3));
 * if (logits[1] !== 3 || logits[0] !== -Infinity) throw new Error("wrong filter");
 * ```
 *
 * @module
 */
export * from "./logits_processor.ts";
export * from "./presence_penalty.ts";
export * from "./temperature_scaling.ts";
export * from "./top_k_filter.ts";
export * from "./top_p_filter.ts";
export * from "./sample_logits.ts";
export * from "./text_tracker.ts";
export * from "./generate_options.ts";
export * from "./generate.ts";
export * from "./sequence_log_probs.ts";
