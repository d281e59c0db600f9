/**
 * The advantage estimators by name, and {@linkcode computeAdvantages}, which dispatches on
 * a config value. Names are SeRL's config values; OpenRLHF's flags in brackets:
 * `reinforce_pp` (reinforce), `reinforce_pp_baseline` (reinforce_baseline), `rloo` (rloo),
 * `grpo` (group_norm), `dr_grpo` (dr_grpo).
 *
 * @module
 */
import type { AdvantageEstimator, AdvantageInput, AdvantageOptions } from "./advantage_pipeline.ts";
import { drGrpoAdvantages } from "./dr_grpo.ts";
import { grpoAdvantages } from "./grpo.ts";
import { reinforcePPAdvantages } from "./reinforce_pp.ts";
import { reinforcePPBaselineAdvantages } from "./reinforce_pp_baseline.ts";
import { rlooAdvantages } from "./rloo.ts";

/** The name of an advantage estimator, as config files spell it. */
export type AdvantageEstimatorName =
  | "reinforce_pp"
  | "reinforce_pp_baseline"
  | "rloo"
  | "grpo"
  | "dr_grpo";

/**
 * Every advantage estimator by name; all share the {@linkcode AdvantageEstimator}
 * signature.
 *
 * @example Look one up by a config value
 * ```ts
 * import { ADVANTAGE_ESTIMATORS } from "./compute_advantages.ts";
 * const a = ADVANTAGE_ESTIMATORS["rloo"](
 *   { rewards: [1, 0], groupSize: 2, logProbs: [[-1], [-1]] },
 *   { klCoef: 0, klEstimator: "k1", whiten: false },
 * );
 * if (a.flat().join() !== "1,-1") throw new Error(`got ${a}`);
 * ```
 */
export const ADVANTAGE_ESTIMATORS: Readonly<Record<AdvantageEstimatorName, AdvantageEstimator>> =
  Object.freeze({
    reinforce_pp: reinforcePPAdvantages,
    reinforce_pp_baseline: reinforcePPBaselineAdvantages,
    rloo: rlooAdvantages,
    grpo: grpoAdvantages,
    dr_grpo: drGrpoAdvantages,
  });

/** Options for {@linkcode computeAdvantages}. */
export interface ComputeAdvantagesOptions extends AdvantageOptions {
  /** Which estimator to run. */
  estimator: AdvantageEstimatorName;
  /**
   * Whiten RLOO's advantages, as SeRL's OpenRLHF 0.7.1 does; `false` is later OpenRLHF
   * (commit e554a337). An explicit `whiten` takes precedence.
   * @default {true}
   */
  rlooWhiten?: boolean;
}

/**
 * Advantages for one rollout batch with the named estimator: group shaping of the scalar
 * rewards, per-token reward with the KL penalty, returns, and global whitening, exactly
 * as SeRL's OpenRLHF computes them (see each estimator for its defaults and deviations).
 * Groups are contiguous blocks of `groupSize` responses. Whitening spans the whole batch:
 * pass the full rollout, then filter groups.
 *
 * @param input Rewards (B), group size, old-policy and reference log-probs (B, T_i).
 * @param options Estimator name, β, KL estimator and pipeline options.
 * @returns (B, T_i) advantage of each valid token.
 * @throws {TypeError} On an unknown estimator or malformed input.
 * @throws {RangeError} On group estimators with n < 2 and other range errors.
 *
 * @example REINFORCE++ with whitening: the two tokens of a 2-token batch become ∓1
 * ```ts
 * import { computeAdvantages } from "./compute_advantages.ts";
 * const a = computeAdvantages(
 *   { rewards: [1, 0], groupSize: 1, logProbs: [[-1], [-1]] },
 *   { estimator: "reinforce_pp", klCoef: 0, klEstimator: "k1" },
 * );
 * if (a.flat().join() !== "1,-1") throw new Error(`got ${a}`);
 * ```
 */
export function computeAdvantages(
  input: AdvantageInput,
  options: ComputeAdvantagesOptions,
): number[][] {
  const { estimator, rlooWhiten = true, ...rest } = options;
  if (typeof estimator !== "string" || !Object.hasOwn(ADVANTAGE_ESTIMATORS, estimator)) {
    throw new TypeError(
      `Cannot compute advantages: unknown estimator "${estimator}" ` +
        `(expected one of ${Object.keys(ADVANTAGE_ESTIMATORS).join(", ")})`,
    );
  }
  const whiten = rest.whiten ?? (estimator === "rloo" ? rlooWhiten : undefined);
  const estimatorOptions: AdvantageOptions = whiten === undefined ? rest : { ...rest, whiten };
  return ADVANTAGE_ESTIMATORS[estimator](input, estimatorOptions);
}
