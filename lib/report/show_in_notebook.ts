/**
 * Showing figures and tables in the Deno Jupyter kernel.
 *
 * Two facts shape this file (spec `deno_notes.md` section 3):
 * - The kernel can report `idle` before a display message reaches the front end, and
 *   nbclient (nbconvert, `jupyter execute`) then drops the output. Awaiting the display and
 *   then one `setTimeout(0)` lets a small message flush first (no output lost in 100
 *   trials). A large one needs longer: bundles carrying plotly.js (4.8 MB) were lost in 9
 *   of 18 cells with `setTimeout(0)` alone and in none of 58 with 50-240 ms more
 *   ({@linkcode flushDelayMs}).
 * - `nbconvert --to html` drops the plotly MIME type, so each figure also carries `text/html`
 *   (a `<div>` and `Plotly.newPlot`), with plotly.js itself inlined in the first figure a
 *   kernel shows, and `text/plain` for terminals.
 *
 * @module
 */
import { type PlotlyFigure, plotlyFigureHtml } from "./plotly_figure.ts";
import { readPlotlyJs } from "./plotly_js.ts";
import { type ReportTable, tableHtml, tableText } from "./report_table.ts";

/** A Jupyter MIME bundle: MIME type to data. */
export type MimeBundle = Record<string, string | object>;

/** The kernel's display function (`Deno.jupyter.display` with `{ raw: true }`). */
export type DisplayFunction = (bundle: MimeBundle, options: { raw: true }) => Promise<void>;

/** The plotly MIME type JupyterLab renders natively. */
export const PLOTLY_MIME = "application/vnd.plotly.v1+json";

/** Options of {@linkcode plotlyMimeBundle}. */
export interface PlotlyMimeBundleOptions {
  /** The div id of the `text/html` version. @default "serl-figure" */
  id?: string;
  /** plotly.js to inline before the figure (the first figure of a page), or null. @default null */
  plotlyJs?: string | null;
}

/**
 * A one-line description of a figure (its `text/plain` version).
 *
 * @example
 * ```ts
 * import { figureText } from "./show_in_notebook.ts";
 * const text = figureText({ data: [{ name: "a" }, { name: "b" }], layout: { title: { text: "T" } } });
 * if (text !== "[figure] T: a, b") throw new Error(text);
 * ```
 */
export function figureText(fig: PlotlyFigure): string {
  const title = fig.layout.title;
  const text = typeof title === "string" ? title : title?.text ?? "untitled";
  const names = fig.data.map((d, i) => ("name" in d && d.name) || `trace ${i}`);
  return `[figure] ${text}: ${names.join(", ")}`;
}

/**
 * The MIME bundle of a figure: plotly JSON, `text/html` (plotly.js inlined when given) and
 * `text/plain`.
 *
 * @example
 * ```ts
 * import { PLOTLY_MIME, plotlyMimeBundle } from "./show_in_notebook.ts";
 * const fig = { data: [{ y: [1, 2], name: "a" }], layout: {} };
 * const b = plotlyMimeBundle(fig, { plotlyJs: "var Plotly;" });
 * if (b[PLOTLY_MIME] !== fig || !(b["text/html"] as string).startsWith("<script>var Plotly;")) {
 *   throw new Error();
 * }
 * ```
 */
export function plotlyMimeBundle(fig: PlotlyFigure, options?: PlotlyMimeBundleOptions): MimeBundle {
  const { id = "serl-figure", plotlyJs = null } = options ?? {};
  const lib = plotlyJs === null
    ? ""
    : `<script>${plotlyJs.replaceAll("</script", "<\\/script")}</script>\n`;
  return {
    [PLOTLY_MIME]: fig,
    "text/html": lib + plotlyFigureHtml(fig, { id }),
    "text/plain": figureText(fig),
  };
}

/** Options of the show functions. */
export interface ShowOptions {
  /** The display function. @default Deno.jupyter.display (only inside `deno jupyter`) */
  display?: DisplayFunction;
}

