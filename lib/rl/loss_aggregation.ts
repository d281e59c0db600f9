/**
 * How per-token losses become one number: per-token weights `w[i][t]` with
 * `loss = Σ w·ℓ`. Expressing every aggregation as weights lets the training graph take them
 * as an input (one graph for all modes) and makes gradient accumulation a plain sum.
 *
 * - `token-mean`: `Σ ℓ / N` over all N valid tokens (OpenRLHF's default `PolicyLoss`).
 * - `seq-mean-token-mean`: `mean_i (Σ_t ℓ / T_i)` (later OpenRLHF `token_level_loss=False`;
 *   also what SeRL effectively optimises: micro-batches of one sequence, token-mean each,
 *   averaged over the accumulation steps).
 * - `dr-grpo`: `Σ ℓ / (B · L_max)` with a constant L_max, the Dr.GRPO paper's loss (TRL
 *   `loss_type="dr_grpo"` uses `max_completion_length`).
 *
 * @module
 */

/** A loss aggregation mode. */
export type LossAggregation = "token-mean" | "seq-mean-token-mean" | "dr-grpo";

/** Every {@linkcode LossAggregation}, for validating config values. */
export const LOSS_AGGREGATIONS: readonly LossAggregation[] = [
  "token-mean",
  "seq-mean-token-mean",
  "dr-grpo",
];

/** Options for {@linkcode lossTokenWeights}. */
export interface LossTokenWeightsOptions {
  /**
   * L_max, the constant length of the `dr-grpo` aggregation: the generation's maximum
   * number of new tokens. Required for `dr-grpo` (a per-batch maximum would bring back the
   * length bias the constant removes); must be >= every response length.
   * @default {undefined}
   */
  maxLength?: number;
}

/**
 * Per-token weights of an aggregation mode, for responses of the given lengths.
 *
 * @param lengths (B) number of valid tokens of each response, each >= 1.
 * @param aggregation The mode.
 * @param options `maxLength` for `dr-grpo`.
 * @returns (B, T_i) weights; they sum to 1 except under `dr-grpo` (Σ T_i / (B·L_max)).
 * @throws {TypeError} On an unknown mode or a missing `maxLength` for `dr-grpo`.
 * @throws {RangeError} On empty batches, lengths < 1 or `maxLength` below a length.
 *
 * @example token-mean and seq-mean-token-mean differ on ragged lengths
 * ```ts
 * import { lossTokenWeights } from "./loss_aggregation.ts";
 * const tok = lossTokenWeights([1, 3], "token-mean");
 * const seq = lossTokenWeights([1, 3], "seq-mean-token-mean");
 * if (tok[0]![0] !== 0.25 || seq[0]![0] !== 0.5 || seq[1]![0] !== 1 / 6) {
 *   throw new Error(`got ${tok} / ${seq}`);
 * }
 * ```
 */
export function lossTokenWeights(
  lengths: readonly number[],
  aggregation: LossAggregation,
  options?: LossTokenWeightsOptions,
): number[][] {
  const context = "Cannot aggregate the loss";
  const { maxLength } = options ?? {};
  if (!LOSS_AGGREGATIONS.includes(aggregation)) {
    throw new TypeError(
      `${context}: unknown aggregation "${aggregation}" (expected ${LOSS_AGGREGATIONS.join(", ")})`,
    );
  }
  if (lengths.length === 0) throw new RangeError(`${context}: the batch has no responses`);
  let total = 0, longest = 0;
  for (const [i, n] of lengths.entries()) {
    if (!Number.isInteger(n) || n < 1) {
      throw new RangeError(`${context}: response ${i} has length ${n}, expected an integer >= 1`);
    }
    total += n;
    longest = Math.max(longest, n);
  }
  const b = lengths.length;
  if (aggregation === "token-mean") return lengths.map((n) => new Array(n).fill(1 / total));
  if (aggregation === "seq-mean-token-mean") {
    return lengths.map((n) => new Array(n).fill(1 / (b * n)));
  }
  if (maxLength === undefined) {
    throw new TypeError(`${context}: the dr-grpo aggregation needs maxLength (L_max)`);
  }
  if (!Number.isInteger(maxLength) || maxLength < longest) {
    throw new RangeError(
      `${context} as maxLength must be an integer >= the longest response (${longest}): ` +
        `current value is ${maxLength}`,
    );
  }
  return lengths.map((n) => new Array(n).fill(1 / (b * maxLength)));
}

/**
 * `Σ w[i][t]·v[i][t]`: applies weights from {@linkcode lossTokenWeights} to per-token
 * values of the same shape.
 *
 * @param values (B, T_i) per-token values.
 * @param weights (B, T_i) weights.
 * @returns The weighted sum.
 * @throws {RangeError} When the shapes differ.
 *
 * @example
 * ```ts
 * import { weightedTokenSum } from "./loss_aggregation.ts";
 * const s = weightedTokenSum([[2], [4, 6]], [[0.5], [0.25, 0.25]]);
 * if (s !== 3.5) throw new Error(`got ${s}`);
 * ```
 */
export function weightedTokenSum(
  values: readonly (readonly number[])[],
  weights: readonly (readonly number[])[],
): number {
  if (values.length !== weights.length) {
    throw new RangeError(
      `Cannot aggregate the loss: ${values.length} responses, ${weights.length} weight rows`,
    );
  }
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!, w = weights[i]!;
    if (v.length !== w.length) {
      throw new RangeError(
        `Cannot aggregate the loss: response ${i} has ${v.length} values, ${w.length} weights`,
      );
    }
    for (let t = 0; t < v.length; t++) sum += w[t]! * v[t]!;
  }
  return sum;
}
