/**
 * Paper Fig. 3 for tiny-math: cosine similarity of majority-vote and ground-truth rewards by
 * number of voters, overall and per level, against the paper's range for majority vote.
 *
 * @module
 */
import { FIGURE_COLORS, figureLayout, type PlotlyFigure } from "./plotly_figure.ts";
import type { ReportTable } from "./report_table.ts";
import type { RewardAlignmentRow } from "./reward_alignment.ts";

/** The paper's range of the cosine for majority vote (Fig. 3). */
export const PAPER_MAJORITY_COSINE: readonly [number, number] = Object.freeze([
  0.75,
  0.85,
]) as readonly [number, number];

function levelsOf(rows: readonly RewardAlignmentRow[]): string[] {
  return [...new Set(rows.map((r) => r.level))].sort((a, b) =>
    a === "all" ? -1 : b === "all" ? 1 : a.localeCompare(b, "en", { numeric: true })
  );
}

/**
 * Lines of the cosine against n_vote (log 2 axis), one per level and a thick one for all
 * levels, over a band marking the paper's 0.75-0.85.
 *
 * @example
 * ```ts
 * import { rewardAlignmentFigure } from "./reward_alignment_figure.ts";
 * const row = (nVote: number, level: string, cosine: number) =>
 *   ({ nVote, level, cosine, problems: 1, responses: nVote, labelAccuracy: 1 });
 * const fig = rewardAlignmentFigure([row(2, "all", 0.6), row(4, "all", 0.7), row(2, "1", 0.9), row(4, "1", 0.95)]);
 * const all = fig.data[0] as { name: string; x: number[]; y: number[] };
 * if (all.name !== "all levels" || all.x.join() !== "2,4" || all.y.join() !== "0.6,0.7") throw new Error();
 * ```
 */
export function rewardAlignmentFigure(rows: readonly RewardAlignmentRow[]): PlotlyFigure {
  const nVotes = [...new Set(rows.map((r) => r.nVote))].sort((a, b) => a - b);
  const data = levelsOf(rows).map((level, i) => {
    const mine = nVotes.map((n) => rows.find((r) => r.nVote === n && r.level === level) ?? null);
    const all = level === "all";
    return {
      type: "scatter" as const,
      mode: "lines+markers" as const,
      name: all ? "all levels" : `level ${level}`,
      x: nVotes,
      y: mine.map((r) => r?.cosine ?? null),
      line: {
        color: all ? "#000000" : FIGURE_COLORS[(i - 1) % FIGURE_COLORS.length],
        width: all ? 4 : 2,
        ...(all ? {} : { dash: "dot" as const }),
      },
      marker: { size: all ? 9 : 6 },
    };
  });
  const [lo, hi] = PAPER_MAJORITY_COSINE;
  const layout = figureLayout("Reward alignment: majority vote vs ground truth (paper Fig. 3)", {
    xTitle: "voters per problem (n_vote)",
    yTitle: "cosine similarity of rewards",
    yRange: [0, 1.02],
  });
  return {
    data,
    layout: {
      ...layout,
      xaxis: { ...layout.xaxis, type: "log", tickvals: nVotes, ticktext: nVotes.map(String) },
      shapes: [{
        type: "rect",
        xref: "paper",
        x0: 0,
        x1: 1,
        yref: "y",
        y0: lo,
        y1: hi,
        fillcolor: "#009E73",
        opacity: 0.12,
        line: { width: 0 },
        layer: "below",
      }],
      annotations: [{
        xref: "paper",
        x: 0.99,
        xanchor: "right",
        yref: "y",
        y: hi,
        yanchor: "bottom",
        text: `paper, majority vote: ${lo}-${hi}`,
        showarrow: false,
        font: { color: "#00704f" },
      }],
    },
  };
}

/**
 * The same as a table: one row per n_vote, the cosine per level and Maj@n of all problems.
 *
 * @example
 * ```ts
 * import { rewardAlignmentTable } from "./reward_alignment_figure.ts";
 * const t = rewardAlignmentTable([{ nVote: 2, level: "all", cosine: 0.5, problems: 4,
 *   responses: 8, labelAccuracy: 0.25 }]);
 * if (t.columns.join() !== "n_vote,cosine all levels,Maj@n all levels" || t.rows[0]!.join() !== "2,0.5,25.0%") {
 *   throw new Error(t.columns.join());
 * }
 * ```
 */
export function rewardAlignmentTable(rows: readonly RewardAlignmentRow[]): ReportTable {
  const levels = levelsOf(rows);
  const name = (l: string) => (l === "all" ? "all levels" : `level ${l}`);
  const nVotes = [...new Set(rows.map((r) => r.nVote))].sort((a, b) => a - b);
  return {
    caption:
      "Cosine of majority-vote and ground-truth rewards; Maj@n: share of correct majority answers",
    columns: ["n_vote", ...levels.map((l) => `cosine ${name(l)}`), "Maj@n all levels"],
    rows: nVotes.map((n) => {
      const at = (l: string) => rows.find((r) => r.nVote === n && r.level === l) ?? null;
      const acc = at("all")?.labelAccuracy ?? null;
      return [
        n,
        ...levels.map((l) => at(l)?.cosine ?? null),
        acc === null ? null : `${(acc * 100).toFixed(1)}%`,
      ];
    }),
  };
}