function kernelDisplay(): DisplayFunction {
  try {
    const jupyter = Deno.jupyter;
    return (bundle, options) => jupyter.display(bundle, options);
  } catch {
    throw new TypeError(
      "Cannot show output: Deno.jupyter exists only in the Deno Jupyter kernel (pass options.display elsewhere)",
    );
  }
}

/**
 * Extra milliseconds to wait after displaying a bundle, by its size: 0 up to 200 kB, then
 * 50 ms per MB.
 *
 * @example
 * ```ts
 * import { flushDelayMs } from "./show_in_notebook.ts";
 * if (flushDelayMs({ "text/plain": "hi" }) !== 0) throw new Error();
 * if (flushDelayMs({ "text/html": "x".repeat(4_000_000) }) !== 200) throw new Error();
 * ```
 */
export function flushDelayMs(bundle: MimeBundle): number {
  let bytes = 0;
  for (const v of Object.values(bundle)) {
    bytes += typeof v === "string" ? v.length : JSON.stringify(v).length;
  }
  return bytes <= 200_000 ? 0 : Math.ceil((bytes / 1e6) * 50);
}

/**
 * Displays a raw MIME bundle, then waits one macrotask (and {@linkcode flushDelayMs} more
 * for a large bundle) so the kernel sends it before `idle`.
 *
 * @example
 * ```ts
 * import { displayFlushed } from "./show_in_notebook.ts";
 * const shown: object[] = [];
 * await displayFlushed({ "text/plain": "hi" }, { display: (b) => { shown.push(b); return Promise.resolve(); } });
 * if (shown.length !== 1) throw new Error();
 * ```
 */
export async function displayFlushed(bundle: MimeBundle, options?: ShowOptions): Promise<void> {
  const display = options?.display ?? kernelDisplay();
  await display(bundle, { raw: true });
  await new Promise((resolve) => setTimeout(resolve, 0));
  const extra = flushDelayMs(bundle);
  if (extra > 0) await new Promise((resolve) => setTimeout(resolve, extra));
}

let plotlyShown = false;
let figureCount = 0;

/** Options of {@linkcode showPlot}. */
export interface ShowPlotOptions extends ShowOptions {
  /**
   * Inline plotly.js in this figure's `text/html`.
   * @default true for the first figure this process shows, false after
   */
  inlinePlotly?: boolean;
}

/**
 * Shows a figure in the notebook (plotly JSON, HTML, text), flushed so no output is lost.
 *
 * @example With a recording display function (in a notebook: `await showPlot(fig)`)
 * ```ts
 * import { PLOTLY_MIME, showPlot } from "./show_in_notebook.ts";
 * const shown: Record<string, unknown>[] = [];
 * const display = (b: Record<string, unknown>) => { shown.push(b); return Promise.resolve(); };
 * await showPlot({ data: [{ y: [1] }], layout: {} }, { display, inlinePlotly: false });
 * if (!(PLOTLY_MIME in shown[0]!) || !("text/plain" in shown[0]!)) throw new Error();
 * ```
 */
export async function showPlot(fig: PlotlyFigure, options?: ShowPlotOptions): Promise<void> {
  const { inlinePlotly = !plotlyShown } = options ?? {};
  const display = options?.display ?? kernelDisplay();
  const plotlyJs = inlinePlotly ? await readPlotlyJs() : null;
  const id = `serl-figure-${++figureCount}-${crypto.randomUUID().slice(0, 8)}`;
  await displayFlushed(plotlyMimeBundle(fig, { id, plotlyJs }), { display });
  if (inlinePlotly) plotlyShown = true;
}

/**
 * Shows a table in the notebook (HTML and aligned text), flushed.
 *
 * @example
 * ```ts
 * import { showTable } from "./show_in_notebook.ts";
 * let html = "";
 * await showTable({ caption: "c", columns: ["a"], rows: [[1]] },
 *   { display: (b) => { html = b["text/html"] as string; return Promise.resolve(); } });
 * if (!html.includes("<td>1</td>")) throw new Error(html);
 * ```
 */
export async function showTable(table: ReportTable, options?: ShowOptions): Promise<void> {
  await displayFlushed({ "text/html": tableHtml(table), "text/plain": tableText(table) }, options);
}
