import { drGrpoAdvantages } from "../../lib/rl/dr_grpo.ts";
import { reinforcePPBaselineAdvantages } from "../../lib/rl/reinforce_pp_baseline.ts";
import { assertAllClose, assertEquals, assertThrows } from "../assert.ts";
import { BATCH, flat, KL_K1 } from "./_fixture.ts";

Deno.test("drGrpoAdvantages() is the mean-centred reward without std or whitening", () => {
  // R̃ = [.5, -.5, 0, 0]; returns as the baseline variant unwhitened:
  // [0.5, 0.52], [-0.45], [0], [0, 0.01]
  const a = drGrpoAdvantages(BATCH, KL_K1);
  assertAllClose(flat(a), [0.5, 0.52, -0.45, 0, 0, 0.01], { atol: 1e-12 });
  assertAllClose(
    flat(a),
    flat(reinforcePPBaselineAdvantages(BATCH, { ...KL_K1, whiten: false })),
    { atol: 0 },
  );
});

Deno.test("drGrpoAdvantages() does not divide by the group std", () => {
  // [1, 0, 0, 0] with β = 0: [.75, -.25, -.25, -.25] (GRPO would give 1.5, -.5, ...)
  const a = drGrpoAdvantages(
    { rewards: [1, 0, 0, 0], groupSize: 4, logProbs: [[-1], [-1], [-1], [-1]] },
    { klCoef: 0, klEstimator: "k1" },
  );
  assertEquals(flat(a), [0.75, -0.25, -0.25, -0.25]);
});

Deno.test("drGrpoAdvantages() rejects n < 2", () => {
  assertThrows(
    () => drGrpoAdvantages({ rewards: [1], groupSize: 1, logProbs: [[-1]] }, KL_K1),
    RangeError,
    "Cannot compute Dr.GRPO advantages as group size must be an integer >= 2",
  );
});
