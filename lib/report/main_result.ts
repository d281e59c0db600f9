/**
 * The main result (the paper's MMLU-Pro comparison): the initial model, each SeRL iteration,
 * and the baselines (RL with ground-truth rewards, majority vote on the seeds), by greedy
 * Pass@1 overall and per level.
 *
 * @module
 */
import type { EvalPoint } from "../serl/step_metrics.ts";
import { formatPercent, pass1ByIteration } from "./iteration_figures.ts";
import { FIGURE_COLORS, figureLayout, type PlotlyFigure } from "./plotly_figure.ts";
import type { RunRecord } from "./run_reader.ts";
import type { ReportTable } from "./report_table.ts";

/** One bar group of the main result. */
export interface MainResultRow {
  /** What was evaluated ("initial", "SeRL iteration 1", "RL with ground truth", ...). */
  label: string;
  /** Its evaluation. */
  point: EvalPoint;
}

/** The runs of the main result (any may be missing). */
export interface MainResultRuns {
  /** The `initial` experiment (evaluation only). */
  initial?: Pick<RunRecord, "evals"> | null;
  /** The SeRL run (`main`). */
  serl?: Pick<RunRecord, "evals" | "config"> | null;
  /** RL with ground-truth rewards (`rl_gt`). */
  rlGt?: Pick<RunRecord, "evals"> | null;
  /** Majority vote on the seeds (`maj_on_seeds`). */
  majOnSeeds?: Pick<RunRecord, "evals"> | null;
}

const lastEval = (evals: readonly EvalPoint[]): EvalPoint | null =>
  evals.filter((e) => e.set === "eval").at(-1) ?? null;

/**
 * The rows: initial (the `initial` run, else the SeRL run's evaluation before training),
 * SeRL after each iteration, then each baseline's last evaluation.
 *
 * @example
 * ```ts
 * import { mainResultRows } from "./main_result.ts";
 * const p = (step: number, pass1: number) => ({ step, set: "eval" as const, problems: 8, pass1,
 *   byLevel: {}, noAnswerShare: 0 });
 * const rows = mainResultRows({ serl: { config: { loop: { steps: 2, iterations: 1 } } as never,
 *   evals: [p(0, 0.5), p(2, 0.6)] }, rlGt: { evals: [p(0, 0.5), p(2, 0.7)] } });
 * if (rows.map((r) => `${r.label}=${r.point.pass1}`).join() !==
 *   "initial=0.5,SeRL iteration 1=0.6,RL with ground truth=0.7") throw new Error();
 * ```
 */
export function mainResultRows(runs: MainResultRuns): MainResultRow[] {
  const rows: MainResultRow[] = [];
  const iterations = runs.serl ? pass1ByIteration(runs.serl) : [];
  const initial = runs.initial ? runs.initial.evals.find((e) => e.set === "eval") ?? null : null;
  const start = initial ?? iterations[0] ?? null;
  if (start !== null) rows.push({ label: "initial", point: start });
  iterations.slice(1).forEach((p, k) => {
    if (p !== null) rows.push({ label: `SeRL iteration ${k + 1}`, point: p });
  });
  const baselines: [string, Pick<RunRecord, "evals"> | null | undefined][] = [
    ["RL with ground truth", runs.rlGt],
    ["majority vote on seeds", runs.majOnSeeds],
  ];
  for (const [label, run] of baselines) {
    const p = run ? lastEval(run.evals) : null;
    if (p !== null) rows.push({ label, point: p });
  }
  return rows;
}

function levels(rows: readonly MainResultRow[]): string[] {
  const keys = new Set(rows.flatMap((r) => Object.keys(r.point.byLevel)));
  return [...keys].sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
}

/**
 * Grouped bars: x = all problems, then each level; one bar per row.
 *
 * @example
 * ```ts
 * import { mainResultFigure } from "./main_result.ts";
 * const fig = mainResultFigure([{ label: "initial", point: { step: 0, set: "eval", problems: 8,
 *   pass1: 0.5, byLevel: { "1": 0.75 }, noAnswerShare: 0 } }]);
 * const t = fig.data[0] as { x: string[]; y: number[] };
 * if (t.x.join() !== "all levels,level 1" || t.y.join() !== "0.5,0.75") throw new Error();
 * ```
 */
export function mainResultFigure(rows: readonly MainResultRow[]): PlotlyFigure {
  const keys = levels(rows);
  return {
    data: rows.map((r, i) => {
      const y = [r.point.pass1, ...keys.map((k) => r.point.byLevel[k] ?? null)];
      return {
        type: "bar",
        name: r.label,
        x: ["all levels", ...keys.map((k) => `level ${k}`)],
        y,
        marker: { color: FIGURE_COLORS[i % FIGURE_COLORS.length] },
      };
    }),
    layout: {
      ...figureLayout("Main result: initial vs SeRL iterations vs RL with ground truth", {
        xTitle: "eval problems",
        yTitle: "greedy Pass@1",
        yPercent: true,
        yRange: [0, 1],
      }),
      barmode: "group",
    },
  };
}

/**
 * The same as a table, with the number of problems evaluated.
 *
 * @example
 * ```ts
 * import { mainResultTable } from "./main_result.ts";
 * const t = mainResultTable([{ label: "initial", point: { step: 0, set: "eval", problems: 8,
 *   pass1: 0.5, byLevel: { "1": 0.75 }, noAnswerShare: 0 } }]);
 * if (t.rows[0]!.join() !== "initial,8,50.0%,75.0%") throw new Error(t.rows[0]!.join());
 * ```
 */
export function mainResultTable(rows: readonly MainResultRow[]): ReportTable {
  const keys = levels(rows);
  return {
    caption: "Greedy Pass@1 on the eval set, overall and per level",
    columns: ["model", "problems", "all", ...keys.map((k) => `level ${k}`)],
    rows: rows.map((r) => [
      r.label,
      r.point.problems,
      formatPercent(r.point.pass1),
      ...keys.map((k) => formatPercent(r.point.byLevel[k] ?? null)),
    ]),
  };
}
