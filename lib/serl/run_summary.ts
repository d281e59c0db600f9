/**
 * The end-of-run summary (`summary.json`): evaluation before and after, and the training
 * signals averaged over the first and the last quarter of the steps (to read a trend, and
 * the paper's failure signature: reward up while accuracy down, r_mean piling at 0 or 1).
 *
 * @module
 */
import type { ExperimentMethod } from "../config/experiment.ts";
import type { EvalPoint, StepMetrics } from "./step_metrics.ts";

/** Averages of the step signals over a range of steps. */
export interface StepAverages {
  /** Steps averaged. */
  steps: number;
  /** Mean raw reward of the trained groups. */
  trainReward: number;
  /** Mean raw reward of all rollouts. */
  rolloutReward: number;
  /** Kept groups / rolled-out groups. */
  keptFraction: number;
  /** Share of groups with r_mean 0. */
  rMeanZero: number;
  /** Share of groups with r_mean 1. */
  rMeanOne: number;
  /** True accuracy of the majority labels (null: never measurable). */
  majorityLabelAccuracy: number | null;
  /** True accuracy of the policy on its own problems (null: never measurable). */
  policyTrueAccuracy: number | null;
}

/** What `summary.json` holds. */
export interface RunSummary {
  /** The experiment's name. */
  experiment: string;
  /** Its method. */
  method: ExperimentMethod;
  /** Steps run. */
  steps: number;
  /** Greedy Pass@1 on the eval set before training (null if not evaluated). */
  before: EvalPoint | null;
  /** After training (for `eval` runs: the same as before). */
  after: EvalPoint | null;
  /** The OOD set before and after, when configured. */
  ood: { before: EvalPoint | null; after: EvalPoint | null };
  /** Every evaluation, in order. */
  evals: EvalPoint[];
  /** Averages over the first quarter of the steps (null: no steps). */
  first: StepAverages | null;
  /** Averages over the last quarter of the steps. */
  last: StepAverages | null;
  /** Wall-clock seconds of the run's last session (a resumed run counts from the resume). */
  seconds: number;
}

const mean = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;

function meanOrNull(xs: readonly (number | null)[]): number | null {
  const ok = xs.filter((x): x is number => x !== null);
  return ok.length === 0 ? null : mean(ok);
}

/**
 * Averages step signals.
 *
 * @example
 * ```ts
 * import { averageSteps } from "./run_summary.ts";
 * const a = averageSteps([{ trainReward: 0.5, rolloutReward: 0.4, keptFraction: 1, rMeanZero: 0,
 *   rMeanOne: 0, majorityLabelAccuracy: null, policyTrueAccuracy: 0.5 }] as never);
 * if (a.trainReward !== 0.5 || a.majorityLabelAccuracy !== null) throw new Error();
 * ```
 */
export function averageSteps(steps: readonly StepMetrics[]): StepAverages {
  return {
    steps: steps.length,
    trainReward: mean(steps.map((s) => s.trainReward)),
    rolloutReward: mean(steps.map((s) => s.rolloutReward)),
    keptFraction: mean(steps.map((s) => s.keptFraction)),
    rMeanZero: mean(steps.map((s) => s.rMeanZero)),
    rMeanOne: mean(steps.map((s) => s.rMeanOne)),
    majorityLabelAccuracy: meanOrNull(steps.map((s) => s.majorityLabelAccuracy)),
    policyTrueAccuracy: meanOrNull(steps.map((s) => s.policyTrueAccuracy)),
  };
}

/**
 * Builds the summary of a finished run.
 *
 * @param info Experiment name and method, the step metrics, every eval point, seconds.
 * @returns The summary.
 *
 * @example
 * ```ts
 * import { summarizeRun } from "./run_summary.ts";
 * const point = { step: 0, set: "eval" as const, problems: 2, pass1: 0.5, byLevel: {}, noAnswerShare: 0 };
 * const s = summarizeRun({ experiment: "initial", method: "eval", steps: [], evals: [point], seconds: 1 });
 * if (s.before?.pass1 !== 0.5 || s.after?.pass1 !== 0.5 || s.last !== null) throw new Error();
 * ```
 */
export function summarizeRun(info: {
  experiment: string;
  method: ExperimentMethod;
  steps: readonly StepMetrics[];
  evals: readonly EvalPoint[];
  seconds: number;
}): RunSummary {
  const { steps, evals } = info;
  const of = (set: "eval" | "evalOod") => evals.filter((e) => e.set === set);
  const main = of("eval"), ood = of("evalOod");
  const quarter = Math.max(1, Math.ceil(steps.length / 4));
  return {
    experiment: info.experiment,
    method: info.method,
    steps: steps.length,
    before: main[0] ?? null,
    after: main[main.length - 1] ?? null,
    ood: { before: ood[0] ?? null, after: ood[ood.length - 1] ?? null },
    evals: [...evals],
    first: steps.length === 0 ? null : averageSteps(steps.slice(0, quarter)),
    last: steps.length === 0 ? null : averageSteps(steps.slice(-quarter)),
    seconds: info.seconds,
  };
}
