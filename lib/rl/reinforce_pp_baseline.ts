/**
 * REINFORCE++-baseline advantages (OpenRLHF `reinforce_baseline`).
 *
 * @module
 */
import { assertAdvantageInput, assertUndiscounted, blockMean } from "./_advantage_input.ts";
import {
  type AdvantageInput,
  type AdvantageOptions,
  advantagesFromShapedRewards,
} from "./advantage_pipeline.ts";

/**
 * Group-mean baseline: `R̃_i = R_i - mean_g(R)` within each contiguous group of n.
 * Dr.GRPO shapes rewards the same way.
 *
 * @param rewards (B) scalar rewards, groups as contiguous blocks.
 * @param groupSize n >= 1 (not checked here beyond divisibility by the callers).
 * @returns (B) shaped rewards; a group of equal rewards gives exact zeros.
 *
 * @example
 * ```ts
 * import { groupMeanBaselineRewards } from "./reinforce_pp_baseline.ts";
 * const r = groupMeanBaselineRewards([1, 0, 0, 0], 2);
 * if (r.join() !== "0.5,-0.5,0,0") throw new Error(`got ${r}`);
 * ```
 */
export function groupMeanBaselineRewards(rewards: readonly number[], groupSize: number): number[] {
  const out = new Array<number>(rewards.length);
  for (let start = 0; start < rewards.length; start += groupSize) {
    const mean = blockMean(rewards, start, groupSize);
    for (let j = start; j < start + groupSize; j++) out[j] = rewards[j]! - mean;
  }
  return out;
}

/**
 * REINFORCE++-baseline (Hu et al., arXiv 2501.03262, the "w/ baseline" variant): REINFORCE++
 * with the group-mean reward subtracted first, `R̃_i = R_i - mean_g(R)`, then the k1 KL
 * penalty per token, returns and global whitening.
 *
 * Deviations, as in SeRL's OpenRLHF 0.7.1: γ is forced to 1 (serl throws on γ ≠ 1
 * instead); reward clip ±10 after shaping; float64 (OpenRLHF: float32). OpenRLHF's
 * recipe for this variant uses the KL as a k2 loss (`klInReward: false`), not in the reward.
 *
 * @param input Rewards, group size (n >= 2), old and reference log-probs.
 * @param options β, KL estimator and pipeline options (whitening on by default).
 * @returns (B, T_i) advantages.
 * @throws {RangeError} When n < 2, γ ≠ 1 or shapes are inconsistent.
 *
 * @example Unwhitened, no KL: the centred reward on every token
 * ```ts
 * import { reinforcePPBaselineAdvantages } from "./reinforce_pp_baseline.ts";
 * const a = reinforcePPBaselineAdvantages(
 *   { rewards: [1, 0], groupSize: 2, logProbs: [[-1, -1], [-2]] },
 *   { klCoef: 0, klEstimator: "k1", whiten: false },
 * );
 * if (a[0]!.join() !== "0.5,0.5" || a[1]!.join() !== "-0.5") throw new Error(`got ${a}`);
 * ```
 */
export function reinforcePPBaselineAdvantages(
  input: AdvantageInput,
  options: AdvantageOptions,
): number[][] {
  const context = "Cannot compute REINFORCE++-baseline advantages";
  assertAdvantageInput(input, options, context, 2);
  assertUndiscounted(options, context);
  const shaped = groupMeanBaselineRewards(input.rewards, input.groupSize);
  return advantagesFromShapedRewards(shaped, input, options);
}
