/**
 * SeRL's self-reward: majority vote inside one group of responses (spec section 3).
 *
 * The n x n equivalence matrix comes from {@linkcode preparedEquivalent} (symmetric;
 * each answer is parsed once). `counts[i]` is the number of responses equivalent to i
 * (itself included). The representative is the argmax; ties go to the shortest answer
 * (paper description, default) or the first response (official code, `tieBreak: "first"`).
 * A response rewards 1 when equivalent to the representative, else 0; a response without
 * an answer matches only itself, as in the official code, and is the representative only
 * when no answer beats it. When no response has an answer the group gets all zeros
 * (default) or response 0 gets 1 (official code, `noAnswer: "firstGetsOne"`).
 *
 * Equivalence is not always transitive (`0.3333333` ~ `1/3` ~ `0.33333334`), so
 * `clusters` is a greedy partition for analysis: the representative's cluster first (its
 * members are exactly the rewarded responses), then each next-best answer with its
 * still-unclustered equivalents.
 *
 * @module
 */
import { extractAnswer } from "./extract.ts";
import { prepareAnswer, type PreparedAnswer, preparedEquivalent } from "./equivalent.ts";

/** Options of {@linkcode majorityVote}. */
export interface MajorityVoteOptions {
  /**
   * How a tie for the largest count is broken: `"shortest"` answer (paper) or `"first"`
   * response (official code).
   *
   * @default {"shortest"}
   */
  tieBreak?: "shortest" | "first";
  /**
   * Rewards when no response has an answer: `"allZero"` (paper, recommended) or
   * `"firstGetsOne"` (official code: response 0 is the representative and gets 1).
   *
   * @default {"allZero"}
   */
  noAnswer?: "allZero" | "firstGetsOne";
}

/** One cluster of equivalent responses. */
export interface VoteCluster {
  /** The answer that founded the cluster (null for a response without an answer). */
  answer: string | null;
  /** Response indices, ascending. */
  members: number[];
}

/** The outcome of voting on one group. */
export interface MajorityVote {
  /** 0 or 1 per response. */
  rewards: number[];
  /** Index of the representative response, -1 when there is none (no answers, `allZero`). */
  representative: number;
  /** The representative's answer (the group's pseudo-label), null when none. */
  answer: string | null;
  /** Mean reward, the difficulty filter's `r_mean`. */
  rMean: number;
  /** Per response, how many responses are equivalent to it (itself included). */
  counts: number[];
  /** The answers voted on (extracted, or as given). */
  answers: (string | null)[];
  /** How many responses have an answer. */
  answered: number;
  /** Greedy partition into clusters, largest-count founder first. */
  clusters: VoteCluster[];
  /** The symmetric equivalence matrix, row-major n x n (1 = equivalent). */
  equivalence: Uint8Array;
}

/**
 * Majority vote over the final answers of one group (already extracted, so callers extract
 * once and keep the answers).
 *
 * @param answers One entry per response: its final answer, or null when it has none.
 * @param options Tie-break and all-unanswered behaviour.
 * @returns Rewards, representative, `rMean`, counts, clusters and the equivalence matrix.
 *
 * @example Paper default and official-code switches
 * ```ts
 * import { majorityVote } from "./vote.ts";
 * const vote = majorityVote(["12", "\\frac{24}{2}", "7", null, "12.0"]);
 * if (vote.rewards.join() !== "1,1,0,0,1" || vote.rMean !== 0.6) throw new Error();
 * if (majorityVote([null, null]).rewards.join() !== "0,0") throw new Error();
 * const official = majorityVote([null, null], { noAnswer: "firstGetsOne" });
 * if (official.rewards.join() !== "1,0") throw new Error();
 * // A 1-1 tie: shortest answer by default, first response in the official code.
 * if (majorityVote(["0.50", "3"]).answer !== "3") throw new Error();
 * if (majorityVote(["0.50", "3"], { tieBreak: "first" }).answer !== "0.50") throw new Error();
 * ```
 */
