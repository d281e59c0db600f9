/**
 * Dr.GRPO advantages (OpenRLHF `dr_grpo`).
 *
 * @module
 */
import { assertAdvantageInput, assertUndiscounted } from "./_advantage_input.ts";
import {
  type AdvantageInput,
  type AdvantageOptions,
  advantagesFromShapedRewards,
} from "./advantage_pipeline.ts";
import { groupMeanBaselineRewards } from "./reinforce_pp_baseline.ts";

/**
 * Dr.GRPO (Liu et al., "Understanding R1-Zero-Like Training: A Critical Perspective",
 * arXiv 2503.20783): GRPO without the division by the group's std, `R̃_i = R_i - mean_g R`,
 * no whitening.
 *
 * Deviations: as OpenRLHF ("dr. grpo part 1"), this is only the advantage half of Dr.GRPO;
 * the paper's other half, the loss normalised by a constant (B · L_max) instead of each
 * response's length, is the policy loss's "dr-grpo" aggregation, chosen separately. The
 * KL penalty follows the options (the paper uses β = 0); reward clip ±10; γ forced to 1
 * (serl throws on γ ≠ 1); float64.
 *
 * @param input Rewards, group size (n >= 2), old and reference log-probs.
 * @param options β, KL estimator and pipeline options (whitening off by default).
 * @returns (B, T_i) advantages.
 * @throws {RangeError} When n < 2, γ ≠ 1 or shapes are inconsistent.
 *
 * @example
 * ```ts
 * import { drGrpoAdvantages } from "./dr_grpo.ts";
 * const a = drGrpoAdvantages(
 *   { rewards: [1, 0, 0, 0], groupSize: 4, logProbs: [[-1], [-1], [-1], [-1, -2]] },
 *   { klCoef: 0, klEstimator: "k1" },
 * );
 * if (a.flat().join() !== "0.75,-0.25,-0.25,-0.25,-0.25") throw new Error(`got ${a}`);
 * ```
 */
export function drGrpoAdvantages(input: AdvantageInput, options: AdvantageOptions): number[][] {
  const context = "Cannot compute Dr.GRPO advantages";
  assertAdvantageInput(input, options, context, 2);
  assertUndiscounted(options, context);
  const shaped = groupMeanBaselineRewards(input.rewards, input.groupSize);
  return advantagesFromShapedRewards(shaped, input, {
    ...options,
    whiten: options.whiten ?? false,
  });
}
