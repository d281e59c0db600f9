import type { AdvantageEstimatorName } from "../../lib/rl/compute_advantages.ts";
import { assert } from "../assert.ts";
import { type LearningOptions, MAX_NEW_TOKENS, runLearning } from "./_learning.ts";

const MAX_STEPS = 40;

/** SeRL's settings per estimator: k1 KL in the reward, or GRPO's k3 KL loss term. */
function settings(estimator: AdvantageEstimatorName): LearningOptions {
  const group = estimator === "grpo" || estimator === "dr_grpo";
  return {
    estimator,
    advantage: group
      ? { klCoef: 1e-3, klEstimator: "k3", klInReward: false }
      : { klCoef: 1e-3, klEstimator: "k1" },
    trainer: {
      lr: 3e-2,
      warmupRatio: 0,
      microBatchSize: 8,
      ...(group ? { klCoef: 1e-3, klEstimator: "k3" as const } : {}),
      ...(estimator === "dr_grpo"
        ? { aggregation: "dr-grpo" as const, maxLength: MAX_NEW_TOKENS }
        : {}),
    },
    maxSteps: MAX_STEPS,
    stopAt: 0.8,
  };
}

const ESTIMATORS: AdvantageEstimatorName[] = [
  "reinforce_pp",
  "reinforce_pp_baseline",
  "rloo",
  "grpo",
  "dr_grpo",
];

for (const estimator of ESTIMATORS) {
  Deno.test(`${estimator}: a tiny random model learns the toy task (mean reward < 0.2 -> > 0.8 within ${MAX_STEPS} steps)`, async () => {
    const { meanRewards } = await runLearning(settings(estimator));
    const trace = meanRewards.map((r) => r.toFixed(2)).join(" ");
    assert(meanRewards[0]! < 0.2, `starts at ${meanRewards[0]}: ${trace}`);
    assert(meanRewards.at(-1)! > 0.8, `never above 0.8 in ${MAX_STEPS} steps: ${trace}`);
  });
}
