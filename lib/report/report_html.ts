/**
 * The HTML report: one self-contained page (plotly.js inlined once) with a section per
 * study: what the paper shows, the figures, the tables, and the config of every run used.
 *
 * @module
 */
import { type PlotlyFigure, plotlyFigureHtml, scriptJson } from "./plotly_figure.ts";
import { escapeHtml, type ReportTable, tableHtml } from "./report_table.ts";

/** A named figure of a section (the name is its file name for the PNG). */
export interface NamedFigure {
  /** File-safe name, unique in the report (`reward_alignment`). */
  name: string;
  /** The figure. */
  figure: PlotlyFigure;
}

/** A run a section read, with its config. */
export interface SectionRun {
  /** Its label in the section's figures. */
  label: string;
  /** The run folder. */
  dir: string;
  /** `"runs"` or `"smoke"`. */
  source: string;
  /** Its resolved config. */
  config: unknown;
}

/** One study of the report. */
export interface ReportSection {
  /** Anchor id (`difficulty_filter`). */
  id: string;
  /** Heading. */
  title: string;
  /** Paragraphs of plain text (escaped). */
  text: string[];
  /** Figures, in order. */
  figures: NamedFigure[];
  /** Tables, after the figures. */
  tables: ReportTable[];
  /** The runs it read (their configs are listed). */
  runs: SectionRun[];
}

/** Options of {@linkcode reportHtml}. */
export interface ReportHtmlOptions {
  /** The page title. @default "serl report" */
  title?: string;
  /** plotly.js, inlined once in the page's head. */
  plotlyJs: string;
  /** A line under the title (e.g. when and from what it was built). @default "" */
  subtitle?: string;
  /** Links shown under the contents, as [text, href]. @default [] */
  links?: [string, string][];
}

const STYLE =
  `body{font-family:Helvetica,Arial,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
h1{margin-bottom:0.2em}h2{border-bottom:2px solid #ddd;padding-bottom:0.2em;margin-top:2em}
.sub{color:#666}.serl-figure{margin:1em 0}
table.serl-table{border-collapse:collapse;margin:1em 0;font-size:14px}
table.serl-table caption{text-align:left;font-weight:bold;padding:0.3em 0}
table.serl-table th,table.serl-table td{border:1px solid #ccc;padding:0.3em 0.6em;text-align:left;vertical-align:top}
table.serl-table th{background:#f3f3f3}pre{background:#f7f7f7;padding:0.8em;overflow:auto;font-size:12px}
.smoke{background:#fff4d6;border-left:4px solid #e69f00;padding:0.5em 0.8em}`;

function runsHtml(runs: readonly SectionRun[]): string {
  if (runs.length === 0) return "";
  const items = runs.map((r) =>
    `<details><summary>${escapeHtml(r.label)}: <code>${escapeHtml(r.dir)}</code> (${
      escapeHtml(r.source)
    })</summary>\n<pre>${escapeHtml(JSON.stringify(r.config, null, 2))}</pre></details>`
  );
  return `<h3>Runs and their configs</h3>\n${items.join("\n")}`;
}

/**
 * The report page.
 *
 * @param sections The studies, in order.
 * @param options Title, plotly.js, subtitle, links.
 * @returns The HTML.
 *
 * @example
 * ```ts
 * import { reportHtml } from "./report_html.ts";
 * const html = reportHtml([{ id: "a", title: "A <1>", text: ["t"], tables: [], runs: [],
 *   figures: [{ name: "f", figure: { data: [{ y: [1] }], layout: {} } }] }], { plotlyJs: "var Plotly;" });
 * if (!html.includes("<h2 id=\"a\">A &lt;1&gt;</h2>") || html.split("var Plotly;").length !== 2) throw new Error();
 * ```
 */
export function reportHtml(sections: readonly ReportSection[], options: ReportHtmlOptions): string {
  const { title = "serl report", plotlyJs, subtitle = "", links = [] } = options;
  const ids = new Set<string>();
  for (const s of sections) {
    for (const f of s.figures) {
      if (ids.has(f.name)) {
        throw new TypeError(`Cannot build report: figure "${f.name}" appears twice`);
      }
      ids.add(f.name);
    }
  }
  const toc = sections.map((s) =>
    `<li><a href="#${escapeHtml(s.id)}">${escapeHtml(s.title)}</a></li>`
  );
  const body = sections.map((s) => {
    const smoke = s.runs.some((r) => r.source === "smoke")
      ? `<p class="smoke">Smoke-scale runs (made because runs/ had none): they show that the pipeline works, not what the method does. Run <code>deno task serl</code> / <code>deno task ablate</code> for real numbers.</p>`
      : "";
    return [
      `<section>\n<h2 id="${escapeHtml(s.id)}">${escapeHtml(s.title)}</h2>`,
      ...s.text.map((t) => `<p>${escapeHtml(t)}</p>`),
      smoke,
      ...s.figures.map((f) => plotlyFigureHtml(f.figure, { id: `fig-${f.name}` })),
      ...s.tables.map(tableHtml),
      runsHtml(s.runs),
      "</section>",
    ].filter((x) => x !== "").join("\n");
  });
  const linkList = links.length === 0
    ? ""
    : `<ul>${
      links.map(([text, href]) => `<li><a href="${escapeHtml(href)}">${escapeHtml(text)}</a></li>`)
        .join("")
    }</ul>`;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
<script>${plotlyJs.replaceAll("</script", "<\\/script")}</script>
</head><body>
<h1>${escapeHtml(title)}</h1>
<p class="sub">${escapeHtml(subtitle)}</p>
<ol>${toc.join("")}</ol>
${linkList}
${body.join("\n")}
</body></html>
`;
}

/**
 * A page with one figure at a fixed size, for a PNG screenshot (`plotlySrc` is the path of
 * plotly.min.js relative to the page).
 *
 * @example
 * ```ts
 * import { figurePageHtml } from "./report_html.ts";
 * const html = figurePageHtml({ data: [], layout: { width: 800, height: 400 } }, "plotly.min.js");
 * if (!html.includes('<script src="plotly.min.js">') || !html.includes('"width":800')) throw new Error();
 * ```
 */
export function figurePageHtml(fig: PlotlyFigure, plotlySrc: string): string {
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><style>body{margin:0;background:white}</style>
<script src="${escapeHtml(plotlySrc)}"></script></head><body>
<div id="fig"></div>
<script>Plotly.newPlot("fig", ${scriptJson(fig.data)}, ${
    scriptJson(fig.layout)
  }, {staticPlot: true});</script>
</body></html>
`;
}
