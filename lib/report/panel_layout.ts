/**
 * Side-by-side panels in one figure (plotly's `xaxis`/`xaxis2`/... with domains), each with
 * its own title and labelled axes, sharing one legend.
 *
 * @module
 */
import { figureAxis, figureLayout, type PlotlyLayout } from "./plotly_figure.ts";

/** One panel. */
export interface PanelSpec {
  /** The panel's title (above it). */
  title: string;
  /** Its x-axis title. */
  xTitle: string;
  /** Its y-axis title. */
  yTitle: string;
  /** Format the y axis as percentages. @default false */
  yPercent?: boolean;
  /** The y range, or null to let plotly choose. @default null */
  yRange?: [number, number] | null;
  /** A logarithmic x axis (base-2 ticks at `xTicks`). @default false */
  xLog?: boolean;
  /** Tick values of the x axis, or null for plotly's. @default null */
  xTicks?: number[] | null;
  /** Categorical x axis. @default false */
  xCategory?: boolean;
}

/**
 * The axis names of panel `i` (0-based): `{ x: "x", y: "y" }`, then `"x2"`, `"y2"`, ...
 *
 * @example
 * ```ts
 * import { panelAxes } from "./panel_layout.ts";
 * if (panelAxes(1).x !== "x2" || panelAxes(0).y !== "y") throw new Error();
 * ```
 */
export function panelAxes(i: number): { x: string; y: string } {
  const n = i === 0 ? "" : String(i + 1);
  return { x: `x${n}`, y: `y${n}` };
}

/**
 * A layout of side-by-side panels.
 *
 * @param title The figure's title.
 * @param panels The panels, left to right.
 * @returns The layout (traces go to a panel with `xaxis`/`yaxis` from {@linkcode panelAxes}).
 *
 * @example
 * ```ts
 * import { panelsLayout } from "./panel_layout.ts";
 * const layout = panelsLayout("T", [
 *   { title: "a", xTitle: "step", yTitle: "reward" },
 *   { title: "b", xTitle: "step", yTitle: "Pass@1" },
 * ]) as Record<string, { domain?: number[]; title?: { text: string } }>;
 * if (layout.xaxis2!.title!.text !== "step" || layout.xaxis!.domain![1]! >= layout.xaxis2!.domain![0]!) {
 *   throw new Error();
 * }
 * ```
 */
export function panelsLayout(title: string, panels: readonly PanelSpec[]): Partial<PlotlyLayout> {
  if (panels.length === 0) throw new RangeError("Cannot lay out panels: none given");
  const gap = 0.1;
  const width = (1 - gap * (panels.length - 1)) / panels.length;
  const base = figureLayout(title);
  const layout: Record<string, unknown> = {
    ...base,
    margin: { ...base.margin, t: 100 },
    width: Math.max(860, 480 * panels.length),
    annotations: [],
  };
  panels.forEach((p, i) => {
    const { x, y } = panelAxes(i);
    const from = i * (width + gap);
    const xKey = x.replace("x", "xaxis"), yKey = y.replace("y", "yaxis");
    layout[xKey] = {
      ...figureAxis(p.xTitle),
      domain: [from, from + width],
      anchor: y,
      ...(p.xLog ? { type: "log", dtick: Math.log10(2) } : {}),
      ...(p.xTicks ? { tickvals: p.xTicks } : {}),
      ...(p.xCategory ? { type: "category" } : {}),
    };
    layout[yKey] = {
      ...figureAxis(p.yTitle),
      anchor: x,
      ...(p.yPercent ? { tickformat: ".0%" } : {}),
      ...(p.yRange ? { range: p.yRange } : {}),
    };
    (layout.annotations as unknown[]).push({
      text: `<b>${p.title}</b>`,
      xref: "paper",
      yref: "paper",
      x: from + width / 2,
      y: 1.03,
      xanchor: "center",
      yanchor: "bottom",
      showarrow: false,
      font: { size: 14 },
    });
  });
  return layout as Partial<PlotlyLayout>;
}
