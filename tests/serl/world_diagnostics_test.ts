import { assertEquals } from "../assert.ts";
import { worldDiagnostics } from "../../lib/serl/world_diagnostics.ts";
import type { RolloutGroup } from "../../lib/serl/rollout_groups.ts";

function group(
  instruction: string,
  texts: string[],
  label: string | null,
  gold: string | null = null,
): RolloutGroup {
  return {
    instruction,
    gold,
    promptTokens: [1],
    responses: texts.map((text) => ({
      tokens: [1],
      logProbs: [0],
      text,
      finishReason: "eos",
      answer: null,
    })),
    rewards: texts.map(() => 0),
    rMean: 0,
    label,
  };
}

Deno.test("worldDiagnostics() measures labels and answers against the world's truth", () => {
  const groups = [
    group("What is 2 plus 3?", ["\\boxed{5}", "\\boxed{5}", "\\boxed{6}", "x"], "5"), // right label
    group("Compute 4 * 6.", ["\\boxed{0}", "\\boxed{0}", "\\boxed{24}", "x"], "0"), // wrong label
    group("Tell me a joke please.", ["\\boxed{1}", "x", "x", "x"], "1"), // not a world problem
  ];
  const d = worldDiagnostics(groups, [true, false, true], [
    "What is 2 plus 3?",
    "Tell me a joke please.",
  ]);
  assertEquals(d.labelledGroups, 2);
  assertEquals(d.majorityLabelAccuracy, 0.5);
  assertEquals(d.keptLabelAccuracy, 1);
  assertEquals(d.policyTrueAccuracy, 3 / 8);
  assertEquals(d.candidateWorldShare, 0.5);
  assertEquals(d.instructionWorldShare, 2 / 3);
  assertEquals(d.levelMix, { "1": 1, "2": 1, "3": 0, "4": 0, "5": 0, none: 1 });
});

Deno.test("worldDiagnostics() uses the gold label when there is one, and is null without truth", () => {
  const d = worldDiagnostics(
    [group("Tell me a joke please.", ["\\boxed{7}"], "7", "7")],
    [true],
    [],
  );
  assertEquals([d.labelledGroups, d.majorityLabelAccuracy, d.policyTrueAccuracy], [1, 1, 1]);
  const none = worldDiagnostics([group("Tell me a joke please.", ["x"], null)], [false], []);
  assertEquals([none.majorityLabelAccuracy, none.policyTrueAccuracy, none.candidateWorldShare], [
    null,
    null,
    null,
  ]);
});
