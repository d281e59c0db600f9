/**
 * The filter funnel: why each generated instruction was dropped, as plain JSON-ready data.
 *
 * @module
 */

/** The name of the filter that rejected an instruction (see {@linkcode FILTER_REASONS}). */
export type FilterReason =
  | "empty"
  | "wordCount"
  | "blacklist"
  | "writeProgram"
  | "leadingChar"
  | "rougeL"
  | "tooHard"
  | "tooEasy";

/**
 * Every reason an instruction can be rejected for, in the order the filters run: the five
 * rule filters, the ROUGE-L filter, then the difficulty filter's two sides (`tooHard`:
 * mean reward below the band, `tooEasy`: above it).
 *
 * @example
 * ```ts
 * import { FILTER_REASONS } from "./filter_report.ts";
 * if (FILTER_REASONS[0] !== "empty" || FILTER_REASONS.at(-1) !== "tooEasy") {
 *   throw new Error("wrong order");
 * }
 * ```
 */
export const FILTER_REASONS: readonly FilterReason[] = Object.freeze([
  "empty",
  "wordCount",
  "blacklist",
  "writeProgram",
  "leadingChar",
  "rougeL",
  "tooHard",
  "tooEasy",
]);

/** The outcome of one filter on one instruction. */
export type FilterVerdict = { keep: true } | { keep: false; reason: FilterReason };

/** One rejected instruction. */
export interface FilterRejection {
  /** The instruction as the filter saw it (after whitespace collapse and capitalization). */
  text: string;
  /** The filter that rejected it. */
  reason: FilterReason;
}

/** Counts and texts of one or more filter passes (what notebooks plot as the funnel). */
export interface FilterReport {
  /** Instructions that entered the filters. */
  input: number;
  /** Instructions that passed every enabled filter. */
  kept: number;
  /** Rejections per reason; every reason is present (0 when none). */
  counts: Record<FilterReason, number>;
  /** Each rejection in input order. */
  rejected: FilterRejection[];
}

/**
 * An empty report: nothing in, nothing kept, every count 0.
 *
 * @example
 * ```ts
 * import { createFilterReport } from "./filter_report.ts";
 * const r = createFilterReport();
 * if (r.input !== 0 || r.counts.rougeL !== 0) throw new Error("not empty");
 * ```
 */
export function createFilterReport(): FilterReport {
  const counts = {} as Record<FilterReason, number>;
  for (const reason of FILTER_REASONS) counts[reason] = 0;
  return { input: 0, kept: 0, counts, rejected: [] };
}

/**
 * Sums reports (for example every round of one step) into a new report.
 *
 * @param reports The reports to add up; none gives an empty report.
 * @returns A new report; the inputs are not changed.
 *
 * @example
 * ```ts
 * import { createFilterReport, mergeFilterReports } from "./filter_report.ts";
 * const a = createFilterReport();
 * a.input = 2;
 * a.counts.empty = 1;
 * a.kept = 1;
 * a.rejected.push({ text: "", reason: "empty" });
 * const sum = mergeFilterReports(a, a);
 * if (sum.input !== 4 || sum.counts.empty !== 2 || sum.rejected.length !== 2) {
 *   throw new Error("wrong sum");
 * }
 * ```
 */
export function mergeFilterReports(...reports: readonly FilterReport[]): FilterReport {
  const out = createFilterReport();
  for (const report of reports) {
    out.input += report.input;
    out.kept += report.kept;
    for (const reason of FILTER_REASONS) out.counts[reason] += report.counts[reason] ?? 0;
    out.rejected.push(...report.rejected);
  }
  return out;
}
