/**
 * The evaluation metrics, as pure functions over graded per-problem results: Pass@1 (greedy),
 * sampled Pass@1, Maj@K, Pass@K, reward alignment, and response statistics, overall and per
 * level.
 *
 * Sampled Pass@1 and Maj@K come from the same K samples of each problem, so the gap between
 * them is the vote's gain on exactly the responses it voted on (and what self-rewarding can
 * turn into accuracy).
 *
 * @module
 */
import { rewardCosine } from "./reward_cosine.ts";
import type { EvalResponsesScore } from "./score_eval_responses.ts";

/** One problem's graded responses of one decoding mode, with their lengths. */
export interface EvalGroupResult extends EvalResponsesScore {
  /** The response texts. */
  texts: string[];
  /** Length of each response in tokens. */
  tokens: number[];
  /** Whether each response was cut at the token limit. */
  truncated: boolean[];
}

/** One problem's outcome under greedy decoding and under sampling. */
export interface EvalProblemResult {
  /** Position of the problem in the evaluated records. */
  index: number;
  /** Its level, null when the data set gives none. */
  level: number | null;
  /** The gold answer. */
  gold: string;
  /** The greedy response (one), or null when greedy decoding was not run. */
  greedy: EvalGroupResult | null;
  /** The K sampled responses, or null when sampling was not run. */
  sampled: EvalGroupResult | null;
}

/** Statistics of a set of responses. */
export interface EvalResponseStats {
  /** How many responses. */
  responses: number;
  /** Mean length in tokens. */
  meanTokens: number;
  /** Share of responses with no extractable final answer. */
  noAnswerShare: number;
  /** Share of responses cut at the token limit. */
  truncatedShare: number;
}

/** The metrics of a set of problems; a metric is null when its decoding mode was not run. */
export interface EvalMetrics {
  /** How many problems. */
  problems: number;
  /** Pass@1 with greedy decoding: share of problems whose greedy answer is correct. */
  pass1: number | null;
  /** Pass@1 sampled: share of correct responses among all K samples of all problems. */
  pass1Sampled: number | null;
  /** Maj@K: share of problems whose majority-vote answer over the K samples is correct. */
  majK: number | null;
  /** Pass@K: share of problems with at least one correct sample among the K. */
  passK: number | null;
  /**
   * Cosine similarity between the majority-vote rewards and the ground-truth rewards of all
   * sampled responses (paper Fig. 3); null when undefined (no correct response, or no vote
   * reward).
   */
  rewardCosine: number | null;
  /** Share of sampled responses whose majority-vote reward equals their ground-truth reward. */
  rewardAgreement: number | null;
  /** The greedy responses, or null. */
  greedy: EvalResponseStats | null;
  /** The sampled responses, or null. */
  sampled: EvalResponseStats | null;
}

/** Metrics overall, and per level under the level's number (`"unknown"`: no level). */
export interface EvalSummary extends EvalMetrics {
  /** The same metrics for each level present, keys in ascending level order. */
  byLevel: Record<string, EvalMetrics>;
}

const mean = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;

function responseStats(groups: readonly EvalGroupResult[]): EvalResponseStats | null {
  const all = groups.flatMap((g) =>
    g.answers.map((a, i) => ({ a, t: g.tokens[i]!, cut: g.truncated[i]! }))
  );
  if (all.length === 0) return null;
  return {
    responses: all.length,
    meanTokens: mean(all.map((r) => r.t)),
    noAnswerShare: mean(all.map((r) => (r.a === null ? 1 : 0))),
    truncatedShare: mean(all.map((r) => (r.cut ? 1 : 0))),
  };
}

