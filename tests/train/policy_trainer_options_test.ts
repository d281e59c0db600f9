import type { AccumulationScope } from "../../lib/rl/grad_accumulation.ts";
import type { LossAggregation } from "../../lib/rl/loss_aggregation.ts";
import { resolvePolicyTrainerOptions } from "../../lib/train/policy_trainer_options.ts";
import { assertEquals, assertThrows } from "../assert.ts";

Deno.test("resolvePolicyTrainerOptions() fills SeRL's OpenRLHF defaults", () => {
  const s = resolvePolicyTrainerOptions({ lr: 5e-7, totalSteps: 100 });
  assertEquals(
    [s.warmupRatio, s.minLrRatio, s.beta1, s.beta2, s.eps, s.weightDecay, s.maxGradNorm],
    [0.03, 0.1, 0.9, 0.95, 1e-8, 0, 1],
  );
  assertEquals([s.aggregation, s.klAggregation, s.accumulationScope], [
    "seq-mean-token-mean",
    "seq-mean-token-mean",
    "micro-batch",
  ]);
  assertEquals([s.microBatchSize, s.maxConsecutiveSkips, s.lora, s.maxLength], [
    16,
    3,
    null,
    undefined,
  ]);
  assertEquals(s.head, {});
});

Deno.test("resolvePolicyTrainerOptions() keeps only the loss-head options given", () => {
  const s = resolvePolicyTrainerOptions({
    lr: 1,
    totalSteps: 1,
    klCoef: 0.001,
    klEstimator: "k3",
    dualClip: 3,
    lora: { rank: 2, targets: ["q_proj"] },
  });
  assertEquals(s.head, { klCoef: 0.001, klEstimator: "k3", dualClip: 3 });
  assertEquals(s.lora, { rank: 2, alpha: 16, targets: ["q_proj"] });
});

Deno.test("resolvePolicyTrainerOptions() rejects bad values before any step", () => {
  const ok = { lr: 1e-3, totalSteps: 10 };
  assertThrows(() => resolvePolicyTrainerOptions({ ...ok, lr: -1 }), RangeError, "lr");
  assertThrows(
    () => resolvePolicyTrainerOptions({ ...ok, totalSteps: 0 }),
    RangeError,
    "totalSteps",
  );
  assertThrows(
    () => resolvePolicyTrainerOptions({ ...ok, warmupRatio: 2 }),
    RangeError,
    "warmupRatio",
  );
  assertThrows(() => resolvePolicyTrainerOptions({ ...ok, beta2: 1 }), RangeError, "betas");
  assertThrows(
    () => resolvePolicyTrainerOptions({ ...ok, maxGradNorm: 0 }),
    RangeError,
    "maxGradNorm",
  );
  assertThrows(
    () => resolvePolicyTrainerOptions({ ...ok, microBatchSize: 0 }),
    RangeError,
    "microBatchSize",
  );
  assertThrows(
    () => resolvePolicyTrainerOptions({ ...ok, maxConsecutiveSkips: 1.5 }),
    RangeError,
    "maxConsecutiveSkips",
  );
  assertThrows(
    () => resolvePolicyTrainerOptions({ ...ok, aggregation: "dr-grpo" }),
    TypeError,
    "maxLength",
  );
  assertThrows(
    () => resolvePolicyTrainerOptions({ ...ok, klAggregation: "mean" as LossAggregation }),
    TypeError,
    'unknown aggregation "mean"',
  );
  assertThrows(
    () => resolvePolicyTrainerOptions({ ...ok, accumulationScope: "epoch" as AccumulationScope }),
    TypeError,
    "epoch",
  );
  assertThrows(() => resolvePolicyTrainerOptions({ ...ok, lora: { rank: 0 } }), RangeError, "rank");
});
