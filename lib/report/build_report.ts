/**
 * Builds the report folder (`runs/report/` by default): `index.html` with every study
 * (figures, tables, run configs; plotly.js inlined, so the one file can be sent around),
 * one page per figure under `figures/`, and a PNG of each figure through headless Chromium
 * when it is installed.
 *
 * @module
 */
import { join, resolve } from "node:path";
import { writeFileAtomic } from "../atomic_write.ts";
import { readPlotlyJs } from "./plotly_js.ts";
import { findChromium, renderPng } from "./render_png.ts";
import { figurePageHtml, reportHtml, type ReportSection } from "./report_html.ts";
import {
  algorithmsSection,
  difficultyFilterSection,
  mainResultSection,
  nVoteSection,
  rewardAlignmentSection,
  selfInstructionSection,
} from "./report_sections.ts";
import type { StudyRunOptions } from "./study_runs.ts";

/** Options of {@linkcode buildReport}. */
export interface BuildReportOptions extends StudyRunOptions {
  /** The report folder. @default "<runs>/report" */
  out?: string;
  /** Render PNGs (when Chromium is found). @default true */
  png?: boolean;
  /** The Chromium executable. @default the first of `CHROMIUM_PATHS` that exists */
  chromium?: string | null;
  /** Progress messages (the CLI prints them). @default undefined */
  onProgress?: (message: string) => void;
  /** The sections; by default every study. @default all six studies */
  sections?: ReportSection[];
}

/** What {@linkcode buildReport} wrote. */
export interface BuiltReport {
  /** The report page. */
  index: string;
  /** One page per figure. */
  figurePages: string[];
  /** The PNGs rendered. */
  pngs: string[];
  /** Why no PNGs were rendered, or null when they were. */
  pngSkipped: string | null;
}

/** Every study's section, in the notebooks' order. */
async function allSections(
  options: StudyRunOptions,
  progress: (m: string) => void,
): Promise<ReportSection[]> {
  const steps: [string, () => Promise<ReportSection>][] = [
    [
      "reward alignment",
      () =>
        rewardAlignmentSection({
          runs: options.runs ?? "runs",
          runMissing: (options.runMissing ?? true) && options.source !== "runs",
        }),
    ],
    ["difficulty filter", () => difficultyFilterSection(options)],
    ["n_vote sweep", () => nVoteSection(options)],
    ["algorithms", () => algorithmsSection(options)],
    ["self-instruction", () => selfInstructionSection(options)],
    ["main result", () => mainResultSection(options)],
  ];
  const out: ReportSection[] = [];
  for (const [name, build] of steps) {
    progress(`section: ${name}`);
    out.push(await build());
  }
  return out;
}

/**
 * Builds the report.
 *
 * @param options Run roots and smoke settings, output folder, PNG settings, progress.
 * @returns The files written, and why PNGs were skipped if they were.
 *
 * @example From given sections, without PNGs
 * ```ts
 * import { buildReport } from "./build_report.ts";
 * const out = await Deno.makeTempDir();
 * const built = await buildReport({ out, png: false, sections: [{ id: "a", title: "A", text: [],
 *   tables: [], runs: [], figures: [{ name: "f", figure: { data: [{ y: [1] }], layout: {} } }] }] });
 * if (!built.index.endsWith("index.html") || built.figurePages.length !== 1) throw new Error();
 * if (built.pngSkipped === null) throw new Error();
 * ```
 */
export async function buildReport(options?: BuildReportOptions): Promise<BuiltReport> {
  const { runs = "runs", png = true, onProgress = () => {} } = options ?? {};
  const out = resolve(options?.out ?? join(runs, "report"));
  const sections = options?.sections ?? await allSections(options ?? {}, onProgress);
  const plotlyJs = await readPlotlyJs();
  await Deno.mkdir(join(out, "figures"), { recursive: true });
  await writeFileAtomic(join(out, "figures", "plotly.min.js"), plotlyJs);
  const links: [string, string][] = [];
  try {
    for await (const e of Deno.readDir(join(out, "notebooks"))) {
      if (e.isFile && e.name.endsWith(".html")) {
        links.push([`notebook ${e.name}`, `notebooks/${e.name}`]);
      }
    }
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  links.sort((a, b) => a[0].localeCompare(b[0]));
  const index = join(out, "index.html");
  await writeFileAtomic(
    index,
    reportHtml(sections, {
      title: "serl report",
      subtitle: `Built ${
        new Date().toISOString().slice(0, 16).replace("T", " ")
      } UTC from ${runs}/`,
      plotlyJs,
      links,
    }),
  );
  const figurePages: string[] = [];
  for (const { name, figure } of sections.flatMap((s) => s.figures)) {
    const page = join(out, "figures", `${name}.html`);
    await writeFileAtomic(page, figurePageHtml(figure, "plotly.min.js"));
    figurePages.push(page);
  }
  const pngs: string[] = [];
  let pngSkipped: string | null = null;
  const chromium = options?.chromium === undefined ? await findChromium() : options.chromium;
  if (!png) pngSkipped = "PNGs not requested";
  else if (chromium === null) {
    pngSkipped = "Chromium not found (install Debian's chromium: apt-get install -y chromium)";
  } else {
    const sizes = new Map(sections.flatMap((s) => s.figures).map((f) => [f.name, f.figure.layout]));
    for (const page of figurePages) {
      const name = page.slice(page.lastIndexOf("/") + 1, -".html".length);
      const layout = sizes.get(name)!;
      const file = page.replace(/\.html$/, ".png");
      onProgress(`png: ${name}`);
      await renderPng(page, file, {
        chromium,
        width: typeof layout.width === "number" ? layout.width : 900,
        height: typeof layout.height === "number" ? layout.height : 500,
      });
      pngs.push(file);
    }
  }
  return { index, figurePages, pngs, pngSkipped };
}
