/**
 * The `metrics.jsonl` line of a step: plain numbers, one object a step. Timings live under
 * `seconds` only, so two runs can be compared line by line without them.
 *
 * @module
 */
import type { ExperimentMethod } from "../config/experiment.ts";
import type { SerlStepResult } from "./step.ts";
import { type WorldDiagnostics, worldDiagnostics } from "./world_diagnostics.ts";

/** The filter funnel of a step, in the order the filters run. */
export interface StepFunnel {
  /** Candidate instructions parsed from the generation completions. */
  candidates: number;
  /** Rejected as empty. */
  empty: number;
  /** Rejected by word count. */
  wordCount: number;
  /** Rejected by the blacklist. */
  blacklist: number;
  /** Rejected as "Write a program". */
  writeProgram: number;
  /** Rejected by the leading character. */
  leadingChar: number;
  /** Rejected by ROUGE-L. */
  rougeL: number;
  /** Accepted into the pending pool. */
  accepted: number;
  /** Rolled out (groups). */
  rolledOut: number;
  /** Dropped as too hard (r_mean below the band). */
  tooHard: number;
  /** Dropped as too easy (r_mean above the band). */
  tooEasy: number;
  /** Kept by the difficulty filter. */
  kept: number;
}

/** A point of periodic evaluation (greedy Pass@1). */
export interface EvalPoint {
  /** Steps done when it was taken (0: before training). */
  step: number;
  /** Which set: `"eval"` or `"evalOod"`. */
  set: "eval" | "evalOod";
  /** Problems evaluated. */
  problems: number;
  /** Greedy Pass@1. */
  pass1: number;
  /** Greedy Pass@1 per level. */
  byLevel: Record<string, number>;
  /** Share of greedy responses with no final answer. */
  noAnswerShare: number;
}

/** One line of `metrics.jsonl`. */
export interface StepMetrics extends WorldDiagnostics {
  /** Step number in the run (1-based). */
  step: number;
  /** Iteration (0-based). */
  iteration: number;
  /** The run's method. */
  method: ExperimentMethod;
  /** Mean raw reward of the groups trained on. */
  trainReward: number;
  /** Mean raw reward of every rolled-out response. */
  rolloutReward: number;
  /** Kept groups / rolled-out groups. */
  keptFraction: number;
  /** Share of rolled-out groups with r_mean 0, and with r_mean 1 (the vanishing-advantage pile-up). */
  rMeanZero: number;
  /** See `rMeanZero`. */
  rMeanOne: number;
  /** Rolled-out groups by how many of their responses got reward 1 (index 0..nVote). */
  rewardHistogram: number[];
  /** Rollouts needed for the step's kept groups. */
  rollouts: number;
  /** Generation rounds and prompts. */
  rounds: number;
  /** Generation prompts sampled. */
  generationPrompts: number;
  /** Generation prompts that lost leading examples to fit the model's context. */
  shortenedPrompts: number;
  /** The funnel. */
  funnel: StepFunnel;
  /** Groups trained on. */
  trainedGroups: number;
  /** Kept pool size after the step. */
  keptPool: number;
  /** Mean response length (tokens) of every rolled-out response. */
  responseLength: number;
  /** Share of rolled-out responses cut at the token limit. */
  truncatedShare: number;
  /** Share of rolled-out responses with no final answer. */
  noAnswerShare: number;
  /** Token mean of `logp_old - logp_ref` over the rollouts (k1 KL to the reference; null without a reference). */
  klRef: number | null;
  /** Token mean of `logp_old - logp` during the updates (drift within the step). */
  approxKl: number;
  /** KL loss term (0 without one). */
  klLoss: number;
  /** Token mean entropy. */
  entropy: number;
  /** Mean loss over updates. */
  loss: number;
  /** Ratio-clip fraction. */
  clipFraction: number;
  /** Mean gradient norm before clipping (null: every update skipped). */
  gradNorm: number | null;
  /** Largest gradient norm. */
  gradNormMax: number | null;
  /** Learning rate of the last update. */
  lr: number;
  /** Optimizer updates, and skipped ones. */
  updates: number;
  /** Updates skipped for a non-finite gradient. */
  skippedUpdates: number;
  /** Greedy Pass@1 on the eval set after this step, when it was evaluated. */
  eval: EvalPoint | null;
  /** Wall-clock seconds per phase and in all (`step`). */
  seconds: Record<string, number>;
}

function rewardHistogram(groups: SerlStepResult["groups"]): number[] {
  const n = groups[0]?.responses.length ?? 0;
  const bins = new Array<number>(n + 1).fill(0);
  for (const g of groups) bins[g.rewards.reduce((s, r) => s + r, 0)]!++;
  return bins;
}

