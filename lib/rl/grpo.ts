/**
 * GRPO advantages (OpenRLHF `group_norm`).
 *
 * @module
 */
import { assertAdvantageInput, assertUndiscounted, blockMean } from "./_advantage_input.ts";
import {
  type AdvantageInput,
  type AdvantageOptions,
  advantagesFromShapedRewards,
} from "./advantage_pipeline.ts";

/** The ε OpenRLHF adds to the group's standard deviation (not to the variance). */
export const GRPO_STD_EPSILON = 1e-9;

/**
 * Group-normalised rewards `R̃_i = (R_i - mean_g R) / (std_g R + 1e-9)`, where std is the
 * unbiased (n - 1) standard deviation, as torch's default `std`.
 *
 * @param rewards (B) scalar rewards, groups as contiguous blocks.
 * @param groupSize n >= 2.
 * @returns (B) shaped rewards; a group of equal rewards gives exact zeros.
 *
 * @example
 * ```ts
 * import { groupNormalizedRewards } from "./grpo.ts";
 * // mean 0.5, unbiased std sqrt((0.25 + 0.25) / 1)
 * const r = groupNormalizedRewards([1, 0], 2);
 * const want = 0.5 / (Math.sqrt(0.5) + 1e-9);
 * if (Math.abs(r[0]! - want) > 1e-15 || Math.abs(r[1]! + want) > 1e-15) {
 *   throw new Error(`got ${r}`);
 * }
 * ```
 */
export function groupNormalizedRewards(rewards: readonly number[], groupSize: number): number[] {
  const out = new Array<number>(rewards.length);
  for (let start = 0; start < rewards.length; start += groupSize) {
    const mean = blockMean(rewards, start, groupSize);
    let squares = 0;
    for (let j = start; j < start + groupSize; j++) squares += (rewards[j]! - mean) ** 2;
    const std = Math.sqrt(squares / (groupSize - 1));
    for (let j = start; j < start + groupSize; j++) {
      out[j] = (rewards[j]! - mean) / (std + GRPO_STD_EPSILON);
    }
  }
  return out;
}

/**
 * GRPO (Shao et al., "DeepSeekMath: Pushing the Limits of Mathematical Reasoning in Open
 * Language Models", arXiv 2402.03300, outcome supervision): each response's reward is
 * normalised within its group, `(R_i - mean) / std`, and every token of the response gets
 * that advantage.
 *
 * Deviations, as in SeRL's OpenRLHF 0.7.1: std is the unbiased (n - 1) one with 1e-9 added
 * to the std; no whitening by default; reward clip ±10 after shaping; γ forced to 1 (serl
 * throws on γ ≠ 1). The paper's KL is a k3 loss term: SeRL's GRPO script sets that up with
 * `klInReward: false` here plus `klLoss(..., { estimator: "k3" })`; with the default
 * `klInReward: true` the KL goes into the reward instead. The paper's per-sequence loss
 * normalisation is the policy loss's "seq-mean-token-mean" aggregation. float64.
 *
 * @param input Rewards, group size (n >= 2), old and reference log-probs.
 * @param options β, KL estimator and pipeline options (whitening off by default).
 * @returns (B, T_i) advantages.
 * @throws {RangeError} When n < 2, γ ≠ 1 or shapes are inconsistent.
 *
 * @example A zero-variance group gets zero advantage
 * ```ts
 * import { grpoAdvantages } from "./grpo.ts";
 * const a = grpoAdvantages(
 *   { rewards: [1, 1], groupSize: 2, logProbs: [[-1], [-2, -3]] },
 *   { klCoef: 0, klEstimator: "k3", klInReward: false },
 * );
 * if (a.flat().some((x) => x !== 0)) throw new Error(`got ${a}`);
 * ```
 */
export function grpoAdvantages(input: AdvantageInput, options: AdvantageOptions): number[][] {
  const context = "Cannot compute GRPO advantages";
  assertAdvantageInput(input, options, context, 2);
  assertUndiscounted(options, context);
  const shaped = groupNormalizedRewards(input.rewards, input.groupSize);
  return advantagesFromShapedRewards(shaped, input, {
    ...options,
    whiten: options.whiten ?? false,
  });
}
