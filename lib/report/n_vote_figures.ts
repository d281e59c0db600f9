/**
 * The n_vote sweep: what more voters buy (true accuracy of the majority labels, eval
 * accuracy after training) and what they cost (seconds a step), one point per run.
 *
 * @module
 */
import type { Experiment } from "../config/experiment.ts";
import type { EvalPoint, StepMetrics } from "../serl/step_metrics.ts";
import { formatPercent } from "./iteration_figures.ts";
import { panelAxes, panelsLayout } from "./panel_layout.ts";
import { FIGURE_COLORS, type PlotlyFigure } from "./plotly_figure.ts";
import type { ReportTable } from "./report_table.ts";

/** One run of the sweep, summarized. */
export interface NVotePoint {
  /** Voters per instruction (`rollout.nVote`). */
  nVote: number;
  /** Mean over steps of the true accuracy of the majority labels (null: never measured). */
  labelAccuracy: number | null;
  /** The same over the groups the difficulty filter kept (the labels trained on). */
  keptLabelAccuracy: number | null;
  /** Greedy eval Pass@1 before training (null: not evaluated). */
  pass1Before: number | null;
  /** Greedy eval Pass@1 at the last evaluation. */
  pass1After: number | null;
  /** Mean wall-clock seconds a step. */
  secondsPerStep: number | null;
}

function meanOf(xs: readonly (number | null | undefined)[]): number | null {
  const ok = xs.filter((x): x is number => typeof x === "number" && Number.isFinite(x));
  return ok.length === 0 ? null : ok.reduce((s, x) => s + x, 0) / ok.length;
}

/**
 * Summarizes each run of the sweep, sorted by n_vote.
 *
 * @example
 * ```ts
 * import { nVotePoints } from "./n_vote_figures.ts";
 * const m = (a: number | null) => ({ majorityLabelAccuracy: a, keptLabelAccuracy: null, seconds: { step: 2 } });
 * const [p] = nVotePoints([{ config: { rollout: { nVote: 4 } } as never, evals: [],
 *   metrics: [m(0.5), m(null), m(1)] as never }]);
 * if (p!.nVote !== 4 || p!.labelAccuracy !== 0.75 || p!.secondsPerStep !== 2 || p!.pass1After !== null) throw new Error();
 * ```
 */
export function nVotePoints(
  runs: readonly {
    config: Pick<Experiment, "rollout">;
    metrics: readonly StepMetrics[];
    evals: readonly EvalPoint[];
  }[],
): NVotePoint[] {
  return runs.map((r) => {
    const evals = r.evals.filter((e) => e.set === "eval");
    return {
      nVote: r.config.rollout.nVote,
      labelAccuracy: meanOf(r.metrics.map((m) => m.majorityLabelAccuracy)),
      keptLabelAccuracy: meanOf(r.metrics.map((m) => m.keptLabelAccuracy)),
      pass1Before: evals[0]?.pass1 ?? null,
      pass1After: evals.at(-1)?.pass1 ?? null,
      secondsPerStep: meanOf(r.metrics.map((m) => m.seconds?.step)),
    };
  }).sort((a, b) => a.nVote - b.nVote);
}

/**
 * Two panels against n_vote (log 2 axis): accuracies (majority labels, kept labels, eval
 * Pass@1 after training) and seconds a step.
 *
 * @example
 * ```ts
 * import { nVoteFigure } from "./n_vote_figures.ts";
 * const fig = nVoteFigure([{ nVote: 2, labelAccuracy: 0.4, keptLabelAccuracy: 0.5, pass1Before: 0.5,
 *   pass1After: 0.55, secondsPerStep: 3 }]);
 * const label = fig.data[0] as { x: number[]; y: number[] };
 * if (label.x[0] !== 2 || label.y[0] !== 0.4) throw new Error();
 * ```
 */
export function nVoteFigure(points: readonly NVotePoint[]): PlotlyFigure {
  const x = points.map((p) => p.nVote);
  const left = panelAxes(0), right = panelAxes(1);
  const line = (name: string, y: (number | null)[], i: number, axes = left, dash = "solid") => ({
    type: "scatter" as const,
    mode: "lines+markers" as const,
    name,
    x,
    y,
    xaxis: axes.x,
    yaxis: axes.y,
    line: { color: FIGURE_COLORS[i], width: 2, dash: dash as "solid" },
  });
  return {
    data: [
      line("majority-label accuracy (all groups)", points.map((p) => p.labelAccuracy), 0),
      line("majority-label accuracy (kept groups)", points.map((p) => p.keptLabelAccuracy), 1),
      line("eval Pass@1 after training", points.map((p) => p.pass1After), 2, left, "dot"),
      line("seconds per step", points.map((p) => p.secondsPerStep), 6, right),
    ],
    layout: panelsLayout("n_vote sweep: label accuracy and cost", [
      {
        title: "Accuracy",
        xTitle: "voters per instruction (n_vote)",
        yTitle: "accuracy",
        yPercent: true,
        yRange: [0, 1],
        xLog: true,
        xTicks: x,
      },
      {
        title: "Cost",
        xTitle: "voters per instruction (n_vote)",
        yTitle: "seconds per step",
        xLog: true,
        xTicks: x,
      },
    ]),
  };
}

/**
 * The sweep as a table.
 *
 * @example
 * ```ts
 * import { nVoteTable } from "./n_vote_figures.ts";
 * const t = nVoteTable([{ nVote: 2, labelAccuracy: 0.4, keptLabelAccuracy: null, pass1Before: 0.5,
 *   pass1After: 0.55, secondsPerStep: 3 }]);
 * if (t.rows[0]!.join() !== "2,40.0%,,50.0%,55.0%,3") throw new Error(t.rows[0]!.join());
 * ```
 */
export function nVoteTable(points: readonly NVotePoint[]): ReportTable {
  return {
    caption:
      "n_vote sweep: true accuracy of the majority labels (mean over steps), eval Pass@1, cost",
    columns: [
      "n_vote",
      "label accuracy (all)",
      "label accuracy (kept)",
      "Pass@1 before",
      "Pass@1 after",
      "s / step",
    ],
    rows: points.map((p) => [
      p.nVote,
      formatPercent(p.labelAccuracy),
      formatPercent(p.keptLabelAccuracy),
      formatPercent(p.pass1Before),
      formatPercent(p.pass1After),
      p.secondsPerStep === null ? null : Number(p.secondsPerStep.toFixed(1)),
    ]),
    digits: 1,
  };
}
