/**
 * Self-instruction: the filter funnel (what each online filter removed), rejections by step,
 * and the level mix of what the model writes compared with the seeds'.
 *
 * @module
 */
import type { StepFunnel, StepMetrics } from "../serl/step_metrics.ts";
import { FIGURE_COLORS, figureLayout, type PlotlyFigure } from "./plotly_figure.ts";

/** The funnel's stages, summed over steps. */
export interface FunnelStage {
  /** The stage's name. */
  stage: string;
  /** Instructions (or groups) left after it. */
  count: number;
}

/**
 * The funnel summed over the given steps: candidates parsed, left after the rule filters,
 * after ROUGE-L (accepted into the pool), rolled out, kept by the difficulty filter.
 *
 * @example
 * ```ts
 * import { funnelStages } from "./self_instruction_figures.ts";
 * const funnel = { candidates: 10, empty: 1, wordCount: 1, blacklist: 0, writeProgram: 0, leadingChar: 0,
 *   rougeL: 2, accepted: 6, rolledOut: 4, tooHard: 1, tooEasy: 1, kept: 2 };
 * const s = funnelStages([{ funnel }, { funnel }] as never);
 * if (s.map((x) => x.count).join() !== "20,16,12,8,4") throw new Error(s.map((x) => x.count).join());
 * ```
 */
export function funnelStages(metrics: readonly Pick<StepMetrics, "funnel">[]): FunnelStage[] {
  const sum = (k: keyof StepFunnel) => metrics.reduce((s, m) => s + (m.funnel[k] ?? 0), 0);
  const rules = sum("empty") + sum("wordCount") + sum("blacklist") + sum("writeProgram") +
    sum("leadingChar");
  return [
    { stage: "parsed candidates", count: sum("candidates") },
    { stage: "pass rule filters", count: sum("candidates") - rules },
    { stage: "pass ROUGE-L (accepted)", count: sum("accepted") },
    { stage: "rolled out (groups)", count: sum("rolledOut") },
    { stage: "kept by difficulty filter", count: sum("kept") },
  ];
}

/**
 * A plotly funnel of {@linkcode funnelStages}, each stage with its count and its share of
 * the candidates.
 *
 * @example
 * ```ts
 * import { funnelFigure } from "./self_instruction_figures.ts";
 * const fig = funnelFigure([{ stage: "a", count: 10 }, { stage: "b", count: 5 }]);
 * const t = fig.data[0] as { x: number[]; y: string[]; type: string };
 * if (t.type !== "funnel" || t.x.join() !== "10,5" || t.y.join() !== "a,b") throw new Error();
 * ```
 */
export function funnelFigure(stages: readonly FunnelStage[], title?: string): PlotlyFigure {
  const layout = figureLayout(title ?? "Self-instruction funnel (all steps)", {
    xTitle: "instructions (groups after rollout)",
    yTitle: "",
  });
  return {
    data: [
      {
        type: "funnel",
        name: "funnel",
        x: stages.map((s) => s.count),
        y: stages.map((s) => s.stage),
        // plotly funnels accept "percent initial"; the typings list only pie textinfo values
        textinfo: "value+percent initial" as "value+percent",
        marker: { color: FIGURE_COLORS[0] },
      } as PlotlyFigure["data"][number],
    ],
    layout: { ...layout, margin: { ...layout.margin, l: 200 }, showlegend: false },
  };
}

/** The rejection reasons of the funnel, in filter order, with their names in figures. */
export const REJECTION_REASONS: readonly [keyof StepFunnel, string][] = Object.freeze([
  ["empty", "empty"],
  ["wordCount", "word count"],
  ["blacklist", "blacklist"],
  ["writeProgram", "write a program"],
  ["leadingChar", "leading character"],
  ["rougeL", "ROUGE-L (near copy)"],
  ["tooHard", "too hard (r_mean < low)"],
  ["tooEasy", "too easy (r_mean > high)"],
]);

