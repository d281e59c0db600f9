import { assertAlmostEquals, assertEquals, assertThrows } from "../assert.ts";
import { evalMetrics, type EvalProblemResult, summarizeEval } from "../../lib/eval/eval_metrics.ts";
import { scoreEvalResponses } from "../../lib/eval/score_eval_responses.ts";

const boxed = (answers: (string | null)[]) =>
  answers.map((a) => (a === null ? "no idea" : `\\boxed{${a}}`));

function group(gold: string, answers: (string | null)[], tokens: number[], truncated?: boolean[]) {
  const texts = boxed(answers);
  return {
    ...scoreEvalResponses(gold, texts),
    texts,
    tokens,
    truncated: truncated ?? answers.map(() => false),
  };
}

function result(
  index: number,
  level: number | null,
  gold: string,
  greedy: string | null,
  sampled: (string | null)[],
): EvalProblemResult {
  return {
    index,
    level,
    gold,
    greedy: group(gold, [greedy], [10 + index]),
    sampled: group(gold, sampled, sampled.map((_, s) => s + 1), sampled.map((_, s) => s === 0)),
  };
}

// Hand-computed below: P0 all right; P1's vote picks the wrong 9; P2's vote picks 2.
const RESULTS = [
  result(0, 1, "3", "3", ["3", "3", "3", "3"]),
  result(1, 5, "7", "9", ["7", "9", "9", null]),
  result(2, 5, "2", "2", ["2", "2", "5", "2"]),
];

Deno.test("evalMetrics() computes Pass@1, sampled Pass@1, Maj@K and Pass@K by hand-counted shares", () => {
  const m = evalMetrics(RESULTS);
  assertEquals(m.problems, 3);
  assertEquals(m.pass1, 2 / 3);
  assertEquals(m.pass1Sampled, 8 / 12);
  assertEquals(m.majK, 2 / 3);
  assertEquals(m.passK, 1);
});

Deno.test("evalMetrics() computes the reward cosine over all sampled responses concatenated", () => {
  // vote: [1,1,1,1] [0,1,1,0] [1,1,0,1]; truth: [1,1,1,1] [1,0,0,0] [1,1,0,1]
  // dot 7, |vote|^2 9, |truth|^2 8
  const m = evalMetrics(RESULTS);
  assertAlmostEquals(m.rewardCosine!, 7 / Math.sqrt(72), 1e-15);
  assertEquals(m.rewardAgreement, 9 / 12);
});

Deno.test("evalMetrics() reports response lengths, missing answers and truncation per mode", () => {
  const m = evalMetrics(RESULTS);
  assertEquals(m.greedy, { responses: 3, meanTokens: 11, noAnswerShare: 0, truncatedShare: 0 });
  assertEquals(m.sampled, {
    responses: 12,
    meanTokens: 2.5,
    noAnswerShare: 1 / 12,
    truncatedShare: 3 / 12,
  });
});

Deno.test("summarizeEval() breaks every metric down by level, levels in ascending order", () => {
  const s = summarizeEval([RESULTS[2]!, RESULTS[0]!, RESULTS[1]!]);
  assertEquals(Object.keys(s.byLevel), ["1", "5"]);
  const l1 = s.byLevel["1"]!, l5 = s.byLevel["5"]!;
  assertEquals([l1.problems, l1.pass1, l1.pass1Sampled, l1.majK, l1.rewardCosine], [1, 1, 1, 1, 1]);
  assertEquals([l5.problems, l5.pass1, l5.pass1Sampled, l5.majK, l5.passK], [2, 0.5, 0.5, 0.5, 1]);
  assertAlmostEquals(l5.rewardCosine!, 3 / Math.sqrt(20), 1e-15);
  assertEquals(l5.sampled!.noAnswerShare, 1 / 8);
  assertEquals(s.pass1, evalMetrics(RESULTS).pass1);
});

Deno.test('summarizeEval() puts problems without a level under "unknown", last', () => {
  const s = summarizeEval([
    result(0, null, "1", "1", ["1"]),
    result(1, 10, "1", "2", ["2"]),
    result(2, 2, "1", "1", ["1"]),
  ]);
  assertEquals(Object.keys(s.byLevel), ["2", "10", "unknown"]);
  assertEquals(s.byLevel["unknown"]!.pass1, 1);
  assertEquals(s.byLevel["10"]!.pass1, 0);
});

Deno.test("evalMetrics() leaves the metrics of a mode that was not run null", () => {
  const greedyOnly = RESULTS.map((r) => ({ ...r, sampled: null }));
  const m = evalMetrics(greedyOnly);
  assertEquals([m.pass1Sampled, m.majK, m.passK, m.rewardCosine, m.rewardAgreement, m.sampled], [
    null,
    null,
    null,
    null,
    null,
    null,
  ]);
  assertEquals(m.pass1, 2 / 3);
  const sampledOnly = evalMetrics(RESULTS.map((r) => ({ ...r, greedy: null })));
  assertEquals([sampledOnly.pass1, sampledOnly.greedy, sampledOnly.majK], [null, null, 2 / 3]);
});

Deno.test("evalMetrics() gives a null cosine when no sampled response is correct", () => {
  const m = evalMetrics([result(0, 1, "4", "5", ["5", "5", "6"])]);
  assertEquals(m.rewardCosine, null);
  assertEquals(m.rewardAgreement, 1 / 3); // only the 6 is unrewarded by both
});

Deno.test("evalMetrics() rejects no problems and results with a mode on only some problems", () => {
  assertThrows(() => evalMetrics([]), RangeError, "no problems");
  const mixed = [RESULTS[0]!, { ...RESULTS[1]!, greedy: null }];
  assertThrows(() => evalMetrics(mixed), RangeError, "1 of 2 problems have greedy results");
});
