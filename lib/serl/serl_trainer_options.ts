/**
 * The policy trainer of an experiment's iteration: its `train` section, the KL loss term
 * of its KL plan, and the schedule over the iteration's optimizer updates.
 *
 * @module
 */
import type { Experiment } from "../config/experiment.ts";
import { resolveKlPlan } from "../config/kl_placement.ts";
import { deriveSeed } from "../random.ts";
import type { PolicyTrainerOptions } from "../train/policy_trainer_options.ts";

/**
 * Optimizer updates per step: `ceil(groupsPerStep x nVote / batchSize) x epochs` (SeRL:
 * 16 x 16 / 16 = 16).
 *
 * @example
 * ```ts
 * import { updatesPerStep } from "./serl_trainer_options.ts";
 * import { EXPERIMENT_DEFAULTS } from "../config/experiment_defaults.ts";
 * if (updatesPerStep(EXPERIMENT_DEFAULTS) !== 16) throw new Error();
 * ```
 */
export function updatesPerStep(experiment: Readonly<Experiment>): number {
  const { loop, rollout, train } = experiment;
  return Math.ceil((loop.groupsPerStep * rollout.nVote) / train.batchSize) * train.epochs;
}

/**
 * The trainer options of iteration `iteration` (the cosine schedule spans one iteration;
 * each iteration starts a fresh optimizer from the previous iteration's weights).
 *
 * @example GRPO gets its k3 loss term
 * ```ts
 * import { serlTrainerOptions } from "./serl_trainer_options.ts";
 * import { EXPERIMENT_DEFAULTS } from "../config/experiment_defaults.ts";
 * import { resolveExperiment } from "../config/resolve_experiment.ts";
 * const e = resolveExperiment(EXPERIMENT_DEFAULTS, { rl: { estimator: "grpo" } });
 * const o = serlTrainerOptions(e, 0);
 * if (o.klCoef !== 1e-3 || o.klEstimator !== "k3" || o.totalSteps !== 125 * 16) throw new Error();
 * ```
 */
export function serlTrainerOptions(
  experiment: Readonly<Experiment>,
  iteration: number,
): PolicyTrainerOptions {
  const { train: t, rollout, loop } = experiment;
  const plan = resolveKlPlan(experiment.rl);
  return {
    lr: t.lr,
    totalSteps: loop.steps * updatesPerStep(experiment),
    warmupRatio: t.warmupRatio,
    minLrRatio: t.minLrRatio,
    beta1: t.beta1,
    beta2: t.beta2,
    weightDecay: t.weightDecay,
    maxGradNorm: t.maxGradNorm,
    aggregation: t.aggregation,
    klAggregation: t.aggregation,
    ...(t.aggregation === "dr-grpo" ? { maxLength: rollout.maxNewTokens } : {}),
    accumulationScope: t.accumulationScope,
    microBatchSize: t.microBatchSize,
    microBatchTokens: t.microBatchTokens === 0 ? Infinity : t.microBatchTokens,
    ...(t.mode === "lora" ? { lora: { rank: t.loraRank, alpha: t.loraAlpha } } : {}),
    seed: deriveSeed(experiment.seed, "lora", iteration),
    clipLow: t.clipLow,
    clipHigh: t.clipHigh,
    ...(t.dualClip === 0 ? {} : { dualClip: t.dualClip }),
    klCoef: plan.lossCoef,
    klEstimator: plan.estimator,
    klClamp: experiment.rl.klClamp,
  };
}
