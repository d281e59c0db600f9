import { assertAlmostEquals, assertEquals } from "../assert.ts";
import { stepMetrics } from "../../lib/serl/step_metrics.ts";
import type { SerlStepResult } from "../../lib/serl/step.ts";
import type { ScoredGroup } from "../../lib/serl/rollout_advantages.ts";
import { createFilterReport } from "../../lib/instruct/filter_report.ts";

function group(rMean: number, ref: number[][] | null): ScoredGroup {
  const responses = [0, 1].map((i) => ({
    tokens: [1, 2],
    logProbs: [-1, -1],
    text: i === 0 ? "\\boxed{5}" : "none",
    finishReason: i === 0 ? "eos" as const : "length" as const,
    answer: i === 0 ? "5" : null,
  }));
  return {
    instruction: "What is 2 plus 3?",
    gold: null,
    promptTokens: [1],
    responses,
    rewards: [1, 0],
    rMean,
    label: "5",
    advantages: [[0, 0], [0, 0]],
    refLogProbs: ref,
  };
}

Deno.test("stepMetrics() fills the funnel, the reward shares and the reference KL", () => {
  const funnel = createFilterReport();
  funnel.input = 10;
  funnel.kept = 4;
  funnel.counts.rougeL = 6;
  const difficulty = createFilterReport();
  difficulty.input = 4;
  difficulty.kept = 2;
  difficulty.counts.tooEasy = 1;
  difficulty.counts.tooHard = 1;
  const result: SerlStepResult = {
    pool: { pending: [], kept: ["a", "b"] },
    cursor: 0,
    rollouts: 1,
    rounds: 2,
    generationPrompts: 8,
    shortenedPrompts: 0,
    instructFunnel: funnel,
    difficultyFunnel: difficulty,
    groups: [
      group(0.5, [[-1.5, -1.5], [-1, -1]]),
      group(1, null),
      group(0, null),
      group(0.5, null),
    ],
    kept: [true, false, false, true],
    trained: 1,
    completions: [],
    train: {
      updates: 1,
      skipped: 0,
      sequences: 2,
      tokens: 4,
      loss: 0.1,
      klLoss: 0,
      clipFraction: 0,
      approxKl: 0,
      entropy: 2,
      gradNorm: 1,
      gradNormMax: 1,
      lr: 1e-5,
    },
    seconds: { generate: 1, rollout: 1, score: 1, train: 1 },
  };
  const m = stepMetrics(result, { step: 3, iteration: 0, method: "serl", eval: null, seconds: 4 });
  assertEquals(m.funnel, {
    candidates: 10,
    empty: 0,
    wordCount: 0,
    blacklist: 0,
    writeProgram: 0,
    leadingChar: 0,
    rougeL: 6,
    accepted: 4,
    rolledOut: 4,
    tooHard: 1,
    tooEasy: 1,
    kept: 2,
  });
  assertEquals([m.trainReward, m.rolloutReward, m.keptFraction], [0.5, 0.5, 0.5]);
  assertEquals([m.rMeanZero, m.rMeanOne], [0.25, 0.25]);
  assertEquals(m.rewardHistogram, [0, 4, 0], "every group here has one rewarded response of 2");
  assertEquals([m.truncatedShare, m.noAnswerShare, m.responseLength], [0.5, 0.5, 2]);
  assertAlmostEquals(m.klRef!, 0.25, 1e-12); // (0.5 + 0.5 + 0 + 0) / 4 tokens
  assertEquals(m.keptPool, 2);
  assertEquals(m.majorityLabelAccuracy, 1);
  assertEquals(m.seconds.step, 4);
});
