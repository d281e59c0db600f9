/**
 * Tables about runs: a summary row per run (steps, reward, kept fraction, label accuracy,
 * eval before and after), and the config keys in which runs differ.
 *
 * @module
 */
import { averageSteps } from "../serl/run_summary.ts";
import { formatPercent } from "./iteration_figures.ts";
import type { ReportTable } from "./report_table.ts";
import type { RunRecord } from "./run_reader.ts";

/** A run with its label (a `StudyRun` fits). */
export type LabelledRun = Pick<RunRecord, "metrics" | "evals" | "summary" | "dir"> & {
  label: string;
  source?: string;
};

/**
 * One row per run: steps, train reward, kept fraction and majority-label accuracy over the
 * first and the last quarter of the steps, eval Pass@1 before and at the last evaluation.
 *
 * @example
 * ```ts
 * import { runSummaryTable } from "./run_tables.ts";
 * const m = { trainReward: 0.5, rolloutReward: 0.5, keptFraction: 1, rMeanZero: 0, rMeanOne: 0,
 *   majorityLabelAccuracy: 0.5, policyTrueAccuracy: null };
 * const t = runSummaryTable([{ label: "a", dir: "d", summary: null, evals: [], metrics: [m] as never }]);
 * if (t.rows[0]!.slice(0, 3).join() !== "a,1,0.50 → 0.50") throw new Error(t.rows[0]!.join());
 * ```
 */
export function runSummaryTable(runs: readonly LabelledRun[], caption?: string): ReportTable {
  return {
    caption: caption ?? "Runs: first quarter → last quarter of the steps; eval before → after",
    columns: [
      "run",
      "steps",
      "train reward",
      "kept fraction",
      "majority-label accuracy",
      "eval Pass@1",
      "finished",
    ],
    rows: runs.map((r) => {
      const quarter = Math.max(1, Math.ceil(r.metrics.length / 4));
      const first = r.metrics.length === 0 ? null : averageSteps(r.metrics.slice(0, quarter));
      const last = r.metrics.length === 0 ? null : averageSteps(r.metrics.slice(-quarter));
      const arrow = (a: string | null, b: string | null) =>
        a === null && b === null ? null : `${a ?? "-"} → ${b ?? "-"}`;
      const num = (x: number | null | undefined) => (typeof x === "number" ? x.toFixed(2) : null);
      const evals = r.evals.filter((e) => e.set === "eval");
      return [
        r.label,
        r.metrics.length,
        arrow(num(first?.trainReward), num(last?.trainReward)),
        arrow(num(first?.keptFraction), num(last?.keptFraction)),
        arrow(
          formatPercent(first?.majorityLabelAccuracy ?? null),
          formatPercent(last?.majorityLabelAccuracy ?? null),
        ),
        arrow(formatPercent(evals[0]?.pass1 ?? null), formatPercent(evals.at(-1)?.pass1 ?? null)),
        r.summary === null ? "no (in progress)" : "yes",
      ];
    }),
  };
}

/** Flattens a JSON object into dotted keys. */
function flatten(value: unknown, prefix: string, out: Map<string, string>): void {
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) {
      flatten(v, prefix === "" ? k : `${prefix}.${k}`, out);
    }
  } else {
    out.set(prefix, JSON.stringify(value));
  }
}

/**
 * The config keys whose values differ between runs (dotted paths), as a table with one
 * column per run; empty rows when they are all the same.
 *
 * @example
 * ```ts
 * import { configDifferenceTable } from "./run_tables.ts";
 * const t = configDifferenceTable([
 *   { label: "a", config: { name: "x", rollout: { nVote: 2, topP: 1 } } },
 *   { label: "b", config: { name: "y", rollout: { nVote: 4, topP: 1 } } },
 * ]);
 * if (t.rows.map((r) => r.join()).join(";") !== "name,\"x\",\"y\";rollout.nVote,2,4") throw new Error();
 * ```
 */
export function configDifferenceTable(
  runs: readonly { label: string; config: unknown }[],
  caption?: string,
): ReportTable {
  const flat = runs.map((r) => {
    const m = new Map<string, string>();
    flatten(r.config, "", m);
    return m;
  });
  const keys = [...new Set(flat.flatMap((m) => [...m.keys()]))];
  const differing = keys.filter((k) => new Set(flat.map((m) => m.get(k) ?? "(unset)")).size > 1);
  return {
    caption: caption ?? "Config keys that differ between the runs",
    columns: ["key", ...runs.map((r) => r.label)],
    rows: differing.map((k) => [k, ...flat.map((m) => m.get(k) ?? "(unset)")]),
  };
}
