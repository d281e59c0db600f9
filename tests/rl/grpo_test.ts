import { groupNormalizedRewards, grpoAdvantages } from "../../lib/rl/grpo.ts";
import { randomSeeded } from "../../lib/random.ts";
import { assertAllClose, assertEquals, assertThrows } from "../assert.ts";
import { BATCH, flat, KL_K1 } from "./_fixture.ts";

Deno.test("groupNormalizedRewards() uses the unbiased std with ε on the std", () => {
  // [1, 0, 0, 0]: mean .25, deviations .75 -.25 -.25 -.25
  // Σ squares = .5625 + 3·.0625 = .75; unbiased variance .75 / 3 = .25; std .5
  // R̃ = [.75, -.25, -.25, -.25] / (.5 + 1e-9)   (population std would give 1.732 for the first)
  const r = groupNormalizedRewards([1, 0, 0, 0], 4);
  const s = 0.5 + 1e-9;
  assertAllClose(r, [0.75 / s, -0.25 / s, -0.25 / s, -0.25 / s], { atol: 1e-15 });
});

Deno.test("grpoAdvantages() is not whitened by default, by hand", () => {
  // group A [1, 0]: mean .5, unbiased std sqrt((.25 + .25) / 1) = sqrt(.5) = .707107
  //   a = .5 / (sqrt(.5) + 1e-9) = 0.707107; R̃ = [a, -a]; group B [1, 1]: R̃ = [0, 0]
  // token rewards (β = .1, k1): [-0.02, 0.02 + a], [0.05 - a], [0], [-0.01, 0.01]
  // returns: [a, 0.02 + a], [0.05 - a], [0], [0, 0.01]
  const a = 0.5 / (Math.sqrt(0.5) + 1e-9);
  const got = grpoAdvantages(BATCH, KL_K1);
  assertAllClose(flat(got), [a, 0.02 + a, 0.05 - a, 0, 0, 0.01], { atol: 1e-12 });
});

Deno.test("grpoAdvantages() gives zeros to zero-variance groups", () => {
  const prng = randomSeeded(5);
  // 8 groups of 16, each with one repeated reward value (0, 1 or a fraction)
  const values = [0, 1, 0.3, 0.7, 0.1, 1, 0, 0.9];
  const rewards = values.flatMap((v) => new Array(16).fill(v));
  const logProbs = rewards.map(() =>
    Array.from({ length: 1 + Math.floor(prng() * 5) }, () => -prng())
  );
  const a = grpoAdvantages(
    { rewards, groupSize: 16, logProbs },
    { klCoef: 0, klEstimator: "k3", klInReward: false },
  );
  assertEquals(a.flat().every((x) => x === 0), true);
});

Deno.test("grpoAdvantages() whitens when asked", () => {
  const a = flat(grpoAdvantages(BATCH, { ...KL_K1, whiten: true }));
  const mean = a.reduce((x, y) => x + y, 0) / a.length;
  assertAllClose([mean], [0], { atol: 1e-12 });
});

Deno.test("grpoAdvantages() rejects n < 2 and γ ≠ 1", () => {
  assertThrows(
    () => grpoAdvantages({ rewards: [1], groupSize: 1, logProbs: [[-1]] }, KL_K1),
    RangeError,
    "Cannot compute GRPO advantages as group size must be an integer >= 2: current value is 1",
  );
  assertThrows(() => grpoAdvantages(BATCH, { ...KL_K1, gamma: 0.99 }), RangeError, "gamma");
});
