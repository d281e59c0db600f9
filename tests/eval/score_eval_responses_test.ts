import { assertEquals } from "../assert.ts";
import { scoreEvalResponses } from "../../lib/eval/score_eval_responses.ts";
import { groundTruthReward } from "../../lib/reward/ground_truth.ts";
import { majorityVoteResponses } from "../../lib/reward/vote.ts";

const RESPONSES = [
  "3/4 of 8 is 6. \\boxed{6}",
  "I think \\boxed{6.0}",
  "so \\boxed{5}",
  "The answer is 5",
  "no idea",
  "\\boxed{\\frac{12}{2}}",
];

Deno.test("scoreEvalResponses() grades each response against the gold answer like groundTruthReward()", () => {
  for (const gold of ["6", "5", "\\frac{10}{2}", "the result is \\boxed{6}", "7"]) {
    const score = scoreEvalResponses(gold, RESPONSES);
    assertEquals(score.correct, RESPONSES.map((r) => groundTruthReward(r, gold)), gold);
  }
  assertEquals(scoreEvalResponses("6", RESPONSES).correct, [1, 1, 0, 0, 0, 1]);
  assertEquals(scoreEvalResponses("6", RESPONSES).answers, [
    "6",
    "6.0",
    "5",
    "5",
    null,
    "\\frac{12}{2}",
  ]);
});

Deno.test("scoreEvalResponses() votes like majorityVoteResponses() and grades the representative", () => {
  const score = scoreEvalResponses("5", RESPONSES);
  const vote = majorityVoteResponses(RESPONSES);
  assertEquals(score.voteRewards, vote.rewards);
  assertEquals(score.voteRewards, [1, 1, 0, 0, 0, 1]); // three 6s beat two 5s
  assertEquals(score.majorityAnswer, "6");
  assertEquals(score.majorityCorrect, 0);
  assertEquals(scoreEvalResponses("6", RESPONSES).majorityCorrect, 1);
});

Deno.test("scoreEvalResponses() breaks a tie by the shortest answer, or the first with tieBreak first", () => {
  const tied = ["\\boxed{10}", "\\boxed{7}", "\\boxed{10.0}", "\\boxed{7}"];
  const shortest = scoreEvalResponses("7", tied);
  assertEquals([shortest.majorityAnswer, shortest.majorityCorrect], ["7", 1]);
  const first = scoreEvalResponses("7", tied, { tieBreak: "first" });
  assertEquals([first.majorityAnswer, first.majorityCorrect], ["10", 0]);
  assertEquals(first.voteRewards, [1, 0, 1, 0]);
});

Deno.test("scoreEvalResponses() gives a group without answers no vote reward and no Maj@K hit", () => {
  const score = scoreEvalResponses("3", ["hmm", "no idea", ""]);
  assertEquals(score.answers, [null, null, null]);
  assertEquals(score.correct, [0, 0, 0]);
  assertEquals(score.voteRewards, [0, 0, 0]);
  assertEquals([score.majorityAnswer, score.majorityCorrect], [null, 0]);
});
