/**
 * Reward alignment by number of voters (paper Fig. 3): from K sampled responses per labelled
 * problem, the majority vote over the first n of them (n <= K), and the cosine similarity
 * between those vote rewards and the ground-truth rewards of the same responses, overall and
 * per level. One sampling pass serves every n, so the curves differ only by n.
 *
 * @module
 */
import type { EvalProblemResult } from "../eval/eval_metrics.ts";
import { rewardCosine } from "../eval/reward_cosine.ts";
import { majorityVote, type MajorityVoteOptions } from "../reward/vote.ts";

/** The alignment of one (n_vote, level) cell. */
export interface RewardAlignmentRow {
  /** Voters per problem. */
  nVote: number;
  /** `"all"`, or a level (`"1"`..`"5"`, `"unknown"` without levels). */
  level: string;
  /** Problems in the cell. */
  problems: number;
  /** Responses in the cell (`problems * nVote`). */
  responses: number;
  /** Cosine of vote rewards and ground-truth rewards (null: undefined, e.g. nothing correct). */
  cosine: number | null;
  /** Share of problems whose majority answer is correct (Maj@n). */
  labelAccuracy: number;
}

/** Options of {@linkcode rewardAlignmentByVotes}. */
export interface RewardAlignmentOptions {
  /** The vote's tie-break. @default "shortest" */
  tieBreak?: MajorityVoteOptions["tieBreak"];
}

/**
 * Alignment rows for each n in `nVotes`: `"all"` first, then each level in ascending order.
 *
 * @param results Evaluation results with sampled responses (`evaluateModel` with k >= max n).
 * @param nVotes Voter counts, each between 1 and every problem's sample count.
 * @param options The vote's tie-break.
 * @returns The rows.
 * @throws {RangeError} When a problem has no samples or fewer than some n.
 *
 * @example Two voters that agree on a wrong answer get reward 1, the truth says 0
 * ```ts
 * import { rewardAlignmentByVotes } from "./reward_alignment.ts";
 * const sampled = { answers: ["3", "3", "4"], correct: [0, 0, 1] as (0 | 1)[] };
 * const rows = rewardAlignmentByVotes([{ index: 0, level: 1, gold: "4", greedy: null,
 *   sampled: sampled as never }], [3]);
 * if (rows[0]!.level !== "all" || rows[0]!.cosine !== 0 || rows[1]!.level !== "1") throw new Error();
 * ```
 */
export function rewardAlignmentByVotes(
  results: readonly EvalProblemResult[],
  nVotes: readonly number[],
  options?: RewardAlignmentOptions,
): RewardAlignmentRow[] {
  const { tieBreak = "shortest" } = options ?? {};
  const rows: RewardAlignmentRow[] = [];
  for (const n of nVotes) {
    const cells = new Map<
      string,
      { vote: number[]; truth: number[]; problems: number; right: number }
    >();
    const cell = (key: string) => {
      let c = cells.get(key);
      if (c === undefined) cells.set(key, c = { vote: [], truth: [], problems: 0, right: 0 });
      return c;
    };
    for (const r of results) {
      const k = r.sampled?.answers.length ?? 0;
      if (!Number.isInteger(n) || n < 1 || n > k) {
        throw new RangeError(
          `Cannot compute reward alignment for n_vote ${n}: problem ${r.index} has ${k} samples`,
        );
      }
      const answers = r.sampled!.answers.slice(0, n);
      const truth = r.sampled!.correct.slice(0, n);
      const vote = majorityVote(answers, { tieBreak });
      const right = vote.representative >= 0 ? truth[vote.representative]! : 0;
      for (const key of ["all", r.level === null ? "unknown" : String(r.level)]) {
        const c = cell(key);
        c.vote.push(...vote.rewards);
        c.truth.push(...truth);
        c.problems++;
        c.right += right;
      }
    }
    const keys = [...cells.keys()].filter((k) => k !== "all").sort((a, b) =>
      a.localeCompare(b, "en", { numeric: true })
    );
    for (const level of results.length === 0 ? [] : ["all", ...keys]) {
      const c = cells.get(level)!;
      rows.push({
        nVote: n,
        level,
        problems: c.problems,
        responses: c.vote.length,
        cosine: rewardCosine(c.vote, c.truth),
        labelAccuracy: c.right / c.problems,
      });
    }
  }
  return rows;
}
