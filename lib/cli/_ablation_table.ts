/**
 * The summary table of `deno task ablate`: one row a variant.
 *
 * @module
 */
import type { RunSummary } from "../serl/run_summary.ts";

/** One row: a variant and its summary (null: not finished). */
export interface AblationRow {
  /** The ablation. */
  ablation: string;
  /** The variant. */
  variant: string;
  /** Its summary, when finished. */
  summary: RunSummary | null;
}

const f = (x: number | null | undefined) => (x === null || x === undefined ? "n/a" : x.toFixed(3));

/** A fixed-width table: eval before/after, train and rollout reward, kept fraction, label accuracy, r_mean 0/1 shares. */
export function formatAblationTable(rows: readonly AblationRow[]): string {
  const header = [
    "variant",
    "steps",
    "pass1 before",
    "pass1 after",
    "train reward",
    "rollout reward",
    "kept frac",
    "maj-label acc",
    "r=0 / r=1",
  ];
  const body = rows.map(({ ablation, variant, summary: s }) => {
    const last = s?.last ?? null;
    return [
      `${ablation}/${variant}`,
      s === null ? "unfinished" : String(s.steps),
      f(s?.before?.pass1),
      f(s?.after?.pass1),
      f(last?.trainReward),
      f(last?.rolloutReward),
      f(last?.keptFraction),
      f(last?.majorityLabelAccuracy),
      last === null ? "n/a" : `${f(last.rMeanZero)} / ${f(last.rMeanOne)}`,
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ");
  return [
    line(header),
    line(widths.map((w) => "-".repeat(w))),
    ...body.map(line),
    "(rewards, kept fraction, label accuracy, r shares: mean over the last quarter of the steps)",
  ].join("\n");
}
