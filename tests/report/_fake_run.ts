/**
 * Fake run folders for the report tests: a config, metrics lines with known values derived
 * from the step, evaluations, a summary and samples files, written the way `runSerl` lays
 * them out.
 *
 * @module
 */
import { join } from "node:path";
import type { Experiment, ExperimentOverrides } from "../../lib/config/experiment.ts";
import { EXPERIMENT_DEFAULTS } from "../../lib/config/experiment_defaults.ts";
import { resolveExperiment } from "../../lib/config/resolve_experiment.ts";
import type { EvalPoint, StepMetrics } from "../../lib/serl/step_metrics.ts";
import type { StepSamples } from "../../lib/serl/step_samples.ts";

/** A complete metrics line whose values are simple functions of `step` and `salt`. */
export function fakeMetrics(step: number, salt = 0): StepMetrics {
  const f = (k: number) => Math.round(((step * 7 + k * 3 + salt * 11) % 10) * 10) / 100;
  return {
    step,
    iteration: 0,
    method: "serl",
    trainReward: f(1),
    rolloutReward: f(2),
    keptFraction: f(3),
    rMeanZero: f(4),
    rMeanOne: f(5),
    rewardHistogram: [1, 2, 3, 2, 1],
    rollouts: 2,
    rounds: 1,
    generationPrompts: 4,
    shortenedPrompts: 0,
    funnel: {
      candidates: 10 + step,
      empty: step % 2,
      wordCount: 1,
      blacklist: 0,
      writeProgram: step % 3,
      leadingChar: 1,
      rougeL: step,
      accepted: 5,
      rolledOut: 8,
      tooHard: 1,
      tooEasy: step,
      kept: 7 - step,
    },
    trainedGroups: 4,
    keptPool: 3 * step,
    responseLength: 40 + step,
    truncatedShare: 0,
    noAnswerShare: f(6),
    klRef: step === 1 ? null : 0.001 * step,
    approxKl: 0,
    klLoss: 0,
    entropy: f(7),
    loss: 0,
    clipFraction: 0,
    gradNorm: f(8),
    gradNormMax: f(9),
    lr: 1e-5,
    updates: 2,
    skippedUpdates: 0,
    labelledGroups: 8,
    majorityLabelAccuracy: step === 2 ? null : f(10),
    keptLabelAccuracy: f(11),
    policyTrueAccuracy: f(12),
    candidateWorldShare: f(13),
    instructionWorldShare: f(14),
    levelMix: { "1": step, "2": 1, "3": 0, "4": 2, "5": 1, none: step % 2 },
    eval: null,
    seconds: { generate: 1, rollout: 1, train: 1, step: 2 + step + salt },
  };
}

/** An eval point. */
export function fakeEval(step: number, pass1: number, set: EvalPoint["set"] = "eval"): EvalPoint {
  return {
    step,
    set,
    problems: 8,
    pass1,
    byLevel: { "1": pass1 + 0.1, "2": pass1 - 0.1 },
    noAnswerShare: 0,
  };
}

/** What a fake run holds. */
export interface FakeRun {
  /** The folder. */
  dir: string;
  /** Its resolved config. */
  config: Experiment;
  /** Its metrics lines. */
  metrics: StepMetrics[];
  /** Its evaluations. */
  evals: EvalPoint[];
}

/** Options of {@linkcode writeFakeRun}. */
export interface FakeRunOptions {
  /** Steps. @default 4 */
  steps?: number;
  /** Config overrides. @default {} */
  overrides?: ExperimentOverrides;
  /** The whole config (instead of the defaults with `overrides`). @default undefined */
  config?: Experiment;
  /** Salt of the metric values. @default 0 */
  salt?: number;
  /** Eval points; by default one at step 0 and one at the end. */
  evals?: EvalPoint[];
  /** Write summary.json. @default true */
  finished?: boolean;
  /** Samples files. @default [] */
  samples?: StepSamples[];
}

/** Writes a run folder at `dir`. */
export async function writeFakeRun(dir: string, options?: FakeRunOptions): Promise<FakeRun> {
  const { steps = 4, overrides = {}, salt = 0, finished = true, samples = [] } = options ?? {};
  const config = options?.config ?? resolveExperiment(EXPERIMENT_DEFAULTS, overrides);
  const metrics = Array.from({ length: steps }, (_, i) => fakeMetrics(i + 1, salt));
  const evals = options?.evals ?? [fakeEval(0, 0.5), fakeEval(steps, 0.5 + 0.01 * (salt + 1))];
  await Deno.mkdir(join(dir, "samples"), { recursive: true });
  await Deno.writeTextFile(join(dir, "config.json"), JSON.stringify(config, null, 2) + "\n");
  await Deno.writeTextFile(
    join(dir, "metrics.jsonl"),
    metrics.map((m) => JSON.stringify(m) + "\n").join(""),
  );
  await Deno.writeTextFile(
    join(dir, "evals.jsonl"),
    evals.map((e) => JSON.stringify(e) + "\n").join(""),
  );
  for (const s of samples) {
    await Deno.writeTextFile(
      join(dir, "samples", `step-${String(s.step).padStart(4, "0")}.json`),
      JSON.stringify(s),
    );
  }
  if (finished) {
    await Deno.writeTextFile(
      join(dir, "summary.json"),
      JSON.stringify({ experiment: config.name, method: config.method, steps, evals }),
    );
  }
  return { dir, config, metrics, evals };
}