/**
 * The metrics of a set of graded problems.
 *
 * @param results Per-problem results (all with greedy results, or none; likewise sampled).
 * @returns The metrics.
 * @throws {RangeError} When `results` is empty, or only some problems have a decoding mode.
 *
 * @example One problem, greedy right, 2 of 4 samples right, the vote right
 * ```ts
 * import { evalMetrics } from "./eval_metrics.ts";
 * import { scoreEvalResponses } from "./score_eval_responses.ts";
 * const group = (texts: string[]) => ({ ...scoreEvalResponses("7", texts), texts,
 *   tokens: texts.map((t) => t.length), truncated: texts.map(() => false) });
 * const m = evalMetrics([{ index: 0, level: 1, gold: "7",
 *   greedy: group(["\\boxed{7}"]),
 *   sampled: group(["\\boxed{7}", "\\boxed{7}", "\\boxed{8}", "no idea"]) }]);
 * if (m.pass1 !== 1 || m.pass1Sampled !== 0.5 || m.majK !== 1 || m.rewardCosine !== 1) {
 *   throw new Error(JSON.stringify(m));
 * }
 * if (m.sampled!.noAnswerShare !== 0.25) throw new Error();
 * ```
 */
export function evalMetrics(results: readonly EvalProblemResult[]): EvalMetrics {
  if (results.length === 0) throw new RangeError("Cannot compute eval metrics: no problems");
  const greedy = groupsOf(results, "greedy");
  const sampled = groupsOf(results, "sampled");
  const votes = sampled?.flatMap((g) => g.voteRewards) ?? [];
  const truth = sampled?.flatMap((g) => g.correct) ?? [];
  return {
    problems: results.length,
    pass1: greedy === null ? null : mean(greedy.map((g) => g.correct[0]!)),
    pass1Sampled: sampled === null ? null : mean(truth),
    majK: sampled === null ? null : mean(sampled.map((g) => g.majorityCorrect)),
    passK: sampled === null ? null : mean(sampled.map((g) => (g.correct.includes(1) ? 1 : 0))),
    rewardCosine: sampled === null ? null : rewardCosine(votes, truth),
    rewardAgreement: sampled === null ? null : mean(votes.map((v, i) => (v === truth[i] ? 1 : 0))),
    greedy: greedy === null ? null : responseStats(greedy),
    sampled: sampled === null ? null : responseStats(sampled),
  };
}

/**
 * {@linkcode evalMetrics} overall and for each level (`byLevel`).
 *
 * @param results Per-problem results.
 * @returns The summary.
 *
 * @example
 * ```ts
 * import { summarizeEval } from "./eval_metrics.ts";
 * import { scoreEvalResponses } from "./score_eval_responses.ts";
 * const result = (index: number, level: number, text: string) => ({ index, level, gold: "1",
 *   greedy: { ...scoreEvalResponses("1", [text]), texts: [text], tokens: [3], truncated: [false] },
 *   sampled: null });
 * const s = summarizeEval([result(0, 2, "\\boxed{1}"), result(1, 1, "\\boxed{2}"), result(2, 2, "\\boxed{3}")]);
 * if (s.pass1 !== 1 / 3 || s.byLevel["1"]!.pass1 !== 0 || s.byLevel["2"]!.pass1 !== 0.5) throw new Error();
 * if (Object.keys(s.byLevel).join() !== "1,2" || s.majK !== null) throw new Error();
 * ```
 */
export function summarizeEval(results: readonly EvalProblemResult[]): EvalSummary {
  const levels = new Map<number | null, EvalProblemResult[]>();
  for (const r of results) {
    const group = levels.get(r.level);
    if (group === undefined) levels.set(r.level, [r]);
    else group.push(r);
  }
  const order = [...levels.keys()].sort((a, b) => (a ?? Infinity) - (b ?? Infinity));
  const byLevel: Record<string, EvalMetrics> = {};
  for (const level of order) byLevel[level ?? "unknown"] = evalMetrics(levels.get(level)!);
  return { ...evalMetrics(results), byLevel };
}

function groupsOf(
  results: readonly EvalProblemResult[],
  mode: "greedy" | "sampled",
): EvalGroupResult[] | null {
  const groups = results.map((r) => r[mode]).filter((g) => g !== null);
  if (groups.length === 0) return null;
  if (groups.length !== results.length) {
    throw new RangeError(
      `Cannot compute eval metrics: ${groups.length} of ${results.length} problems have ${mode} results`,
    );
  }
  return groups;
}
