/**
 * Grading one problem's responses: each against the gold answer (ground-truth reward), and
 * all of them by majority vote (self-reward, and the Maj@K answer).
 *
 * @module
 */
import { extractAnswer } from "../reward/extract.ts";
import { prepareAnswer, preparedEquivalent } from "../reward/equivalent.ts";
import { goldAnswer } from "../reward/ground_truth.ts";
import { majorityVote, type MajorityVoteOptions } from "../reward/vote.ts";

/** Options of {@linkcode scoreEvalResponses}. */
export interface ScoreEvalResponsesOptions {
  /**
   * How the vote breaks a tie for the largest count (see `majorityVote`).
   * @default {"shortest"}
   */
  tieBreak?: MajorityVoteOptions["tieBreak"];
}

/** One problem's responses, graded. */
export interface EvalResponsesScore {
  /** Each response's extracted final answer (null: none). */
  answers: (string | null)[];
  /** Ground-truth reward per response: 1 when its answer is equivalent to the gold one. */
  correct: (0 | 1)[];
  /** Majority-vote reward per response (SeRL's self-reward, no access to the gold answer). */
  voteRewards: number[];
  /** The vote's representative answer (the group's pseudo-label), null when there is none. */
  majorityAnswer: string | null;
  /** 1 when the representative answer is equivalent to the gold one (the Maj@K hit). */
  majorityCorrect: 0 | 1;
}

/**
 * Grades a group of responses to one problem.
 *
 * Ground truth is `groundTruthReward`'s rule (the gold label reduced by `goldAnswer`, the
 * same equivalence grader), with the gold answer parsed once for the whole group. The vote is
 * `majorityVote` with its defaults (no-answer group: all zeros); Maj@K grades its
 * representative, so `majorityCorrect` is the ground-truth reward of the representative
 * response.
 *
 * @param gold The gold answer.
 * @param responses The response texts.
 * @param options The vote's tie-break.
 * @returns Answers, both reward vectors and the Maj@K outcome.
 *
 * @example Two of three agree on a wrong answer
 * ```ts
 * import { scoreEvalResponses } from "./score_eval_responses.ts";
 * const score = scoreEvalResponses("3/4", ["\\boxed{0.75}", "\\boxed{1}", "so \\boxed{1}"]);
 * if (score.correct.join() !== "1,0,0" || score.voteRewards.join() !== "0,1,1") throw new Error();
 * if (score.majorityAnswer !== "1" || score.majorityCorrect !== 0) throw new Error();
 * ```
 */
export function scoreEvalResponses(
  gold: string,
  responses: readonly string[],
  options?: ScoreEvalResponsesOptions,
): EvalResponsesScore {
  const { tieBreak = "shortest" } = options ?? {};
  const answers = responses.map(extractAnswer);
  const preparedGold = prepareAnswer(goldAnswer(gold));
  const correct = answers.map((a): 0 | 1 =>
    a !== null && preparedEquivalent(prepareAnswer(a), preparedGold) ? 1 : 0
  );
  const vote = majorityVote(answers, { tieBreak });
  return {
    answers,
    correct,
    voteRewards: vote.rewards,
    majorityAnswer: vote.answer,
    majorityCorrect: vote.representative >= 0 ? correct[vote.representative]! : 0,
  };
}
