import { leaveOneOutRewards, rlooAdvantages } from "../../lib/rl/rloo.ts";
import {
  groupMeanBaselineRewards,
  reinforcePPBaselineAdvantages,
} from "../../lib/rl/reinforce_pp_baseline.ts";
import { randomSeeded } from "../../lib/random.ts";
import { assertAllClose, assertEquals, assertThrows } from "../assert.ts";
import { BATCH, flat, KL_K1 } from "./_fixture.ts";

Deno.test("leaveOneOutRewards() subtracts the mean of the other responses", () => {
  // group [1, 0, 0, 1]: 1 - (0+0+1)/3, 0 - (1+0+1)/3, 0 - 2/3, 1 - 1/3
  assertAllClose(leaveOneOutRewards([1, 0, 0, 1], 4), [2 / 3, -2 / 3, -2 / 3, 2 / 3], {
    atol: 1e-15,
  });
});

Deno.test("leaveOneOutRewards() is n/(n-1) times the group-mean baseline", () => {
  const prng = randomSeeded(3);
  const rewards = Array.from({ length: 24 }, () => Math.round(prng() * 4) / 4);
  const loo = leaveOneOutRewards(rewards, 6);
  const base = groupMeanBaselineRewards(rewards, 6);
  assertAllClose(loo, base.map((b) => b * 6 / 5), { atol: 1e-14 });
});

Deno.test("rlooAdvantages() without whitening, by hand", () => {
  // n = 2: R̃_i = R_i - R_other: [1 - 0, 0 - 1, 1 - 1, 1 - 1] = [1, -1, 0, 0]
  // token rewards [-0.02, 1.02], [0.05 - 1], [0], [-0.01, 0.01]
  // returns [1.0, 1.02], [-0.95], [0], [0, 0.01]
  const a = rlooAdvantages(BATCH, { ...KL_K1, whiten: false });
  assertAllClose(flat(a), [1.0, 1.02, -0.95, 0, 0, 0.01], { atol: 1e-12 });
});

Deno.test("rlooAdvantages() whitens by default (SeRL's OpenRLHF), by hand", () => {
  // returns 1 1.02 -.95 0 0 .01: μ = 1.08 / 6 = 0.18
  // deviations .82 .84 -1.13 -.18 -.18 -.17; squares .6724 .7056 1.2769 .0324 .0324 .0289
  // Σ = 2.7486
  const mu = 0.18, sigma = Math.sqrt(2.7486 / 6);
  const want = [1.0, 1.02, -0.95, 0, 0, 0.01].map((g) => (g - mu) / sigma);
  assertAllClose(flat(rlooAdvantages(BATCH, KL_K1)), want, { atol: 1e-9 });
});

Deno.test("rlooAdvantages() equals REINFORCE++-baseline after whitening at β = 0", () => {
  const prng = randomSeeded(17);
  const n = 4, b = 16;
  const input = {
    rewards: Array.from({ length: b }, () => (prng() < 0.4 ? 1 : 0)),
    groupSize: n,
    logProbs: Array.from(
      { length: b },
      () => Array.from({ length: 1 + Math.floor(prng() * 9) }, () => -prng() * 3),
    ),
  };
  const options = { klCoef: 0, klEstimator: "k1" } as const;
  assertAllClose(
    flat(rlooAdvantages(input, options)),
    flat(reinforcePPBaselineAdvantages(input, options)),
    { atol: 1e-9 },
  );
  // Unwhitened they differ by the factor n/(n-1)
  const raw = flat(rlooAdvantages(input, { ...options, whiten: false }));
  const base = flat(reinforcePPBaselineAdvantages(input, { ...options, whiten: false }));
  assertAllClose(raw, base.map((x) => x * n / (n - 1)), { atol: 1e-12 });
});

Deno.test("rlooAdvantages() differs from the baseline variant when β > 0", () => {
  const a = flat(rlooAdvantages(BATCH, KL_K1));
  const b = flat(reinforcePPBaselineAdvantages(BATCH, KL_K1));
  assertEquals(a.some((x, i) => Math.abs(x - b[i]!) > 1e-3), true);
});

Deno.test("rlooAdvantages() rejects n < 2", () => {
  assertThrows(
    () => rlooAdvantages({ rewards: [1, 0], groupSize: 1, logProbs: [[-1], [-1]] }, KL_K1),
    RangeError,
    "Cannot compute RLOO advantages as group size must be an integer >= 2: current value is 1",
  );
});
