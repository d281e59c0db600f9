/**
 * Value checks of a complete experiment (ranges and choices); keys and types are checked
 * while merging (`resolveExperiment`).
 *
 * @module
 */
import { validateInstructConfig } from "../instruct/resolve_instruct_config.ts";
import { ADVANTAGE_ESTIMATORS } from "../rl/compute_advantages.ts";
import { KL_ESTIMATORS } from "../rl/kl.ts";
import { LOSS_AGGREGATIONS } from "../rl/loss_aggregation.ts";
import type { Experiment } from "./experiment.ts";

/** The choices of every enumerated field, by key path. */
export const EXPERIMENT_CHOICES: Readonly<Record<string, readonly string[]>> = Object.freeze({
  "method": ["serl", "rl_gt", "maj_on_seeds", "eval"],
  "model.provider": ["cpu", "webgpu", "cuda"],
  "vote.tieBreak": ["shortest", "first"],
  "vote.noAnswer": ["allZero", "firstGetsOne"],
  "rl.estimator": Object.keys(ADVANTAGE_ESTIMATORS),
  "rl.klPlacement": ["auto", "reward", "loss"],
  "rl.klEstimator": ["auto", ...KL_ESTIMATORS],
  "rl.whiten": ["auto", "on", "off"],
  "train.mode": ["full", "lora"],
  "train.aggregation": [...LOSS_AGGREGATIONS],
  "train.accumulationScope": ["micro-batch", "step"],
});

/** Estimators that need at least two responses per group. */
const GROUP_ESTIMATORS = new Set(["reinforce_pp_baseline", "rloo", "grpo", "dr_grpo"]);

function range(key: string, value: number, min: number, max: number, open = ""): void {
  const lowOk = open.includes("(") ? value > min : value >= min;
  const highOk = open.includes(")") ? value < max : value <= max;
  if (!Number.isFinite(value) || !lowOk || !highOk) {
    const lo = open.includes("(") ? "(" : "[", hi = open.includes(")") ? ")" : "]";
    throw new RangeError(
      `Cannot use config key "${key}": must be in ${lo}${min}, ${max}${hi}: current value is ${value}`,
    );
  }
}

function integer(key: string, value: number, min: number): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new RangeError(
      `Cannot use config key "${key}": must be an integer >= ${min}: current value is ${value}`,
    );
  }
}

function text(key: string, value: string, allowEmpty = false): void {
  if (!allowEmpty && value.trim() === "") {
    throw new RangeError(`Cannot use config key "${key}": must not be empty`);
  }
}

/**
 * Checks every value of an experiment.
 *
 * @param experiment A complete experiment.
 * @returns The same experiment.
 * @throws {TypeError} On a value that is not one of its field's choices.
 * @throws {RangeError} On a value out of range.
 *
 * @example
 * ```ts
 * import { EXPERIMENT_DEFAULTS } from "./experiment_defaults.ts";
 * import { validateExperiment } from "./validate_experiment.ts";
 * const bad = structuredClone(EXPERIMENT_DEFAULTS);
 * bad.train.lr = -1;
 * let threw = false;
 * try {
 *   validateExperiment(bad);
 * } catch (e) {
 *   threw = e instanceof RangeError && e.message.includes('"train.lr"');
 * }
 * if (!threw) throw new Error("accepted a negative learning rate");
 * ```
 */
export function validateExperiment(experiment: Experiment): Experiment {
  const e = experiment;
  for (const [key, choices] of Object.entries(EXPERIMENT_CHOICES)) {
    const value = key.split(".").reduce<unknown>(
      (o, k) => (o as Record<string, unknown>)[k],
      e,
    );
    if (typeof value !== "string" || !choices.includes(value)) {
      throw new TypeError(
        `Cannot use config key "${key}": expected one of ${choices.join(", ")}, got ${
          JSON.stringify(value)
        }`,
      );
    }
  }
  if (!/^[A-Za-z0-9_.-]+$/.test(e.name)) {
    throw new RangeError(
      `Cannot use config key "name": letters, digits, "_", "." and "-" only: current value is "${e.name}"`,
    );
  }
  integer("seed", e.seed, 0);
  text("model.dir", e.model.dir);
  integer("model.threads", e.model.threads, 0);
  text("data.seeds", e.data.seeds);
  integer("data.seedLimit", e.data.seedLimit, 0);
  text("data.eval", e.data.eval);
  text("data.labelled", e.data.labelled);
  validateInstructConfig(e.instruct);

  const r = e.rollout;
  integer("rollout.prompts", r.prompts, 1);
  integer("rollout.nVote", r.nVote, GROUP_ESTIMATORS.has(e.rl.estimator) ? 2 : 1);
  range("rollout.temperature", r.temperature, 0, 100);
  range("rollout.topP", r.topP, 0, 1, "(");
  integer("rollout.maxNewTokens", r.maxNewTokens, 1);
  integer("rollout.maxBatchSize", r.maxBatchSize, 1);

  const rl = e.rl;
  range("rl.klCoef", rl.klCoef, 0, 1e6);
  range("rl.gamma", rl.gamma, 0, 1);
  range("rl.rewardClip", rl.rewardClip, 0, 1e12);
  for (const key of ["stdNorm", "rlooWhiten", "klClamp"] as const) {
    if (typeof rl[key] !== "boolean") {
      throw new TypeError(`Cannot use config key "rl.${key}": expected a boolean`);
    }
  }

  const t = e.train;
  integer("train.loraRank", t.loraRank, 1);
  range("train.loraAlpha", t.loraAlpha, 0, 1e9, "(");
  range("train.lr", t.lr, 0, 1, "(");
  range("train.warmupRatio", t.warmupRatio, 0, 1, ")");
  range("train.minLrRatio", t.minLrRatio, 0, 1);
  range("train.beta1", t.beta1, 0, 1, ")");
  range("train.beta2", t.beta2, 0, 1, ")");
  range("train.weightDecay", t.weightDecay, 0, 1e3);
  range("train.maxGradNorm", t.maxGradNorm, 0, 1e12, "(");
  integer("train.batchSize", t.batchSize, 1);
  integer("train.epochs", t.epochs, 1);
  integer("train.microBatchSize", t.microBatchSize, 1);
  integer("train.microBatchTokens", t.microBatchTokens, 0);
  range("train.clipLow", t.clipLow, 0, 1, ")");
  range("train.clipHigh", t.clipHigh, 0, 1e3);
  if (t.dualClip !== 0) range("train.dualClip", t.dualClip, 1, 1e6, "(");

  const l = e.loop;
  integer("loop.steps", l.steps, 1);
  integer("loop.iterations", l.iterations, 1);
  integer("loop.groupsPerStep", l.groupsPerStep, 1);
  integer("loop.maxRounds", l.maxRounds, 1);
  integer("loop.maxRollouts", l.maxRollouts, 1);
  integer("loop.evalEvery", l.evalEvery, 0);
  integer("loop.evalLimit", l.evalLimit, 0);
  integer("loop.evalMaxNewTokens", l.evalMaxNewTokens, 1);
  integer("loop.checkpointEvery", l.checkpointEvery, 1);
  integer("loop.keepCheckpoints", l.keepCheckpoints, 1);
  integer("loop.samplesPerStep", l.samplesPerStep, 0);
  return experiment;
}
