/**
 * Validation of an advantage estimator's input, shared by the estimator files. Private to
 * the area.
 *
 * @module
 */
import type { AdvantageInput, AdvantageOptions } from "./advantage_pipeline.ts";
import { assertFiniteList, assertRagged, assertSameShape } from "./_ragged.ts";
import { KL_ESTIMATORS } from "./kl.ts";

/**
 * Throws a TypeError or RangeError unless `input` and `options` are consistent.
 *
 * @param input The batch.
 * @param options The estimator options.
 * @param context Start of the messages, e.g. "Cannot compute GRPO advantages".
 * @param minGroupSize 2 for estimators that compare responses within a group, else 1.
 */
export function assertAdvantageInput(
  input: AdvantageInput,
  options: AdvantageOptions,
  context: string,
  minGroupSize: 1 | 2,
): void {
  const { rewards, groupSize, logProbs, refLogProbs } = input;
  const { klCoef, klEstimator, klInReward = true } = options;
  assertFiniteList(rewards, "rewards", context);
  if (!Number.isInteger(groupSize) || groupSize < minGroupSize) {
    throw new RangeError(
      `${context} as group size must be an integer >= ${minGroupSize}: ` +
        `current value is ${groupSize}`,
    );
  }
  if (rewards.length === 0) throw new RangeError(`${context}: the batch has no responses`);
  if (rewards.length % groupSize !== 0) {
    throw new RangeError(
      `${context}: ${rewards.length} responses do not split into groups of ${groupSize}`,
    );
  }
  assertRagged(logProbs, "logProbs", context);
  if (logProbs.length !== rewards.length) {
    throw new RangeError(
      `${context}: logProbs has ${logProbs.length} responses, rewards has ${rewards.length}`,
    );
  }
  if (typeof klCoef !== "number" || !Number.isFinite(klCoef)) {
    throw new RangeError(`${context}: klCoef must be a finite number, got ${klCoef}`);
  }
  if (!KL_ESTIMATORS.includes(klEstimator)) {
    throw new TypeError(`${context}: unknown klEstimator "${klEstimator}"`);
  }
  if (klInReward && klCoef > 0) {
    if (refLogProbs === undefined) {
      throw new TypeError(
        `${context}: refLogProbs is required when the KL is in the reward (klCoef ${klCoef})`,
      );
    }
    assertRagged(refLogProbs, "refLogProbs", context);
    assertSameShape(refLogProbs, logProbs, "refLogProbs", "logProbs", context);
  }
}

/**
 * Throws unless γ is 1: the group estimators do not discount (OpenRLHF forces γ = 1 for
 * them with a warning; serl refuses instead of silently changing the value).
 */
export function assertUndiscounted(options: AdvantageOptions, context: string): void {
  const { gamma = 1 } = options;
  if (gamma !== 1) {
    throw new RangeError(
      `${context} as gamma must be 1 for group estimators (only reinforce_pp discounts): ` +
        `current value is ${gamma}`,
    );
  }
}

/** Mean of `values[start … start+n-1]`, accumulated relative to the first (exact on ties). */
export function blockMean(values: readonly number[], start: number, n: number): number {
  const first = values[start]!;
  let sum = 0;
  for (let j = start; j < start + n; j++) sum += values[j]! - first;
  return first + sum / n;
}
