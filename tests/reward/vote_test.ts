import { assert, assertEquals, assertThrows } from "../assert.ts";
import { majorityVote, majorityVoteResponses } from "../../lib/reward/vote.ts";
import { goldAnswer, groundTruthReward } from "../../lib/reward/ground_truth.ts";

Deno.test("majorityVote() rewards the members of the largest equivalence class", () => {
  const vote = majorityVote(["12", "\\frac{24}{2}", "7", null, "12.0", "7", "x = 12"]);
  assertEquals(vote.rewards, [1, 1, 0, 0, 1, 0, 1]);
  assertEquals(vote.representative, 0);
  assertEquals(vote.answer, "12");
  assertEquals(vote.counts, [4, 4, 2, 1, 4, 2, 4]);
  assertEquals(vote.answered, 6);
  assertEquals(vote.rMean, 4 / 7);
  assertEquals(vote.clusters.map((c) => c.members), [[0, 1, 4, 6], [2, 5], [3]]);
  assertEquals(vote.clusters[2]!.answer, null);
});

Deno.test("majorityVote() equivalence matrix is symmetric with a unit diagonal", () => {
  const answers = ["1/2", "0.5", "\\frac{1}{2}", "2", null, "\\{0.5\\}", "yes"];
  const { equivalence: eq } = majorityVote(answers);
  const n = answers.length;
  for (let i = 0; i < n; i++) {
    assertEquals(eq[i * n + i], 1);
    for (let j = 0; j < n; j++) assertEquals(eq[i * n + j], eq[j * n + i]);
  }
  assertEquals(eq[0 * n + 5], 1);
  assertEquals(eq[0 * n + 3], 0);
  assertEquals(eq[4 * n + 4], 1); // an unanswered response matches only itself
  assertEquals(eq[4 * n + 6], 0);
});

Deno.test("majorityVote() breaks ties by shortest answer (paper) or first response (official)", () => {
  const answers = ["0.750", "1", "3/4", "1.0"];
  // Two clusters of 2: {0.750, 3/4} and {1, 1.0}; the shortest answer is "1".
  const paper = majorityVote(answers);
  assertEquals([paper.answer, paper.rewards], ["1", [0, 1, 0, 1]]);
  const official = majorityVote(answers, { tieBreak: "first" });
  assertEquals([official.answer, official.rewards], ["0.750", [1, 0, 1, 0]]);
  // Equal lengths: the first response wins under "shortest" too.
  assertEquals(majorityVote(["2", "3"]).answer, "2");
});

Deno.test("majorityVote() handles unanswered responses and the all-unanswered switch", () => {
  assertEquals(majorityVote([null, "5", null]).rewards, [0, 1, 0]);
  // Under "first", an unanswered response 0 can win a 1-1-1 tie (the official code's behaviour).
  assertEquals(majorityVote([null, "5", "6"], { tieBreak: "first" }).rewards, [1, 0, 0]);
  const none = majorityVote([null, null, null]);
  assertEquals([none.rewards, none.representative, none.answer, none.rMean], [
    [0, 0, 0],
    -1,
    null,
    0,
  ]);
  const official = majorityVote([null, null, null], { noAnswer: "firstGetsOne" });
  assertEquals([official.rewards, official.representative, official.rMean], [[1, 0, 0], 0, 1 / 3]);
  assertEquals(majorityVote([]).rewards, []);
  assertEquals(majorityVote([]).rMean, 0);
});

Deno.test("majorityVote() validates its options", () => {
  // deno-lint-ignore no-explicit-any
  assertThrows(() => majorityVote(["1"], { tieBreak: "longest" as any }), RangeError, "tieBreak");
  // deno-lint-ignore no-explicit-any
  assertThrows(() => majorityVote(["1"], { noAnswer: "random" as any }), RangeError, "noAnswer");
});

Deno.test("majorityVote() on a 16-response group gives r_mean for the difficulty filter", () => {
  const answers = [
    ...Array(6).fill("\\frac{3}{4}"),
    ...Array(3).fill("0.75"),
    ...Array(4).fill("4/3"),
    null,
    "1",
    "\\boxed{3}",
  ];
  const vote = majorityVote(answers);
  assertEquals(vote.rewards.filter((r) => r === 1).length, 9);
  assertEquals(vote.rMean, 9 / 16);
  assert(vote.rMean >= 0.2 && vote.rMean <= 0.8);
});

Deno.test("majorityVoteResponses() extracts once and votes", () => {
  const vote = majorityVoteResponses([
    "3 + 4 = 7, so \\boxed{7}.",
    "The final answer is $7$. I hope it is correct.",
    "Answer: 8",
    "I am not sure.",
  ]);
  assertEquals(vote.answers, ["7", "7", "8", null]);
  assertEquals(vote.rewards, [1, 1, 0, 0]);
});

Deno.test("groundTruthReward() grades a response against its label", () => {
  assertEquals(groundTruthReward("so \\boxed{\\frac{3}{4}}", "0.75"), 1);
  assertEquals(groundTruthReward("so \\boxed{-7}", -7), 1);
  assertEquals(groundTruthReward("so \\boxed{7}", "-7"), 0);
  assertEquals(groundTruthReward("no answer here", "3"), 0);
  assertEquals(groundTruthReward("x = 2 or x = 3, so \\boxed{2, 3}", "\\{3, 2\\}"), 1);
  assertEquals(groundTruthReward("\\boxed{12}", "The answer is $\\boxed{12}$."), 1);
  assertEquals(goldAnswer("\\boxed{5}"), "5");
  assertEquals(goldAnswer(5), "5");
});
