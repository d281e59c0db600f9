/**
 * The online filters before rollout, in spec order, as one call per batch of parsed
 * candidates.
 *
 * @module
 */
import { INSTRUCT_DEFAULTS, type InstructConfig } from "./config.ts";
import { createFilterReport, type FilterReport, type FilterVerdict } from "./filter_report.ts";
import { normalizeInstruction } from "./normalize_instruction.ts";
import { addToRougeIndex, createRougeIndex, findRougeLAbove } from "./rouge_index.ts";
import {
  blacklistRule,
  emptyRule,
  leadingCharRule,
  wordCountRule,
  writeProgramRule,
} from "./rule_filters.ts";

/** What a batch of candidates is compared with by the ROUGE-L filter. */
export interface CandidateContext {
  /** The seed instructions. */
  seeds: readonly string[];
  /** The instructions pending in this step (accepted earlier, not yet rolled out). */
  pending: readonly string[];
}

/** The outcome of {@linkcode filterCandidateInstructions}. */
export interface FilterCandidatesResult {
  /** The accepted instructions, normalized, in input order. */
  kept: string[];
  /** Counts per reason and the rejected texts. */
  report: FilterReport;
}

/**
 * Runs candidates through the enabled filters in the spec's order: whitespace collapse and
 * capitalization, then the rules empty, word count, blacklist, "Write a program", leading
 * character, then ROUGE-L against every seed, every pending instruction and every candidate
 * accepted earlier in the same batch (as the official code appends survivors to the pending
 * list one by one). A candidate stops at the first filter that rejects it.
 *
 * @param candidates Raw instructions, for example from `parseQuestions` (untrusted text).
 * @param context The seeds and the pending instructions.
 * @param config Switches and parameters. @default INSTRUCT_DEFAULTS
 * @returns The accepted instructions and the report.
 * @throws {RangeError} If `config.rougeThreshold` is NaN.
 *
 * @example
 * ```ts
 * import { filterCandidateInstructions } from "./filter_candidates.ts";
 * const seeds = ["What is the sum of 2 and 3?"];
 * const { kept, report } = filterCandidateInstructions(
 *   ["what is the sum of 2 and 4?", "Plot y=x.", "how many days are in 3 weeks?"],
 *   { seeds, pending: [] },
 * );
 * if (kept.join("|") !== "How many days are in 3 weeks?") throw new Error(kept.join("|"));
 * if (report.counts.rougeL !== 1 || report.counts.wordCount !== 1) throw new Error("counts");
 * ```
 */
export function filterCandidateInstructions(
  candidates: readonly string[],
  context: CandidateContext,
  config: InstructConfig = INSTRUCT_DEFAULTS,
): FilterCandidatesResult {
  const { filters, capitalize, minWords, maxWords, blacklist, rougeThreshold } = config;
  const rules: ((text: string) => FilterVerdict)[] = [];
  if (filters.empty) rules.push(emptyRule);
  if (filters.wordCount) rules.push((t) => wordCountRule(t, { minWords, maxWords }));
  if (filters.blacklist) rules.push((t) => blacklistRule(t, { words: blacklist }));
  if (filters.writeProgram) rules.push(writeProgramRule);
  if (filters.leadingChar) rules.push(leadingCharRule);
  const index = filters.rougeL ? createRougeIndex([...context.seeds, ...context.pending]) : null;

  const report = createFilterReport();
  const kept: string[] = [];
  for (const candidate of candidates) {
    const text = normalizeInstruction(candidate, { capitalize });
    let verdict: FilterVerdict = { keep: true };
    for (const rule of rules) {
      verdict = rule(text);
      if (!verdict.keep) break;
    }
    if (verdict.keep && index !== null && findRougeLAbove(index, text, rougeThreshold)) {
      verdict = { keep: false, reason: "rougeL" };
    }
    if (verdict.keep) {
      kept.push(text);
      if (index !== null) addToRougeIndex(index, text);
    } else {
      report.counts[verdict.reason]++;
      report.rejected.push({ text, reason: verdict.reason });
    }
  }
  report.input = candidates.length;
  report.kept = kept.length;
  return { kept, report };
}
