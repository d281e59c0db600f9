/**
 * A report as a plain-text table: one row per level and one for all problems, then one line
 * per decoding mode with its response statistics and time.
 *
 * @module
 */
import type { EvalMetrics, EvalResponseStats } from "./eval_metrics.ts";
import type { EvalReport } from "./evaluate_model.ts";

const percent = (x: number | null) => (x === null ? "-" : `${(100 * x).toFixed(1)}%`);
const fixed = (x: number | null, digits: number) => (x === null ? "-" : x.toFixed(digits));

/**
 * Formats a report for a terminal.
 *
 * Columns: problems, greedy Pass@1, sampled Pass@1, Maj@K, Pass@K, reward cosine, and the
 * share of sampled responses without an answer (greedy responses when nothing was sampled).
 * `-` marks a metric that was not run or is undefined.
 *
 * @param report A report from `evaluateModel`.
 * @returns The table, lines joined by `\n`, no trailing newline.
 *
 * @example
 * ```ts
 * import { evaluateModel } from "./evaluate_model.ts";
 * import { formatEvalTable } from "./format_eval_table.ts";
 * const report = await evaluateModel((prompts, { n }) => Promise.resolve(prompts.map(() =>
 *   Array.from({ length: n }, () => ({ text: "\\boxed{2}", tokens: 4, truncated: false })))),
 *   [{ question: "1 + 1?", answer: "2", level: 1 }], { k: 2 });
 * const table = formatEvalTable(report);
 * if (!table.includes("maj@2") || !/^all +1 +100\.0%/m.test(table)) throw new Error(table);
 * ```
 */
export function formatEvalTable(report: EvalReport): string {
  const { k } = report.settings;
  const header = [
    "level",
    "problems",
    "pass@1",
    "pass@1 T=1",
    `maj@${k}`,
    `pass@${k}`,
    "cosine",
    "no answer",
  ];
  const row = (name: string, m: EvalMetrics) => [
    name,
    String(m.problems),
    percent(m.pass1),
    percent(m.pass1Sampled),
    percent(m.majK),
    percent(m.passK),
    fixed(m.rewardCosine, 3),
    percent((m.sampled ?? m.greedy)?.noAnswerShare ?? null),
  ];
  const rows = [
    header,
    ...Object.entries(report.byLevel).map(([level, m]) => row(level, m)),
    row("all", report),
  ];
  const widths = header.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const lines = rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c]!)).join("  ").trimEnd());
  lines.splice(1, 0, widths.map((w) => "-".repeat(w)).join("  "));
  lines.splice(lines.length - 1, 0, widths.map((w) => "-".repeat(w)).join("  "));
  const mode = (name: string, stats: EvalResponseStats | null, seconds: number | null) => {
    if (stats === null) return;
    lines.push(
      `${name}: ${stats.responses} responses, ${stats.meanTokens.toFixed(1)} tokens on average, ` +
        `${percent(stats.noAnswerShare)} without an answer, ${
          percent(stats.truncatedShare)
        } truncated` +
        (seconds === null ? "" : `, ${seconds.toFixed(1)} s`),
    );
  };
  lines.push("");
  mode("greedy", report.greedy, report.seconds.greedy);
  const { temperature, topP } = report.settings;
  mode(`sampled (k=${k}, T=${temperature}, top-p ${topP})`, report.sampled, report.seconds.sampled);
  return lines.join("\n");
}
