/**
 * The declared defaults block of every experiment: the paper's description (spec sections
 * 1-4 and 7; rl_math.md section 4), at the paper's sizes. Tiny-model choices (context
 * length, learning rate, ROUGE threshold) live in `experiments/main.ts`, not here.
 *
 * @module
 */
import { INSTRUCT_DEFAULTS } from "../instruct/config.ts";
import type { Experiment } from "./experiment.ts";

/**
 * The defaults (frozen). Read it, never mutate it; `resolveExperiment` returns copies.
 *
 * @example
 * ```ts
 * import { EXPERIMENT_DEFAULTS } from "./experiment_defaults.ts";
 * const d = EXPERIMENT_DEFAULTS;
 * if (d.rollout.prompts * d.rollout.nVote !== 256 || d.rl.estimator !== "reinforce_pp") {
 *   throw new Error("not the paper's step");
 * }
 * ```
 */
export const EXPERIMENT_DEFAULTS: Readonly<Experiment> = deepFreeze({
  name: "main",
  method: "serl",
  seed: 0,
  model: { dir: "seeds/models/tiny-math", provider: "cpu", threads: 0 },
  data: {
    seeds: "seeds/tiny-math/seed_500.jsonl",
    seedLimit: 0,
    eval: "seeds/tiny-math/eval_500.jsonl",
    evalOod: "",
    labelled: "world",
  },
  instruct: structuredClone(INSTRUCT_DEFAULTS) as Experiment["instruct"],
  rollout: {
    prompts: 16,
    nVote: 16,
    temperature: 1,
    topP: 1,
    maxNewTokens: 1024,
    maxBatchSize: 256,
  },
  vote: { tieBreak: "shortest", noAnswer: "allZero" },
  rl: {
    estimator: "reinforce_pp",
    klCoef: 1e-3,
    klPlacement: "auto",
    klEstimator: "auto",
    gamma: 1,
    whiten: "auto",
    stdNorm: true,
    rlooWhiten: true,
    rewardClip: 10,
    klClamp: false,
  },
  train: {
    mode: "full",
    loraRank: 8,
    loraAlpha: 16,
    lr: 5e-7,
    warmupRatio: 0.03,
    minLrRatio: 0.1,
    beta1: 0.9,
    beta2: 0.95,
    weightDecay: 0,
    maxGradNorm: 1,
    batchSize: 16,
    epochs: 1,
    microBatchSize: 16,
    microBatchTokens: 0,
    aggregation: "seq-mean-token-mean",
    accumulationScope: "micro-batch",
    clipLow: 0.2,
    clipHigh: 0.2,
    dualClip: 0,
  },
  loop: {
    steps: 125,
    iterations: 1,
    groupsPerStep: 16,
    maxRounds: 50,
    maxRollouts: 32,
    evalEvery: 25,
    evalLimit: 0,
    evalMaxNewTokens: 1024,
    checkpointEvery: 10,
    keepCheckpoints: 2,
    samplesPerStep: 4,
  },
});

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
