/**
 * Gradient accumulation over the micro-batches of one optimizer step. Each micro-batch's
 * loss is `Σ w·ℓ` with per-token weights from {@linkcode microBatchLossWeights}; the
 * step's gradient is then the plain sum of the micro-batch gradients
 * ({@linkcode accumulateGradients}).
 *
 * Two scopes:
 * - `"micro-batch"` (SeRL's OpenRLHF 0.7.1 with DeepSpeed): each micro-batch aggregates its
 *   own tokens, and the K micro-batch losses are averaged (DeepSpeed divides by the
 *   accumulation steps). With SeRL's micro-batch of one sequence and token-mean, the step
 *   optimises seq-mean-token-mean over its 16 sequences.
 * - `"step"` (later OpenRLHF): the aggregation spans all tokens of the optimizer step, e.g.
 *   token-mean divides by the step's total token count.
 *
 * @module
 */
import { type LossAggregation, lossTokenWeights } from "./loss_aggregation.ts";

/** Where the aggregation's denominator is taken. */
export type AccumulationScope = "micro-batch" | "step";

/** Options for {@linkcode microBatchLossWeights}. */
export interface MicroBatchLossWeightsOptions {
  /**
   * Aggregate per micro-batch and average (SeRL) or over the whole step (later OpenRLHF).
   * @default {"micro-batch"}
   */
  scope?: AccumulationScope;
  /**
   * L_max for the "dr-grpo" aggregation.
   * @default {undefined}
   */
  maxLength?: number;
}

/**
 * Per-token loss weights of every micro-batch of one optimizer step, such that summing
 * the micro-batch gradients gives the step's gradient.
 *
 * @param microBatchLengths (K, B_k) valid-token count of each response of each micro-batch.
 * @param aggregation The loss aggregation mode.
 * @param options Scope and `maxLength`.
 * @returns (K, B_k, T) weights.
 * @throws {RangeError} On an empty step or empty micro-batch.
 *
 * @example SeRL: one sequence per micro-batch, token-mean = seq-mean-token-mean
 * ```ts
 * import { microBatchLossWeights } from "./grad_accumulation.ts";
 * const w = microBatchLossWeights([[1], [2]], "token-mean");
 * // micro-batch 0: 1/1 / 2 ; micro-batch 1: 1/2 / 2 per token
 * if (w[0]![0]![0] !== 0.5 || w[1]![0]![1] !== 0.25) throw new Error(`got ${w}`);
 * ```
 */
export function microBatchLossWeights(
  microBatchLengths: readonly (readonly number[])[],
  aggregation: LossAggregation,
  options?: MicroBatchLossWeightsOptions,
): number[][][] {
  const { scope = "micro-batch", maxLength } = options ?? {};
  const extra = maxLength === undefined ? {} : { maxLength };
  const k = microBatchLengths.length;
  if (k === 0) throw new RangeError("Cannot weight micro-batches: the step has none");
  for (const [i, lengths] of microBatchLengths.entries()) {
    if (lengths.length === 0) {
      throw new RangeError(`Cannot weight micro-batches: micro-batch ${i} is empty`);
    }
  }
  if (scope === "micro-batch") {
    return microBatchLengths.map((lengths) =>
      lossTokenWeights(lengths, aggregation, extra).map((row) => row.map((w) => w / k))
    );
  }
  if (scope !== "step") {
    throw new TypeError(`Cannot weight micro-batches: unknown scope "${scope}"`);
  }
  const all = lossTokenWeights(microBatchLengths.flat(), aggregation, extra);
  let next = 0;
  return microBatchLengths.map((lengths) => {
    const rows = all.slice(next, next + lengths.length);
    next += lengths.length;
    return rows;
  });
}

/**
 * `acc[k][j] += scale · grads[k][j]` for every tensor, in place, with no allocation.
 *
 * @param acc The accumulated gradients (start from zeros), modified in place.
 * @param grads One micro-batch's gradients, same shapes.
 * @param scale Factor applied to `grads` (1 when the loss weights already scale them).
 * @throws {RangeError} On shape mismatches.
 *
 * @example
 * ```ts
 * import { accumulateGradients } from "./grad_accumulation.ts";
 * const acc = [new Float32Array([1, 1])];
 * accumulateGradients(acc, [new Float32Array([2, 4])], 0.5);
 * if (acc[0]!.join() !== "2,3") throw new Error(`got ${acc[0]}`);
 * ```
 */
export function accumulateGradients(
  acc: Float32Array[],
  grads: readonly Float32Array[],
  scale = 1,
): void {
  if (acc.length !== grads.length) {
    throw new RangeError(
      `Cannot accumulate gradients: ${acc.length} accumulators, ${grads.length} gradients`,
    );
  }
  for (let k = 0; k < acc.length; k++) {
    const a = acc[k]!, g = grads[k]!;
    if (a.length !== g.length) {
      throw new RangeError(
        `Cannot accumulate gradients: tensor ${k} has ${a.length} values, gradient ${g.length}`,
      );
    }
    for (let j = 0; j < a.length; j++) a[j] = a[j]! + scale * g[j]!;
  }
}
