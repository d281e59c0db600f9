/**
 * The samples file of a step (`samples/step-000N.json`): what the model wrote and answered,
 * for reading by eye and for notebooks. Model outputs are stored as data, never executed.
 *
 * @module
 */
import { solveWorldProblem } from "../world/solve_world_problem.ts";
import type { InstructCompletion } from "./fill_pending_pool.ts";
import type { SerlStepResult } from "./step.ts";

/** One saved group. */
export interface SampledGroup {
  /** The instruction. */
  instruction: string;
  /** Its true answer when known (label, or world solver), else null. */
  trueAnswer: string | null;
  /** The majority label (rl_gt: the gold). */
  label: string | null;
  /** Mean raw reward. */
  rMean: number;
  /** Kept by the difficulty filter. */
  kept: boolean;
  /** Every response: text, extracted answer, reward. */
  responses: { text: string; answer: string | null; reward: number }[];
}

/** The contents of a samples file. */
export interface StepSamples {
  /** Step number (1-based). */
  step: number;
  /** Iteration. */
  iteration: number;
  /** The first generation completions (up to `count`). */
  completions: InstructCompletion[];
  /** Up to 3 rejected instructions per filter. */
  rejected: Record<string, string[]>;
  /** The first `count` rolled-out groups. */
  groups: SampledGroup[];
}

/**
 * Picks what a step's samples file holds.
 *
 * @param result The step's result.
 * @param info Step number, iteration and how many completions and groups to keep.
 * @returns The samples.
 *
 * @example
 * ```ts
 * import { stepSamples } from "./step_samples.ts";
 * const empty = { groups: [], kept: [], completions: [],
 *   instructFunnel: { rejected: [] }, difficultyFunnel: { rejected: [] } };
 * const s = stepSamples(empty as never, { step: 1, iteration: 0, count: 2 });
 * if (s.groups.length !== 0 || s.step !== 1) throw new Error();
 * ```
 */
export function stepSamples(
  result: Pick<
    SerlStepResult,
    "groups" | "kept" | "completions" | "instructFunnel" | "difficultyFunnel"
  >,
  info: { step: number; iteration: number; count: number },
): StepSamples {
  const rejected: Record<string, string[]> = {};
  for (const r of [...result.instructFunnel.rejected, ...result.difficultyFunnel.rejected]) {
    const list = (rejected[r.reason] ??= []);
    if (list.length < 3) list.push(r.text);
  }
  return {
    step: info.step,
    iteration: info.iteration,
    completions: result.completions.slice(0, info.count),
    rejected,
    groups: result.groups.slice(0, info.count).map((g, i) => ({
      instruction: g.instruction,
      trueAnswer: g.gold ?? solveWorldProblem(g.instruction)?.answer ?? null,
      label: g.label,
      rMean: g.rMean,
      kept: result.kept[i]!,
      responses: g.responses.map((r, j) => ({
        text: r.text,
        answer: r.answer,
        reward: g.rewards[j]!,
      })),
    })),
  };
}
