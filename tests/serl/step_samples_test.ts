import { assertEquals } from "../assert.ts";
import { stepSamples } from "../../lib/serl/step_samples.ts";
import { createFilterReport } from "../../lib/instruct/filter_report.ts";

Deno.test("stepSamples() keeps the first groups with their true answers and 3 rejections per filter", () => {
  const funnel = createFilterReport();
  for (let i = 0; i < 5; i++) funnel.rejected.push({ text: `r${i}`, reason: "rougeL" });
  const groups = ["What is 2 plus 3?", "Hello there friend?", "Compute 4 * 6."].map((
    instruction,
  ) => ({
    instruction,
    gold: null,
    promptTokens: [1],
    responses: [{
      tokens: [1],
      logProbs: [0],
      text: "\\boxed{5}",
      finishReason: "eos" as const,
      answer: "5",
    }],
    rewards: [1],
    rMean: 1,
    label: "5",
    advantages: [[0]],
    refLogProbs: null,
  }));
  const s = stepSamples({
    groups,
    kept: [true, false, true],
    completions: [],
    instructFunnel: funnel,
    difficultyFunnel: createFilterReport(),
  }, { step: 2, iteration: 0, count: 2 });
  assertEquals(s.groups.map((g) => [g.trueAnswer, g.kept]), [["5", true], [null, false]]);
  assertEquals(s.groups[0]!.responses, [{ text: "\\boxed{5}", answer: "5", reward: 1 }]);
  assertEquals(s.rejected, { rougeL: ["r0", "r1", "r2"] });
});
