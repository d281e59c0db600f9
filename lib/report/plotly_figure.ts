/**
 * Figures as plotly JSON (`{ data, layout }`): plotly.js needs a DOM and cannot run in Deno,
 * so serl builds the JSON in TypeScript and lets a browser (Jupyter, the HTML report,
 * headless chromium) draw it. This file holds the figure type, the shared look of every
 * figure, and the `<div>` + `<script>` snippet that draws one in a page.
 *
 * @module
 */
// plotly's types (npm @types/plotly.js) for the JSON; type-only, nothing of plotly.js runs in Deno
// @ts-types="@types/plotly.js"
import type { Config, Data, Layout } from "plotly.js-dist-min";

/** A plotly trace (npm `@types/plotly.js`'s `Data`). */
export type PlotlyData = Data;
/** A plotly layout (npm `@types/plotly.js`'s `Layout`). */
export type PlotlyLayout = Layout;

/** A plotly figure: traces and layout, plain JSON. */
export interface PlotlyFigure {
  /** The traces. */
  data: Data[];
  /** The layout (titles, axes, legend, shapes). */
  layout: Partial<Layout>;
}

/** The colours of the figures' traces, in order (colour-blind safe, Okabe-Ito). */
export const FIGURE_COLORS: readonly string[] = Object.freeze([
  "#0072B2",
  "#D55E00",
  "#009E73",
  "#CC79A7",
  "#E69F00",
  "#56B4E9",
  "#000000",
  "#882255",
]);

/** Options of {@linkcode figureLayout}. */
export interface FigureLayoutOptions {
  /** The x-axis title. @default "" */
  xTitle?: string;
  /** The y-axis title. @default "" */
  yTitle?: string;
  /** The y-axis range, or null to let plotly choose. @default null */
  yRange?: [number, number] | null;
  /** Format the y axis as percentages. @default false */
  yPercent?: boolean;
}

/**
 * The layout every serl figure starts from: a title, labelled axes, a legend below the plot,
 * white background, readable fonts.
 *
 * @param title The figure's title.
 * @param options Axis titles, y range and format.
 * @returns The layout.
 *
 * @example
 * ```ts
 * import { figureLayout } from "./plotly_figure.ts";
 * const layout = figureLayout("Reward", { xTitle: "step", yTitle: "reward" });
 * const x = layout.xaxis as { title: { text: string } };
 * if (x.title.text !== "step") throw new Error();
 * ```
 */
export function figureLayout(title: string, options?: FigureLayoutOptions): Partial<Layout> {
  const { xTitle = "", yTitle = "", yRange = null, yPercent = false } = options ?? {};
  return {
    title: { text: title, font: { size: 18 }, x: 0.02, xanchor: "left" },
    font: { family: "Helvetica, Arial, sans-serif", size: 13 },
    xaxis: figureAxis(xTitle),
    yaxis: {
      ...figureAxis(yTitle),
      ...(yRange === null ? {} : { range: yRange }),
      ...(yPercent ? { tickformat: ".0%" } : {}),
    },
    legend: {
      orientation: "h",
      x: 0,
      xanchor: "left",
      y: -0.2,
      yanchor: "top",
      traceorder: "normal",
    },
    margin: { l: 70, r: 30, t: 60, b: 100 },
    paper_bgcolor: "white",
    plot_bgcolor: "white",
    width: 860,
    height: 480,
  };
}

/**
 * An axis with a title, grid lines and a zero line (plotly's axis record).
 *
 * @example
 * ```ts
 * import { figureAxis } from "./plotly_figure.ts";
 * if (figureAxis("step").title?.text !== "step") throw new Error();
 * ```
 */
export function figureAxis(title: string): { title: { text: string }; [key: string]: unknown } {
  return {
    title: { text: title },
    showgrid: true,
    gridcolor: "#e5e5e5",
    zeroline: false,
    linecolor: "#444",
    showline: true,
    ticks: "outside",
    automargin: true,
  };
}

/** Options of {@linkcode plotlyFigureHtml}. */
export interface PlotlyFigureHtmlOptions {
  /** The `id` of the figure's `<div>`. @default "serl-figure" */
  id?: string;
  /** Let the figure fill its container's width (drops the fixed layout width). @default true */
  responsive?: boolean;
}

/** The plotly config of every drawn figure. */
const CONFIG: Partial<Config> = { displaylogo: false, responsive: true };

/**
 * The HTML that draws a figure: a `<div>` and a script calling `Plotly.newPlot` (the page
 * must load plotly.js first). The JSON is escaped so no `</script>` can end the script early.
 *
 * @param fig The figure.
 * @param options The div id, and whether the figure follows its container's width.
 * @returns The HTML snippet.
 *
 * @example
 * ```ts
 * import { plotlyFigureHtml } from "./plotly_figure.ts";
 * const html = plotlyFigureHtml({ data: [{ y: [1, 2], name: "</script>" }], layout: {} }, { id: "f1" });
 * if (!html.startsWith('<div id="f1"') || html.includes("</script>\"")) throw new Error(html);
 * ```
 */
export function plotlyFigureHtml(fig: PlotlyFigure, options?: PlotlyFigureHtmlOptions): string {
  const { id = "serl-figure", responsive = true } = options ?? {};
  if (!/^[A-Za-z][\w-]*$/.test(id)) {
    throw new TypeError(`Cannot draw figure: "${id}" is not a valid element id`);
  }
  const layout = responsive ? { ...fig.layout, width: undefined, autosize: true } : fig.layout;
  const height = typeof fig.layout.height === "number" ? fig.layout.height : 480;
  const json = (x: unknown) => scriptJson(x);
  return `<div id="${id}" class="serl-figure" style="width:100%;min-height:${height}px"></div>\n` +
    `<script>Plotly.newPlot(${json(id)}, ${json(fig.data)}, ${json(layout)}, ${
      json(CONFIG)
    });</script>`;
}

/**
 * JSON that is safe inside a `<script>` element (`<`, `>`, `&` and line separators escaped).
 *
 * @example
 * ```ts
 * import { scriptJson } from "./plotly_figure.ts";
 * if (scriptJson("</script>") !== '"\\u003c/script\\u003e"') throw new Error(scriptJson("</script>"));
 * ```
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replaceAll("<", "\\u003c")
    .replaceAll(">", "\\u003e")
    .replaceAll("&", "\\u0026")
    .replaceAll("\u2028", "\\u2028")
    .replaceAll("\u2029", "\\u2029");
}
