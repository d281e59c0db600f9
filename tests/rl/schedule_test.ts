import { cosineLearningRate, cosineWarmupSteps } from "../../lib/rl/schedule.ts";
import { assertAlmostEquals, assertEquals, assertThrows } from "../assert.ts";

// lr 5e-7 (SeRL), 200 steps, warm-up ceil(200 · 0.03) = 6 steps, floor 0.1 · lr = 5e-8
const O = { lr: 5e-7, totalSteps: 200 };

Deno.test("cosineLearningRate() warms up linearly from 0", () => {
  assertEquals(cosineLearningRate(0, O), 0);
  // 3 / 6 of the way
  assertAlmostEquals(cosineLearningRate(3, O), 2.5e-7, 1e-20);
  // warm-up end: the peak
  assertEquals(cosineLearningRate(6, O), 5e-7);
});

Deno.test("cosineLearningRate() midpoint and end of the cosine", () => {
  // midpoint: step 6 + 194/2 = 103, progress .5: lr·(.1 + .9·(1 + cos(π/2))/2) = .55·lr
  assertAlmostEquals(cosineLearningRate(103, O), 2.75e-7, 1e-20);
  // a quarter, with 100 steps and warm-up ceil(100 · .04) = 4: step 4 + 96/4 = 28
  //   lr·(.1 + .9·(1 + cos(π/4))/2) = lr·(.1 + .9·.853553) = lr·.868198
  assertAlmostEquals(
    cosineLearningRate(28, { lr: 1, totalSteps: 100, warmupRatio: 0.04 }),
    0.8681980515339464,
    1e-12,
  );
  assertAlmostEquals(cosineLearningRate(200, O), 5e-8, 1e-20);
});

Deno.test("cosineLearningRate() decreases monotonically after warm-up, to the floor", () => {
  let previous = Infinity;
  for (let step = 6; step <= 200; step++) {
    const lr = cosineLearningRate(step, O);
    if (!(lr <= previous && lr >= 5e-8 - 1e-22)) throw new Error(`step ${step}: ${lr}`);
    previous = lr;
  }
});

Deno.test("cosineLearningRate() honours warmupRatio and minLrRatio", () => {
  // no warm-up: the first step is at the peak; floor 0 reaches 0 at the end
  const o = { lr: 1, totalSteps: 10, warmupRatio: 0, minLrRatio: 0 };
  assertEquals(cosineLearningRate(0, o), 1);
  assertAlmostEquals(cosineLearningRate(10, o), 0, 1e-15);
  // progress 0.2 (step 2 of 10): (1 + cos(0.2π)) / 2 = 0.904508
  assertAlmostEquals(cosineLearningRate(2, o), 0.9045084971874737, 1e-12);
});

Deno.test("cosineWarmupSteps() rounds the float product up, as OpenRLHF's math.ceil", () => {
  assertEquals(cosineWarmupSteps(200, 0.03), 6);
  assertEquals(cosineWarmupSteps(10, 0.03), 1); // ceil(0.3)
  assertEquals(cosineWarmupSteps(100, 0.07), 8); // 100 · 0.07 = 7.000000000000001
});

Deno.test("cosineLearningRate() rejects steps outside [0, totalSteps] and bad options", () => {
  assertThrows(() => cosineLearningRate(201, O), RangeError, "step must be in [0, 200]");
  assertThrows(() => cosineLearningRate(-1, O), RangeError, "step must be in");
  assertThrows(() => cosineLearningRate(1.5, O), RangeError, "step must be in");
  assertThrows(() => cosineLearningRate(1, { ...O, totalSteps: 0 }), RangeError, "totalSteps");
  assertThrows(() => cosineLearningRate(1, { ...O, minLrRatio: 2 }), RangeError, "minLrRatio");
});
