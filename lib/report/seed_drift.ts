/**
 * Drift of the generated instructions from the seeds, step by step (a failure signature of
 * spec section 6): how close what the model writes stays to the nearest seed (ROUGE-L, the
 * similarity the self-instruction filter uses), and how much of it is still a well-formed
 * tiny-math problem.
 *
 * @module
 */
import { createRougeIndex, maxRougeL } from "../instruct/rouge_index.ts";
import type { StepMetrics } from "../serl/step_metrics.ts";
import type { StepSamples } from "../serl/step_samples.ts";
import { solveWorldProblem } from "../world/solve_world_problem.ts";
import { FIGURE_COLORS, figureLayout, type PlotlyFigure } from "./plotly_figure.ts";

/** The drift of one step's sampled instructions. */
export interface SeedDriftPoint {
  /** The step. */
  step: number;
  /** Accepted instructions in the step's samples file. */
  instructions: number;
  /** Mean over them of the ROUGE-L F-measure to the nearest seed (null: none). */
  meanSeedRouge: number | null;
  /** Share of them that the tiny-math solver parses (null: none). */
  wellFormedShare: number | null;
}

/**
 * Drift per step from the samples files' accepted instructions.
 *
 * @param samples The samples files of a run (`readRunSamples`).
 * @param seeds The seed instructions.
 * @returns One point per samples file.
 *
 * @example A copy of a seed has ROUGE-L 1
 * ```ts
 * import { seedDrift } from "./seed_drift.ts";
 * const [p] = seedDrift([{ step: 1, iteration: 0, rejected: {}, groups: [], completions: [
 *   { examples: [], text: "", finishReason: "eos", parsed: [], accepted: ["What is 2 plus 3?"] }] }],
 *   ["What is 2 plus 3?"]);
 * if (p!.meanSeedRouge !== 1 || p!.wellFormedShare !== 1) throw new Error(JSON.stringify(p));
 * ```
 */
export function seedDrift(
  samples: readonly StepSamples[],
  seeds: readonly string[],
): SeedDriftPoint[] {
  const index = createRougeIndex(seeds);
  return samples.map((s) => {
    const texts = s.completions.flatMap((c) => c.accepted);
    const n = texts.length;
    const rouge = texts.reduce((sum, t) => sum + maxRougeL(index, t).score, 0);
    const wellFormed = texts.filter((t) => solveWorldProblem(t) !== null).length;
    return {
      step: s.step,
      instructions: n,
      meanSeedRouge: n === 0 ? null : rouge / n,
      wellFormedShare: n === 0 ? null : wellFormed / n,
    };
  });
}

/**
 * Lines by step: similarity to the nearest seed and well-formed share (from the samples),
 * and the share of parsed candidates and of rolled-out instructions that are tiny-math
 * problems (from the metrics).
 *
 * @example
 * ```ts
 * import { seedDriftFigure } from "./seed_drift.ts";
 * const fig = seedDriftFigure([{ step: 1, instructions: 2, meanSeedRouge: 0.6, wellFormedShare: 1 }],
 *   [{ step: 1, candidateWorldShare: 0.9, instructionWorldShare: 0.8 }] as never);
 * const rouge = fig.data[0] as { x: number[]; y: number[] };
 * if (rouge.x[0] !== 1 || rouge.y[0] !== 0.6 || (fig.data[2] as { y: number[] }).y[0] !== 0.9) throw new Error();
 * ```
 */
export function seedDriftFigure(
  points: readonly SeedDriftPoint[],
  metrics: readonly Pick<StepMetrics, "step" | "candidateWorldShare" | "instructionWorldShare">[],
): PlotlyFigure {
  const line = (name: string, x: number[], y: (number | null)[], i: number, dash = "solid") => ({
    type: "scatter" as const,
    mode: "lines+markers" as const,
    name,
    x,
    y,
    line: { color: FIGURE_COLORS[i], width: 2, dash: dash as "solid" },
  });
  const px = points.map((p) => p.step), mx = metrics.map((m) => m.step);
  return {
    data: [
      line(
        "ROUGE-L to nearest seed (sampled, accepted)",
        px,
        points.map((p) => p.meanSeedRouge),
        0,
      ),
      line("well-formed share (sampled, accepted)", px, points.map((p) => p.wellFormedShare), 1),
      line(
        "well-formed share of parsed candidates",
        mx,
        metrics.map((m) => m.candidateWorldShare),
        2,
        "dot",
      ),
      line(
        "well-formed share of rolled-out instructions",
        mx,
        metrics.map((m) => m.instructionWorldShare),
        3,
        "dot",
      ),
    ],
    layout: figureLayout("Drift of generated instructions from the seeds", {
      xTitle: "training step",
      yTitle: "similarity / share",
      yRange: [0, 1.05],
    }),
  };
}
