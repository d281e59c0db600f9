/**
 * Results by SeRL iteration (paper Table 4: Reinforce++, GRPO and RLOO by iteration): the
 * evaluation at the end of each iteration, as a grouped bar chart and a table.
 *
 * @module
 */
import type { Experiment } from "../config/experiment.ts";
import type { EvalPoint } from "../serl/step_metrics.ts";
import { FIGURE_COLORS, figureLayout, type PlotlyFigure } from "./plotly_figure.ts";
import type { ReportTable } from "./report_table.ts";

/** A run's evaluation at each iteration boundary. */
export interface IterationSeries {
  /** Its name in the legend. */
  label: string;
  /** Index k: the evaluation after iteration k (0: before training); null when not evaluated. */
  points: (EvalPoint | null)[];
}

/**
 * The evaluation (set `"eval"`) at step `k * loop.steps` for k = 0..iterations: before
 * training, then after each iteration; null where the run did not evaluate (an unfinished
 * run, or `evalEvery` not dividing `loop.steps`).
 *
 * @example
 * ```ts
 * import { pass1ByIteration } from "./iteration_figures.ts";
 * const p = (step: number, pass1: number) => ({ step, set: "eval" as const, problems: 8, pass1,
 *   byLevel: {}, noAnswerShare: 0 });
 * const points = pass1ByIteration({ config: { loop: { steps: 2, iterations: 2 } } as never,
 *   evals: [p(0, 0.5), p(1, 0.55), p(2, 0.6)] });
 * if (points.map((x) => x?.pass1 ?? null).join() !== "0.5,0.6,") throw new Error();
 * ```
 */
export function pass1ByIteration(
  run: { config: Pick<Experiment, "loop">; evals: readonly EvalPoint[] },
): (EvalPoint | null)[] {
  const { steps, iterations } = run.config.loop;
  return Array.from(
    { length: iterations + 1 },
    (_, k) => run.evals.find((e) => e.set === "eval" && e.step === k * steps) ?? null,
  );
}

/** The x label of iteration k. */
function iterationLabel(k: number): string {
  return k === 0 ? "initial" : `iteration ${k}`;
}

/** Options of {@linkcode iterationFigure} and {@linkcode iterationTable}. */
export interface IterationFigureOptions {
  /** The title (or the table's caption). @default "Greedy Pass@1 by SeRL iteration" */
  title?: string;
}

/**
 * Grouped bars: x = initial, iteration 1, 2, ...; one bar per series; y = greedy Pass@1.
 *
 * @example
 * ```ts
 * import { iterationFigure } from "./iteration_figures.ts";
 * const p = { step: 0, set: "eval" as const, problems: 8, pass1: 0.5, byLevel: {}, noAnswerShare: 0 };
 * const fig = iterationFigure([{ label: "grpo", points: [p, null] }]);
 * const t = fig.data[0] as { x: string[]; y: (number | null)[] };
 * if (t.x.join() !== "initial,iteration 1" || t.y[0] !== 0.5 || t.y[1] !== null) throw new Error();
 * ```
 */
export function iterationFigure(
  series: readonly IterationSeries[],
  options?: IterationFigureOptions,
): PlotlyFigure {
  const { title = "Greedy Pass@1 by SeRL iteration" } = options ?? {};
  return {
    data: series.map((s, i) => {
      const y = s.points.map((p) => p?.pass1 ?? null);
      return {
        type: "bar",
        name: s.label,
        x: s.points.map((_, k) => iterationLabel(k)),
        y,
        text: y.map((v) => (v === null ? "" : `${(v * 100).toFixed(1)}%`)),
        textposition: "outside",
        marker: { color: FIGURE_COLORS[i % FIGURE_COLORS.length] },
      };
    }),
    layout: {
      ...figureLayout(title, {
        xTitle: "evaluated after",
        yTitle: "greedy Pass@1 (eval set)",
        yPercent: true,
        yRange: [0, 1],
      }),
      barmode: "group",
    },
  };
}

/**
 * The same as a table: one row per series, one column per iteration.
 *
 * @example
 * ```ts
 * import { iterationTable } from "./iteration_figures.ts";
 * const p = { step: 0, set: "eval" as const, problems: 8, pass1: 0.5, byLevel: {}, noAnswerShare: 0 };
 * const t = iterationTable([{ label: "rloo", points: [p, null] }]);
 * if (t.columns.join() !== "run,initial,iteration 1" || t.rows[0]!.join() !== "rloo,50.0%,") throw new Error();
 * ```
 */
export function iterationTable(
  series: readonly IterationSeries[],
  options?: IterationFigureOptions,
): ReportTable {
  const { title = "Greedy Pass@1 by SeRL iteration" } = options ?? {};
  const k = Math.max(0, ...series.map((s) => s.points.length));
  return {
    caption: title,
    columns: ["run", ...Array.from({ length: k }, (_, i) => iterationLabel(i))],
    rows: series.map((s) => [
      s.label,
      ...Array.from({ length: k }, (_, i) => formatPercent(s.points[i]?.pass1 ?? null)),
    ]),
  };
}

/**
 * A share as a percentage with one decimal, or null.
 *
 * @example
 * ```ts
 * import { formatPercent } from "./iteration_figures.ts";
 * if (formatPercent(0.4567) !== "45.7%" || formatPercent(null) !== null) throw new Error();
 * ```
 */
export function formatPercent(share: number | null): string | null {
  return share === null ? null : `${(share * 100).toFixed(1)}%`;
}
