/**
 * REINFORCE++ advantages (SeRL's default estimator, OpenRLHF `reinforce`).
 *
 * @module
 */
import { assertAdvantageInput } from "./_advantage_input.ts";
import {
  type AdvantageInput,
  type AdvantageOptions,
  advantagesFromShapedRewards,
} from "./advantage_pipeline.ts";

/**
 * REINFORCE++ (Hu et al., "REINFORCE++: An Efficient RLHF Algorithm with Robustness to Both
 * Prompt and Reward Models", arXiv 2501.03262): no baseline; the token reward is
 * `[t = EOS]·R - β·KL(t)` with k1 `KL(t) = log(π_old/π_ref)`, so
 * `A_t = R - β Σ_{s>=t} KL(s)`, whitened over the global batch.
 *
 * Deviations from the paper, all as in SeRL's OpenRLHF 0.7.1: the scalar reward is clipped
 * to ±10 before it is placed; γ is honoured (default 1); whitening uses the token-weighted
 * population variance with a 1e-8 floor. serl computes in float64 (OpenRLHF: float32). A
 * group of equal rewards does NOT get zero advantage here (there is no group baseline).
 *
 * @param input Rewards, group size, old and reference log-probs.
 * @param options β, KL estimator and pipeline options (whitening on by default).
 * @returns (B, T_i) advantages.
 * @throws {TypeError|RangeError} On inconsistent shapes or out-of-range options.
 *
 * @example Unwhitened, with a k1 KL penalty
 * ```ts
 * import { reinforcePPAdvantages } from "./reinforce_pp.ts";
 * const a = reinforcePPAdvantages(
 *   { rewards: [1], groupSize: 1, logProbs: [[-1, -1]], refLogProbs: [[-2, -1]] },
 *   { klCoef: 0.1, klEstimator: "k1", whiten: false },
 * );
 * // r = [-0.1·1, 1 - 0.1·0] ; A_0 = r_0 + r_1 = 0.9, A_1 = 1
 * if (Math.abs(a[0]![0]! - 0.9) > 1e-15 || a[0]![1] !== 1) throw new Error(`got ${a}`);
 * ```
 */
export function reinforcePPAdvantages(
  input: AdvantageInput,
  options: AdvantageOptions,
): number[][] {
  assertAdvantageInput(input, options, "Cannot compute REINFORCE++ advantages", 1);
  return advantagesFromShapedRewards(input.rewards, input, options);
}
