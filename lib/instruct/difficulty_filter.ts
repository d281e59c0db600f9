/**
 * The difficulty filter (spec sections 1 and 2): after rollout and voting, keep a group
 * only if its mean reward lies in `[gammaDiff, gammaEasy]` = [0.2, 0.8], inclusive. It is
 * what stops reward hacking: a group that all agrees (mean 1) or almost all disagrees
 * (mean near 0) teaches nothing, and without the filter the model drifts toward problems
 * whose answers it agrees on trivially.
 *
 * @module
 */
import { INSTRUCT_DEFAULTS, type InstructConfig } from "./config.ts";
import { createFilterReport, type FilterReport, type FilterVerdict } from "./filter_report.ts";

/** Options for {@linkcode difficultyVerdict}. */
export interface DifficultyVerdictOptions {
  /** Inclusive `[low, high]` band of mean reward. @default [0.2, 0.8] */
  bounds?: readonly [number, number];
}

/**
 * Judges one group by its mean reward `rMean`, computed from the raw 0/1 votes before any
 * KL shaping (compute it as `count / n`, which is exact at the bounds: 4 of 20 is 0.2).
 * Below the band the reason is `"tooHard"`, above it `"tooEasy"`.
 *
 * @param rMean The group's mean reward, in [0, 1].
 * @param options The band.
 * @returns The verdict.
 * @throws {RangeError} If `rMean` is not in [0, 1] (NaN included).
 *
 * @example With 16 votes, 4..12 majority members are kept
 * ```ts
 * import { difficultyVerdict } from "./difficulty_filter.ts";
 * const kept = [3, 4, 12, 13].map((k) => difficultyVerdict(k / 16).keep);
 * if (kept.join() !== "false,true,true,false") throw new Error(kept.join());
 * ```
 */
export function difficultyVerdict(
  rMean: number,
  options?: DifficultyVerdictOptions,
): FilterVerdict {
  const { bounds = INSTRUCT_DEFAULTS.difficultyBounds } = options ?? {};
  if (!(rMean >= 0 && rMean <= 1)) {
    throw new RangeError(
      `Cannot judge difficulty: mean reward must be in [0, 1]: current value is ${rMean}`,
    );
  }
  if (rMean < bounds[0]) return { keep: false, reason: "tooHard" };
  if (rMean > bounds[1]) return { keep: false, reason: "tooEasy" };
  return { keep: true };
}

/** A rolled-out group as the difficulty filter sees it. */
export interface DifficultyGroup {
  /** The instruction the group answered. */
  instruction: string;
  /** Mean of the group's raw 0/1 rewards. */
  rMean: number;
}

/** The outcome of {@linkcode filterByDifficulty}. */
export interface DifficultyFilterResult<T> {
  /** The groups inside the band (all groups when the filter is switched off), in order. */
  kept: T[];
  /** Counts (`tooHard`, `tooEasy`) and the rejected instructions. */
  report: FilterReport;
}

/**
 * Applies the difficulty filter to rolled-out groups; with `config.filters.difficulty`
 * off (the paper's reward-hacking ablation) every group is kept, but `rMean` is still
 * checked.
 *
 * @param groups The groups, each with its instruction and mean reward.
 * @param config Switch and band. @default INSTRUCT_DEFAULTS
 * @returns The kept groups and the report.
 * @throws {RangeError} If a group's `rMean` is not in [0, 1].
 *
 * @example
 * ```ts
 * import { filterByDifficulty } from "./difficulty_filter.ts";
 * const groups = [
 *   { instruction: "a", rMean: 1 },
 *   { instruction: "b", rMean: 0.5 },
 *   { instruction: "c", rMean: 0 },
 * ];
 * const { kept, report } = filterByDifficulty(groups);
 * if (kept.map((g) => g.instruction).join() !== "b") throw new Error("wrong groups");
 * if (report.counts.tooEasy !== 1 || report.counts.tooHard !== 1) throw new Error("counts");
 * ```
 */
export function filterByDifficulty<T extends DifficultyGroup>(
  groups: readonly T[],
  config: InstructConfig = INSTRUCT_DEFAULTS,
): DifficultyFilterResult<T> {
  const bounds = config.difficultyBounds;
  const report = createFilterReport();
  const kept: T[] = [];
  for (const group of groups) {
    const verdict = difficultyVerdict(group.rMean, { bounds });
    if (verdict.keep || !config.filters.difficulty) {
      kept.push(group);
    } else {
      report.counts[verdict.reason]++;
      report.rejected.push({ text: group.instruction, reason: verdict.reason });
    }
  }
  report.input = groups.length;
  report.kept = kept.length;
  return { kept, report };
}