const mean = (xs: readonly number[]): number =>
  xs.length === 0 ? 0 : xs.reduce((s, x) => s + x, 0) / xs.length;

/**
 * Builds the metrics line of a step.
 *
 * @param result The step's result.
 * @param info Step number, iteration, method, kept-pool size, eval point and total seconds.
 * @returns The line.
 *
 * @example One kept group of two responses, one rewarded
 * ```ts
 * import { stepMetrics } from "./step_metrics.ts";
 * import { createFilterReport } from "../instruct/filter_report.ts";
 * const responses = [0, 1].map(() => ({ tokens: [1], logProbs: [-1], text: "",
 *   finishReason: "eos" as const, answer: null }));
 * const m = stepMetrics({ pool: { pending: [], kept: ["q"] }, cursor: 0, rollouts: 1, rounds: 1,
 *   generationPrompts: 4, shortenedPrompts: 0, instructFunnel: createFilterReport(),
 *   difficultyFunnel: createFilterReport(),
 *   groups: [{ instruction: "q", gold: null, promptTokens: [1], responses, rewards: [1, 0],
 *     rMean: 0.5, label: "1", advantages: [[1], [-1]], refLogProbs: null }],
 *   kept: [true], trained: 1, completions: [],
 *   train: { updates: 1, skipped: 0, sequences: 2, tokens: 2, loss: 0, klLoss: 0,
 *     clipFraction: 0, approxKl: 0, entropy: 1, gradNorm: 1, gradNormMax: 1, lr: 1e-5 },
 *   seconds: { generate: 0, rollout: 0, score: 0, train: 0 } },
 *   { step: 1, iteration: 0, method: "serl", eval: null, seconds: 1 });
 * if (m.trainReward !== 0.5 || m.keptFraction !== 1 || m.rewardHistogram.join() !== "0,1,0") {
 *   throw new Error(JSON.stringify(m));
 * }
 * ```
 */
export function stepMetrics(
  result: SerlStepResult,
  info: {
    step: number;
    iteration: number;
    method: ExperimentMethod;
    eval: EvalPoint | null;
    seconds: number;
  },
): StepMetrics {
  const { groups, kept, instructFunnel: f, difficultyFunnel: d, train } = result;
  const trained = groups.filter((_, i) => kept[i]).slice(0, result.trained);
  const responses = groups.flatMap((g) => g.responses);
  let klSum = 0, klTokens = 0;
  for (const g of groups) {
    g.refLogProbs?.forEach((row, j) =>
      row.forEach((ref, t) => {
        klSum += g.responses[j]!.logProbs[t]! - ref;
        klTokens++;
      })
    );
  }
  const candidates = result.completions.flatMap((c) => c.parsed);
  return {
    step: info.step,
    iteration: info.iteration,
    method: info.method,
    trainReward: mean(trained.map((g) => g.rMean)),
    rolloutReward: mean(groups.map((g) => g.rMean)),
    keptFraction: groups.length === 0 ? 0 : kept.filter(Boolean).length / groups.length,
    rMeanZero: mean(groups.map((g) => (g.rMean === 0 ? 1 : 0))),
    rMeanOne: mean(groups.map((g) => (g.rMean === 1 ? 1 : 0))),
    rewardHistogram: rewardHistogram(groups),
    rollouts: result.rollouts,
    rounds: result.rounds,
    generationPrompts: result.generationPrompts,
    shortenedPrompts: result.shortenedPrompts,
    funnel: {
      candidates: f.input,
      empty: f.counts.empty,
      wordCount: f.counts.wordCount,
      blacklist: f.counts.blacklist,
      writeProgram: f.counts.writeProgram,
      leadingChar: f.counts.leadingChar,
      rougeL: f.counts.rougeL,
      accepted: f.kept,
      rolledOut: d.input,
      tooHard: d.counts.tooHard,
      tooEasy: d.counts.tooEasy,
      kept: d.kept,
    },
    trainedGroups: result.trained,
    keptPool: result.pool.kept.length,
    responseLength: mean(responses.map((r) => r.tokens.length)),
    truncatedShare: mean(responses.map((r) => (r.finishReason === "length" ? 1 : 0))),
    noAnswerShare: mean(responses.map((r) => (r.answer === null ? 1 : 0))),
    klRef: klTokens === 0 ? null : klSum / klTokens,
    approxKl: train.approxKl,
    klLoss: train.klLoss,
    entropy: train.entropy,
    loss: train.loss,
    clipFraction: train.clipFraction,
    gradNorm: train.gradNorm,
    gradNormMax: train.gradNormMax,
    lr: train.lr,
    updates: train.updates,
    skippedUpdates: train.skipped,
    ...worldDiagnostics(groups, kept, candidates),
    eval: info.eval,
    seconds: { ...result.seconds, step: info.seconds },
  };
}