export function majorityVote(
  answers: readonly (string | null)[],
  options?: MajorityVoteOptions,
): MajorityVote {
  const { tieBreak = "shortest", noAnswer = "allZero" } = options ?? {};
  if (tieBreak !== "shortest" && tieBreak !== "first") {
    throw new RangeError(
      `Cannot vote as tieBreak is not "shortest" or "first": current value is ${tieBreak}`,
    );
  }
  if (noAnswer !== "allZero" && noAnswer !== "firstGetsOne") {
    throw new RangeError(
      `Cannot vote as noAnswer is not "allZero" or "firstGetsOne": current value is ${noAnswer}`,
    );
  }
  const n = answers.length;
  const list = answers.map((a) => (typeof a === "string" ? a : null));
  const eq = equivalenceMatrix(list);
  const counts = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) counts[i]! += eq[i * n + j]!;
  const answered = list.filter((a) => a !== null).length;
  const order = rank(list, counts, tieBreak);
  let representative = order.length > 0 ? order[0]! : -1;
  if (answered === 0 && (noAnswer === "allZero" || n === 0)) representative = -1;
  if (answered === 0 && noAnswer === "firstGetsOne" && n > 0) representative = 0;
  const rewards = new Array<number>(n).fill(0);
  if (representative >= 0) { for (let j = 0; j < n; j++) rewards[j] = eq[representative * n + j]!; }
  return {
    rewards,
    representative,
    answer: representative >= 0 ? list[representative]! : null,
    rMean: n === 0 ? 0 : rewards.reduce((s, r) => s + r, 0) / n,
    counts,
    answers: list,
    answered,
    clusters: clusters(list, eq, order),
    equivalence: eq,
  };
}

/**
 * Extracts each response's final answer with {@linkcode extractAnswer}, then votes.
 *
 * @param responses The group's responses to one prompt.
 * @param options As for {@linkcode majorityVote}.
 * @returns The vote; `answers` holds the extracted answers.
 *
 * @example
 * ```ts
 * import { majorityVoteResponses } from "./vote.ts";
 * const vote = majorityVoteResponses(["So \\boxed{3/4}.", "It is \\boxed{\\frac{3}{4}}", "\\boxed{1}"]);
 * if (vote.rewards.join() !== "1,1,0" || vote.answer !== "3/4") throw new Error();
 * ```
 */
export function majorityVoteResponses(
  responses: readonly string[],
  options?: MajorityVoteOptions,
): MajorityVote {
  return majorityVote(responses.map(extractAnswer), options);
}

/** Row-major symmetric 0/1 matrix; null answers match only themselves. */
function equivalenceMatrix(list: readonly (string | null)[]): Uint8Array {
  const n = list.length;
  const eq = new Uint8Array(n * n);
  const prepared: (PreparedAnswer | null)[] = list.map((
    a,
  ) => (a === null ? null : prepareAnswer(a)));
  for (let i = 0; i < n; i++) {
    eq[i * n + i] = 1;
    for (let j = i + 1; j < n; j++) {
      const a = prepared[i]!, b = prepared[j]!;
      const same = a !== null && b !== null && (list[i] === list[j] || preparedEquivalent(a, b));
      eq[i * n + j] = eq[j * n + i] = same ? 1 : 0;
    }
  }
  return eq;
}

/** Indices by count descending; ties by the tie-break; unanswered after answered ones. */
function rank(
  list: readonly (string | null)[],
  counts: readonly number[],
  tieBreak: "shortest" | "first",
): number[] {
  const length = (i: number) => (list[i] === null ? Infinity : list[i]!.trim().length);
  return list.map((_, i) => i).sort((i, j) =>
    counts[j]! - counts[i]! ||
    (tieBreak === "shortest" ? length(i) - length(j) || i - j : i - j)
  );
}

function clusters(
  list: readonly (string | null)[],
  eq: Uint8Array,
  order: readonly number[],
): VoteCluster[] {
  const n = list.length;
  const taken = new Uint8Array(n);
  const out: VoteCluster[] = [];
  for (const i of order) {
    if (taken[i]) continue;
    const members: number[] = [];
    for (let j = 0; j < n; j++) {
      if (!taken[j] && eq[i * n + j]) {
        taken[j] = 1;
        members.push(j);
      }
    }
    out.push({ answer: list[i]!, members });
  }
  return out;
}
