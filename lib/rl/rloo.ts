/**
 * RLOO advantages (REINFORCE leave-one-out; OpenRLHF `rloo`).
 *
 * @module
 */
import { assertAdvantageInput, assertUndiscounted } from "./_advantage_input.ts";
import {
  type AdvantageInput,
  type AdvantageOptions,
  advantagesFromShapedRewards,
} from "./advantage_pipeline.ts";

/**
 * Leave-one-out baseline: `R̃_i = R_i - (Σ_g R - R_i)/(n - 1)` within each contiguous group.
 *
 * @param rewards (B) scalar rewards, groups as contiguous blocks.
 * @param groupSize n >= 2.
 * @returns (B) shaped rewards.
 *
 * @example
 * ```ts
 * import { leaveOneOutRewards } from "./rloo.ts";
 * const r = leaveOneOutRewards([1, 0, 0], 3); // 1 - 0/2, 0 - 1/2, 0 - 1/2
 * if (r.join() !== "1,-0.5,-0.5") throw new Error(`got ${r}`);
 * ```
 */
export function leaveOneOutRewards(rewards: readonly number[], groupSize: number): number[] {
  const out = new Array<number>(rewards.length);
  for (let start = 0; start < rewards.length; start += groupSize) {
    // Relative to the first reward, so a group of equal rewards gives exact zeros.
    const first = rewards[start]!;
    let sum = 0;
    for (let j = start; j < start + groupSize; j++) sum += rewards[j]! - first;
    for (let j = start; j < start + groupSize; j++) {
      const own = rewards[j]! - first;
      out[j] = own - (sum - own) / (groupSize - 1);
    }
  }
  return out;
}

/**
 * RLOO (Ahmadian et al., "Back to Basics: Revisiting REINFORCE Style Optimization for
 * Learning from Human Feedback in LLMs", arXiv 2402.14740; the estimator is Kool et al.,
 * "Buy 4 REINFORCE Samples, Get a Baseline for Free!", ICLR 2019 workshop): each response's
 * baseline is the mean reward of the other n - 1 responses to its prompt.
 *
 * Deviations from the paper, as in SeRL's OpenRLHF 0.7.1: the KL penalty is per token in
 * the reward (the paper puts a sequence-level KL into R); returns per token; γ forced to 1
 * (serl throws on γ ≠ 1); reward clip ±10; and global whitening, which later OpenRLHF
 * dropped for RLOO (pass `whiten: false` for that). With β = 0, R̃ is n/(n-1) times the
 * group-mean baseline's, so after whitening RLOO equals REINFORCE++-baseline. float64.
 *
 * @param input Rewards, group size (n >= 2), old and reference log-probs.
 * @param options β, KL estimator and pipeline options (whitening on by default).
 * @returns (B, T_i) advantages.
 * @throws {RangeError} When n < 2, γ ≠ 1 or shapes are inconsistent.
 *
 * @example Unwhitened, no KL
 * ```ts
 * import { rlooAdvantages } from "./rloo.ts";
 * const a = rlooAdvantages(
 *   { rewards: [1, 0], groupSize: 2, logProbs: [[-1], [-2, -3]] },
 *   { klCoef: 0, klEstimator: "k1", whiten: false },
 * );
 * if (a[0]!.join() !== "1" || a[1]!.join() !== "-1,-1") throw new Error(`got ${a}`);
 * ```
 */
export function rlooAdvantages(input: AdvantageInput, options: AdvantageOptions): number[][] {
  const context = "Cannot compute RLOO advantages";
  assertAdvantageInput(input, options, context, 2);
  assertUndiscounted(options, context);
  const shaped = leaveOneOutRewards(input.rewards, input.groupSize);
  return advantagesFromShapedRewards(shaped, input, options);
}
