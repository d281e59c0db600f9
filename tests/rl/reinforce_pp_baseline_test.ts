import {
  groupMeanBaselineRewards,
  reinforcePPBaselineAdvantages,
} from "../../lib/rl/reinforce_pp_baseline.ts";
import { assertAllClose, assertEquals, assertThrows } from "../assert.ts";
import { BATCH, flat, KL_K1 } from "./_fixture.ts";

Deno.test("groupMeanBaselineRewards() subtracts each group's mean", () => {
  // groups [1, 0, 0, 0] (mean .25) and [2, 4, 6, 8] (mean 5)
  assertEquals(
    groupMeanBaselineRewards([1, 0, 0, 0, 2, 4, 6, 8], 4),
    [0.75, -0.25, -0.25, -0.25, -3, -1, 1, 3],
  );
});

Deno.test("reinforcePPBaselineAdvantages() without whitening, by hand", () => {
  // R̃ = [1 - .5, 0 - .5, 1 - 1, 1 - 1] = [.5, -.5, 0, 0]
  // token rewards [-0.02, 0.02 + .5], [0.05 - .5], [0], [-0.01, 0.01]
  // returns [0.5, 0.52], [-0.45], [0], [0, 0.01]
  const a = reinforcePPBaselineAdvantages(BATCH, { ...KL_K1, whiten: false });
  assertAllClose(flat(a), [0.5, 0.52, -0.45, 0, 0, 0.01], { atol: 1e-12 });
});

Deno.test("reinforcePPBaselineAdvantages() whitens by default, by hand", () => {
  // returns .5 .52 -.45 0 0 .01: μ = 0.58 / 6 = 0.096667
  // deviations .403333 .423333 -.546667 -.096667 -.096667 -.086667
  // squares .162678 .179211 .298844 .009344 .009344 .007511, Σ = 0.666933
  const mu = 0.58 / 6, sigma = Math.sqrt(0.6669333333333335 / 6);
  const want = [0.5, 0.52, -0.45, 0, 0, 0.01].map((g) => (g - mu) / sigma);
  // = [1.209758, 1.269746, -1.639672, -0.289942, -0.289942, -0.259948]
  assertAllClose(flat(reinforcePPBaselineAdvantages(BATCH, KL_K1)), want, { atol: 1e-9 });
});

Deno.test("reinforcePPBaselineAdvantages() gives zeros to an equal-reward group at β = 0", () => {
  const a = reinforcePPBaselineAdvantages(BATCH, { klCoef: 0, klEstimator: "k1", whiten: false });
  assertEquals([...a[2]!, ...a[3]!], [0, 0, 0]);
});

Deno.test("reinforcePPBaselineAdvantages() rejects n < 2 and γ ≠ 1", () => {
  const one = { rewards: [1], groupSize: 1, logProbs: [[-1]] };
  assertThrows(
    () => reinforcePPBaselineAdvantages(one, { klCoef: 0, klEstimator: "k1" }),
    RangeError,
    "Cannot compute REINFORCE++-baseline advantages as group size must be an integer >= 2: current value is 1",
  );
  assertThrows(
    () => reinforcePPBaselineAdvantages(BATCH, { ...KL_K1, gamma: 0.9 }),
    RangeError,
    "gamma must be 1",
  );
});
