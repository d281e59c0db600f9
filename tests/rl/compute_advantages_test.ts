import {
  ADVANTAGE_ESTIMATORS,
  type AdvantageEstimatorName,
  computeAdvantages,
} from "../../lib/rl/compute_advantages.ts";
import { rlooAdvantages } from "../../lib/rl/rloo.ts";
import { assertAllClose, assertEquals, assertNotEquals, assertThrows } from "../assert.ts";
import { BATCH, flat, KL_K1 } from "./_fixture.ts";

const NAMES: AdvantageEstimatorName[] = [
  "reinforce_pp",
  "reinforce_pp_baseline",
  "rloo",
  "grpo",
  "dr_grpo",
];

Deno.test("ADVANTAGE_ESTIMATORS has exactly the five estimator names", () => {
  assertEquals(Object.keys(ADVANTAGE_ESTIMATORS).sort(), [...NAMES].sort());
});

Deno.test("computeAdvantages() dispatches to the named estimator", () => {
  for (const name of NAMES) {
    assertEquals(
      computeAdvantages(BATCH, { ...KL_K1, estimator: name }),
      ADVANTAGE_ESTIMATORS[name](BATCH, KL_K1),
      name,
    );
  }
});

Deno.test("computeAdvantages() whitens per estimator as SeRL's OpenRLHF", () => {
  // Whitened outputs have token mean 0; grpo and dr_grpo here do not.
  const tokenMean = (name: AdvantageEstimatorName) => {
    const a = flat(computeAdvantages(BATCH, { ...KL_K1, estimator: name }));
    return a.reduce((x, y) => x + y, 0) / a.length;
  };
  for (const name of ["reinforce_pp", "reinforce_pp_baseline", "rloo"] as const) {
    assertAllClose([tokenMean(name)], [0], { atol: 1e-12, msg: name });
  }
  // grpo returns (hand, grpo_test): a, .02 + a, .05 - a, 0, 0, .01 -> mean (.08 + a) / 6
  const a = 0.5 / (Math.sqrt(0.5) + 1e-9);
  assertAllClose([tokenMean("grpo")], [(0.08 + a) / 6], { atol: 1e-12 });
  // dr_grpo returns .5 .52 -.45 0 0 .01 -> mean .58 / 6
  assertAllClose([tokenMean("dr_grpo")], [0.58 / 6], { atol: 1e-12 });
});

Deno.test("computeAdvantages() rlooWhiten: false is later OpenRLHF's unwhitened RLOO", () => {
  const head = computeAdvantages(BATCH, { ...KL_K1, estimator: "rloo", rlooWhiten: false });
  assertEquals(head, rlooAdvantages(BATCH, { ...KL_K1, whiten: false }));
  assertNotEquals(head, computeAdvantages(BATCH, { ...KL_K1, estimator: "rloo" }));
  // An explicit whiten wins over rlooWhiten.
  assertEquals(
    computeAdvantages(BATCH, { ...KL_K1, estimator: "rloo", rlooWhiten: false, whiten: true }),
    rlooAdvantages(BATCH, KL_K1),
  );
});

Deno.test("computeAdvantages() rejects unknown estimators, including prototype names", () => {
  for (const bad of ["gae", "toString", "group_norm"]) {
    assertThrows(
      // deno-lint-ignore no-explicit-any
      () => computeAdvantages(BATCH, { ...KL_K1, estimator: bad as any }),
      TypeError,
      `unknown estimator "${bad}"`,
    );
  }
});

Deno.test("computeAdvantages() errors for n < 2 with every group estimator", () => {
  const one = { rewards: [1, 0], groupSize: 1, logProbs: [[-1], [-1]] };
  for (const name of NAMES.filter((n) => n !== "reinforce_pp")) {
    assertThrows(
      () => computeAdvantages(one, { klCoef: 0, klEstimator: "k1", estimator: name }),
      RangeError,
      "group size must be an integer >= 2: current value is 1",
    );
  }
  assertEquals(
    computeAdvantages(one, { klCoef: 0, klEstimator: "k1", estimator: "reinforce_pp" }),
    [[1], [-1]],
  );
});

Deno.test("computeAdvantages() rejects inconsistent batches", () => {
  const options = { ...KL_K1, estimator: "grpo" } as const;
  assertThrows(
    () => computeAdvantages({ ...BATCH, groupSize: 3 }, options),
    RangeError,
    "4 responses do not split into groups of 3",
  );
  assertThrows(
    () => computeAdvantages({ ...BATCH, logProbs: BATCH.logProbs.slice(1) }, options),
    RangeError,
    "logProbs has 3 responses, rewards has 4",
  );
  assertThrows(
    () => computeAdvantages({ ...BATCH, refLogProbs: [[-1], [-1], [-1], [-1, -1]] }, options),
    RangeError,
    "refLogProbs[0] has 1 tokens, logProbs[0] has 2",
  );
  assertThrows(
    () => computeAdvantages({ ...BATCH, rewards: [1, NaN, 0, 0] }, options),
    TypeError,
    "rewards[1] must be a finite number",
  );
  assertThrows(
    () => computeAdvantages({ ...BATCH, logProbs: [[], [-1], [-1], [-1]] }, options),
    RangeError,
    "logProbs[0] has no tokens",
  );
  assertThrows(
    () => computeAdvantages({ rewards: [], groupSize: 2, logProbs: [] }, options),
    RangeError,
    "no responses",
  );
});
