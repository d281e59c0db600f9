/**
 * Figures, notebooks and the report: plotly figures built as JSON from run folders (pure
 * functions, one per figure of the paper), a display helper for the Deno Jupyter kernel, a
 * typed reader of run folders, the studies the notebooks run (reading `runs/`, or making
 * smoke runs when there are none), and the HTML report with PNGs through headless Chromium.
 *
 * ```ts
 * import { plotlyMimeBundle, stepMetricFigure } from "./mod.ts";
 * const fig = stepMetricFigure([{ label: "main", evals: [],
 *   metrics: [{ step: 1, trainReward: 0.4 }, { step: 2, trainReward: 0.6 }] as never }],
 *   "Train reward", (m) => m.trainReward, { yTitle: "reward" });
 * const bundle = plotlyMimeBundle(fig);
 * if (!("application/vnd.plotly.v1+json" in bundle) || !("text/html" in bundle)) throw new Error();
 * ```
 *
 * @module
 */
export * from "./plotly_figure.ts";
export * from "./plotly_js.ts";
export * from "./panel_layout.ts";
export * from "./report_table.ts";
export * from "./show_in_notebook.ts";
export * from "./run_reader.ts";
export * from "./run_listing.ts";
export * from "./study_runs.ts";
export * from "./reward_alignment.ts";
export * from "./reward_alignment_study.ts";
export * from "./reward_alignment_figure.ts";
export * from "./step_figures.ts";
export * from "./n_vote_figures.ts";
export * from "./iteration_figures.ts";
export * from "./main_result.ts";
export * from "./self_instruction_figures.ts";
export * from "./seed_drift.ts";
export * from "./sample_problems.ts";
export * from "./run_tables.ts";
export * from "./report_html.ts";
export * from "./report_sections.ts";
export * from "./render_png.ts";
export * from "./build_report.ts";
