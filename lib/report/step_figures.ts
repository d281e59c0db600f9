/**
 * Curves over training steps: any per-step metric of several runs, evaluation Pass@1 by
 * step, and the paper's Fig. 2 (train reward and eval accuracy, with and without the
 * difficulty filter).
 *
 * @module
 */
import type { EvalPoint, StepMetrics } from "../serl/step_metrics.ts";
import { panelAxes, panelsLayout } from "./panel_layout.ts";
import { FIGURE_COLORS, figureLayout, type PlotlyFigure } from "./plotly_figure.ts";

/** A run as the figures read it (a `StudyRun` or `RunRecord` fits). */
export interface RunSeries {
  /** Its name in the legend. */
  label: string;
  /** One entry a step. */
  metrics: readonly StepMetrics[];
  /** Its evaluations. */
  evals: readonly EvalPoint[];
}

/** Options of {@linkcode stepMetricFigure}. */
export interface StepMetricFigureOptions {
  /** The y-axis title. @default "value" */
  yTitle?: string;
  /** Percent y axis. @default false */
  yPercent?: boolean;
  /** The y range, or null. @default null */
  yRange?: [number, number] | null;
}

/**
 * The x (step) and y (metric) arrays of a run; a null metric leaves a gap.
 *
 * @example
 * ```ts
 * import { stepSeries } from "./step_figures.ts";
 * const s = stepSeries([{ step: 1, trainReward: 0.5 }, { step: 2, trainReward: 0.7 }] as never,
 *   (m) => m.trainReward);
 * if (s.x.join() !== "1,2" || s.y.join() !== "0.5,0.7") throw new Error();
 * ```
 */
export function stepSeries(
  metrics: readonly StepMetrics[],
  value: (m: StepMetrics) => number | null | undefined,
): { x: number[]; y: (number | null)[] } {
  return { x: metrics.map((m) => m.step), y: metrics.map((m) => value(m) ?? null) };
}

/**
 * The Pass@1 of a run's evaluations on one set, by step.
 *
 * @example
 * ```ts
 * import { evalSeries } from "./step_figures.ts";
 * const p = (step: number, pass1: number) => ({ step, set: "eval" as const, problems: 8, pass1,
 *   byLevel: {}, noAnswerShare: 0 });
 * if (evalSeries([p(0, 0.5), p(2, 0.6)]).y.join() !== "0.5,0.6") throw new Error();
 * ```
 */
export function evalSeries(
  evals: readonly EvalPoint[],
  set: EvalPoint["set"] = "eval",
): { x: number[]; y: number[] } {
  const points = evals.filter((e) => e.set === set);
  return { x: points.map((e) => e.step), y: points.map((e) => e.pass1) };
}

/**
 * One line per run of a per-step metric.
 *
 * @param runs The runs.
 * @param title The figure's title.
 * @param value The metric of a step (null: not measured).
 * @param options Axis options.
 *
 * @example
 * ```ts
 * import { stepMetricFigure } from "./step_figures.ts";
 * const fig = stepMetricFigure([{ label: "a", evals: [], metrics: [{ step: 1, keptFraction: 0.5 }] as never }],
 *   "Kept", (m) => m.keptFraction);
 * if ((fig.data[0] as { y: number[] }).y[0] !== 0.5) throw new Error();
 * ```
 */
export function stepMetricFigure(
  runs: readonly RunSeries[],
  title: string,
  value: (m: StepMetrics) => number | null | undefined,
  options?: StepMetricFigureOptions,
): PlotlyFigure {
  const { yTitle = "value", yPercent = false, yRange = null } = options ?? {};
  return {
    data: runs.map((r, i) => ({
      type: "scatter",
      mode: "lines+markers",
      name: r.label,
      ...stepSeries(r.metrics, value),
      line: { color: FIGURE_COLORS[i % FIGURE_COLORS.length], width: 2 },
    })),
    layout: figureLayout(title, { xTitle: "training step", yTitle, yPercent, yRange }),
  };
}

/** Options of {@linkcode difficultyFilterFigure}. */
export interface DifficultyFilterFigureOptions {
  /** The figure's title. @default "Difficulty filter: train reward and eval accuracy by step" */
  title?: string;
}

/**
 * Paper Fig. 2: train reward (left) and greedy eval Pass@1 (right) by step, one colour per
 * run (with and without the difficulty filter). Without the filter the reward can keep
 * rising while accuracy falls (reward hacking).
 *
 * @example
 * ```ts
 * import { difficultyFilterFigure } from "./step_figures.ts";
 * const fig = difficultyFilterFigure([{ label: "with filter", metrics: [{ step: 1, trainReward: 0.4 }] as never,
 *   evals: [{ step: 0, set: "eval", problems: 8, pass1: 0.5, byLevel: {}, noAnswerShare: 0 }] }]);
 * const [reward, acc] = fig.data as { x: number[]; y: number[]; xaxis: string }[];
 * if (reward!.y[0] !== 0.4 || acc!.x[0] !== 0 || acc!.xaxis !== "x2") throw new Error();
 * ```
 */
export function difficultyFilterFigure(
  runs: readonly RunSeries[],
  options?: DifficultyFilterFigureOptions,
): PlotlyFigure {
  const { title = "Difficulty filter: train reward and eval accuracy by step" } = options ?? {};
  const left = panelAxes(0), right = panelAxes(1);
  const data = runs.flatMap((r, i) => {
    const color = FIGURE_COLORS[i % FIGURE_COLORS.length];
    return [
      {
        type: "scatter" as const,
        mode: "lines+markers" as const,
        name: r.label,
        legendgroup: r.label,
        ...stepSeries(r.metrics, (m) => m.trainReward),
        xaxis: left.x,
        yaxis: left.y,
        line: { color, width: 2 },
      },
      {
        type: "scatter" as const,
        mode: "lines+markers" as const,
        name: r.label,
        legendgroup: r.label,
        showlegend: false,
        ...evalSeries(r.evals),
        xaxis: right.x,
        yaxis: right.y,
        line: { color, width: 2, dash: "dot" as const },
      },
    ];
  });
  return {
    data,
    layout: panelsLayout(title, [
      {
        title: "Train reward (majority vote)",
        xTitle: "training step",
        yTitle: "mean reward of trained groups",
        yRange: [0, 1],
      },
      {
        title: "Eval accuracy (greedy Pass@1)",
        xTitle: "training step",
        yTitle: "Pass@1",
        yPercent: true,
        yRange: [0, 1],
      },
    ]),
  };
}