/**
 * Stacked bars of rejections per step, one colour per reason.
 *
 * @example
 * ```ts
 * import { rejectionsFigure } from "./self_instruction_figures.ts";
 * const funnel = { candidates: 3, empty: 0, wordCount: 0, blacklist: 0, writeProgram: 0, leadingChar: 0,
 *   rougeL: 2, accepted: 1, rolledOut: 4, tooHard: 1, tooEasy: 1, kept: 2 };
 * const fig = rejectionsFigure([{ step: 1, funnel }] as never);
 * const rouge = fig.data.find((d) => (d as { name: string }).name === "ROUGE-L (near copy)") as { y: number[] };
 * if (rouge.y.join() !== "2") throw new Error();
 * ```
 */
export function rejectionsFigure(
  metrics: readonly Pick<StepMetrics, "step" | "funnel">[],
): PlotlyFigure {
  return {
    data: REJECTION_REASONS.map(([key, name], i) => ({
      type: "bar",
      name,
      x: metrics.map((m) => m.step),
      y: metrics.map((m) => m.funnel[key] ?? 0),
      marker: { color: FIGURE_COLORS[i % FIGURE_COLORS.length] },
    })),
    layout: {
      ...figureLayout("Rejected instructions and groups by filter, per step", {
        xTitle: "training step",
        yTitle: "rejected (instructions or groups)",
      }),
      barmode: "stack",
    },
  };
}

/** The level keys of `levelMix`, in display order, with their names. */
const LEVELS: readonly [string, string][] = [
  ["1", "level 1"],
  ["2", "level 2"],
  ["3", "level 3"],
  ["4", "level 4"],
  ["5", "level 5"],
  ["none", "not a tiny-math problem"],
];

/**
 * Stacked shares of levels among rolled-out instructions: the seeds' mix first, then each
 * step's. Drift from the seeds shows as bars whose colours shift away from the first bar.
 *
 * @param metrics The steps (their `levelMix`).
 * @param seedMix Counts of the seed set by level (same keys), or null.
 *
 * @example
 * ```ts
 * import { levelMixFigure } from "./self_instruction_figures.ts";
 * const fig = levelMixFigure([{ step: 1, levelMix: { "1": 3, "2": 1, "3": 0, "4": 0, "5": 0, none: 0 } }] as never,
 *   { "1": 1, "2": 1, "3": 1, "4": 1, "5": 1, none: 0 });
 * const l1 = fig.data[0] as { x: string[]; y: number[] };
 * if (l1.x.join() !== "seeds,1" || l1.y.join() !== "0.2,0.75") throw new Error(l1.y.join());
 * ```
 */
export function levelMixFigure(
  metrics: readonly Pick<StepMetrics, "step" | "levelMix">[],
  seedMix: Record<string, number> | null,
): PlotlyFigure {
  const columns = [
    ...(seedMix === null ? [] : [{ name: "seeds", mix: seedMix }]),
    ...metrics.map((m) => ({ name: String(m.step), mix: m.levelMix })),
  ];
  const share = (mix: Record<string, number>, key: string) => {
    const total = Object.values(mix).reduce((s, v) => s + v, 0);
    return total === 0 ? 0 : (mix[key] ?? 0) / total;
  };
  return {
    data: LEVELS.map(([key, name], i) => ({
      type: "bar",
      name,
      x: columns.map((c) => c.name),
      y: columns.map((c) => share(c.mix, key)),
      marker: { color: key === "none" ? "#999999" : FIGURE_COLORS[i % FIGURE_COLORS.length] },
    })),
    layout: {
      ...figureLayout("Level mix of rolled-out instructions: seeds vs each step", {
        xTitle: "",
        yTitle: "share of instructions",
        yPercent: true,
        yRange: [0, 1],
      }),
      barmode: "stack",
      xaxis: {
        ...figureLayout("").xaxis,
        type: "category",
        title: { text: "the seed set, then each training step" },
      },
    },
  };
}
