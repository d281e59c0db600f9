/**
 * What the model wrote: a table of sampled self-instructed problems with their majority
 * label, the true answer (tiny-math's solver), r_mean and whether the difficulty filter
 * kept them. Model text is shown as data (escaped by the table renderers).
 *
 * @module
 */
import { answersEquivalent } from "../reward/equivalent.ts";
import type { StepSamples } from "../serl/step_samples.ts";
import type { ReportTable } from "./report_table.ts";

/** Options of {@linkcode sampleProblemsTable}. */
export interface SampleProblemsOptions {
  /** Most rows. @default 12 */
  limit?: number;
  /** Longest instruction shown, in characters (longer ones end in "..."). @default 120 */
  maxChars?: number;
}

/**
 * Rolled-out problems from the samples files, latest steps first.
 *
 * @example
 * ```ts
 * import { sampleProblemsTable } from "./sample_problems.ts";
 * const t = sampleProblemsTable([{ step: 3, iteration: 0, completions: [], rejected: {}, groups: [
 *   { instruction: "What is 2 plus 3?", trueAnswer: "5", label: "5", rMean: 0.75, kept: true, responses: [] }] }]);
 * if (t.rows[0]!.join() !== "3,What is 2 plus 3?,5,5,yes,0.75,yes") throw new Error(t.rows[0]!.join());
 * ```
 */
export function sampleProblemsTable(
  samples: readonly StepSamples[],
  options?: SampleProblemsOptions,
): ReportTable {
  const { limit = 12, maxChars = 120 } = options ?? {};
  const rows = [...samples].reverse().flatMap((s) =>
    s.groups.map((g) => {
      const text = g.instruction.length > maxChars
        ? `${g.instruction.slice(0, maxChars - 3)}...`
        : g.instruction;
      const right = g.trueAnswer === null || g.label === null
        ? null
        : answersEquivalent(g.label, g.trueAnswer)
        ? "yes"
        : "no";
      return [s.step, text, g.label, g.trueAnswer, right, g.rMean, g.kept ? "yes" : "no"];
    })
  ).slice(0, limit);
  return {
    caption: "Self-instructed problems (samples files, latest steps first)",
    columns: [
      "step",
      "instruction",
      "majority label",
      "true answer",
      "label right",
      "r_mean",
      "kept",
    ],
    rows,
    digits: 2,
  };
}
