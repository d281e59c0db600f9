/**
 * Where the KL penalty goes for an experiment's RL settings: the estimator choice sets a
 * consistent placement unless `rl.klPlacement` / `rl.klEstimator` say otherwise (the SeRL
 * scripts: REINFORCE++ and RLOO put k1 into the reward; GRPO uses a k3 loss term, 1e-3,
 * with no KL in the reward; rl_math.md section 4).
 *
 * @module
 */
import type { KlEstimator } from "../rl/kl.ts";
import type { RlSection } from "./experiment.ts";

/** The effective KL settings of a run. */
export interface KlPlan {
  /** `"reward"`, `"loss"`, or `"none"` when `klCoef` is 0. */
  placement: "reward" | "loss" | "none";
  /** The estimator used where the KL goes. */
  estimator: KlEstimator;
  /** β in the per-token reward (0 unless placement is "reward"). */
  rewardCoef: number;
  /** β of the loss term (0 unless placement is "loss"). */
  lossCoef: number;
  /** Whether reference log-probs are needed (any KL at all). */
  needsReference: boolean;
}

/** Estimators whose SeRL script puts the KL into the loss rather than the reward. */
const LOSS_ESTIMATORS = new Set(["grpo", "dr_grpo"]);

/**
 * Resolves `"auto"` placement and estimator.
 *
 * @param rl The experiment's RL section.
 * @returns The effective plan.
 *
 * @example GRPO gets a k3 loss term; Reinforce++ k1 in the reward
 * ```ts
 * import { resolveKlPlan } from "./kl_placement.ts";
 * const base = { klCoef: 1e-3, klPlacement: "auto", klEstimator: "auto" } as const;
 * const g = resolveKlPlan({ ...base, estimator: "grpo" });
 * const r = resolveKlPlan({ ...base, estimator: "reinforce_pp" });
 * if (g.placement !== "loss" || g.estimator !== "k3" || g.rewardCoef !== 0) throw new Error();
 * if (r.placement !== "reward" || r.estimator !== "k1" || r.lossCoef !== 0) throw new Error();
 * ```
 */
export function resolveKlPlan(
  rl: Pick<RlSection, "estimator" | "klCoef" | "klPlacement" | "klEstimator">,
): KlPlan {
  const placement = rl.klPlacement !== "auto"
    ? rl.klPlacement
    : LOSS_ESTIMATORS.has(rl.estimator)
    ? "loss"
    : "reward";
  const estimator = rl.klEstimator !== "auto" ? rl.klEstimator : placement === "loss" ? "k3" : "k1";
  if (rl.klCoef === 0) {
    return { placement: "none", estimator, rewardCoef: 0, lossCoef: 0, needsReference: false };
  }
  return {
    placement,
    estimator,
    rewardCoef: placement === "reward" ? rl.klCoef : 0,
    lossCoef: placement === "loss" ? rl.klCoef : 0,
    needsReference: true,
  };
}
