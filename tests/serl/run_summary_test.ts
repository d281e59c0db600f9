import { assertEquals } from "../assert.ts";
import { summarizeRun } from "../../lib/serl/run_summary.ts";
import type { StepMetrics } from "../../lib/serl/step_metrics.ts";

Deno.test("summarizeRun() averages the first and last quarter and picks evals per set", () => {
  const steps = Array.from({ length: 8 }, (_, i) => ({
    trainReward: i / 8,
    rolloutReward: 0.5,
    keptFraction: 1,
    rMeanZero: 0,
    rMeanOne: i >= 6 ? 1 : 0,
    majorityLabelAccuracy: i < 2 ? null : 0.5,
    policyTrueAccuracy: 0.25,
  })) as unknown as StepMetrics[];
  const p = (step: number, set: "eval" | "evalOod", pass1: number) => ({
    step,
    set,
    problems: 10,
    pass1,
    byLevel: {},
    noAnswerShare: 0,
  });
  const s = summarizeRun({
    experiment: "main",
    method: "serl",
    steps,
    evals: [p(0, "eval", 0.1), p(0, "evalOod", 0.05), p(8, "eval", 0.3), p(8, "evalOod", 0.07)],
    seconds: 9,
  });
  assertEquals([s.before!.pass1, s.after!.pass1, s.ood.before!.pass1, s.ood.after!.pass1], [
    0.1,
    0.3,
    0.05,
    0.07,
  ]);
  assertEquals(s.first!.steps, 2);
  assertEquals(s.first!.trainReward, 1 / 16);
  assertEquals(s.first!.majorityLabelAccuracy, null);
  assertEquals(s.last!.trainReward, 13 / 16);
  assertEquals(s.last!.rMeanOne, 1);
});
