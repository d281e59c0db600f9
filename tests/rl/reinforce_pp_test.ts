import { reinforcePPAdvantages } from "../../lib/rl/reinforce_pp.ts";
import { assertAllClose, assertEquals, assertNotEquals, assertThrows } from "../assert.ts";
import { BATCH, flat, KL_K1 } from "./_fixture.ts";

Deno.test("reinforcePPAdvantages() without whitening: reward on the last token plus KL", () => {
  // R̃ = R = [1, 0, 1, 1]; token rewards:
  //   [-0.02, 0.02 + 1], [0.05 + 0], [0 + 1], [-0.01, 0.01 + 1]
  // returns (γ = 1): [1.0, 1.02], [0.05], [1.0], [1.0, 1.01]
  const a = reinforcePPAdvantages(BATCH, { ...KL_K1, whiten: false });
  assertAllClose(flat(a), [1.0, 1.02, 0.05, 1.0, 1.0, 1.01], { atol: 1e-12 });
});

Deno.test("reinforcePPAdvantages() whitens over all 6 tokens by default", () => {
  // returns 1.0, 1.02, 0.05, 1.0, 1.0, 1.01: μ = 5.08 / 6 = 0.846667
  // deviations .153333 .173333 -.796667 .153333 .153333 .163333
  // squares .023511 .030044 .634678 .023511 .023511 .026678, Σ = 0.761933
  // σ = sqrt(0.761933 / 6) = 0.356355
  const mu = 5.08 / 6, sigma = Math.sqrt(0.7619333333333334 / 6);
  const want = [1.0, 1.02, 0.05, 1.0, 1.0, 1.01].map((g) => (g - mu) / sigma);
  // = [0.430283, 0.486406, -2.235598, 0.430283, 0.430283, 0.458344]
  assertAllClose(flat(reinforcePPAdvantages(BATCH, KL_K1)), want, { atol: 1e-9 });
});

Deno.test("reinforcePPAdvantages() honours γ", () => {
  // γ = 0.5: response 0 returns [-0.02 + 0.5·1.02, 1.02] = [0.49, 1.02]; others have 1 token
  // or: response 3 [-0.01 + 0.5·1.01, 1.01] = [0.495, 1.01]
  const a = reinforcePPAdvantages(BATCH, { ...KL_K1, gamma: 0.5, whiten: false });
  assertAllClose(flat(a), [0.49, 1.02, 0.05, 1.0, 0.495, 1.01], { atol: 1e-12 });
});

Deno.test("reinforcePPAdvantages() uses the k3 table values in the reward", () => {
  // k3 at d = 0.2, -0.2: .018731, .021403 (rl_math.md §2); β = 1
  // response 0: r = [-.018731, -.021403 + 1]; returns [1 - .040134, 1 - .021403]
  const a = reinforcePPAdvantages(
    {
      ...BATCH,
      rewards: [1, 0],
      logProbs: BATCH.logProbs.slice(0, 2),
      refLogProbs: BATCH.refLogProbs!.slice(0, 2),
    },
    { klCoef: 1, klEstimator: "k3", whiten: false },
  );
  // response 1: d = -0.5, k3 = .148721: r = [-.148721]
  assertAllClose(flat(a), [0.959866, 0.978597, -0.148721], { atol: 2e-6 });
});

Deno.test("reinforcePPAdvantages() does not zero a group of equal rewards", () => {
  // group B has rewards 1, 1; without a baseline its advantages stay 1
  const a = reinforcePPAdvantages(BATCH, { klCoef: 0, klEstimator: "k1", whiten: false });
  assertEquals(a[2], [1]);
  assertEquals(a[3], [1, 1]);
});

Deno.test("reinforcePPAdvantages() clips the scalar reward at ±10 and allows n = 1", () => {
  const input = { rewards: [25, -3], groupSize: 1, logProbs: [[-1], [-1, -1]] };
  const a = reinforcePPAdvantages(input, { klCoef: 0, klEstimator: "k1", whiten: false });
  assertEquals(a, [[10], [-3, -3]]);
  const wide = reinforcePPAdvantages(input, {
    klCoef: 0,
    klEstimator: "k1",
    whiten: false,
    rewardClip: 30,
  });
  assertNotEquals(wide, a);
});

Deno.test("reinforcePPAdvantages() needs refLogProbs only when the KL is in the reward", () => {
  const { refLogProbs: _, ...noRef } = BATCH;
  assertThrows(() => reinforcePPAdvantages(noRef, KL_K1), TypeError, "refLogProbs is required");
  // β = 0 or KL as a loss: fine without a reference
  reinforcePPAdvantages(noRef, { klCoef: 0, klEstimator: "k1" });
  const asLoss = reinforcePPAdvantages(noRef, { ...KL_K1, klInReward: false, whiten: false });
  assertEquals(flat(asLoss), [1, 1, 0, 1, 1, 1]);
});
