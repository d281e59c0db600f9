import { advantagesFromShapedRewards } from "../../lib/rl/advantage_pipeline.ts";
import { assertAllClose, assertEquals, assertThrows } from "../assert.ts";
import { BATCH, flat, KL_K1 } from "./_fixture.ts";

Deno.test("advantagesFromShapedRewards() runs reward, return and whitening steps", () => {
  // custom R̃ = [2, 0, 0, -1]; token rewards [-0.02, 2.02], [0.05], [0], [-0.01, -0.99]
  // returns [2, 2.02], [0.05], [0], [-1, -0.99]
  const raw = advantagesFromShapedRewards([2, 0, 0, -1], BATCH, { ...KL_K1, whiten: false });
  assertAllClose(flat(raw), [2, 2.02, 0.05, 0, -1, -0.99], { atol: 1e-12 });
  // no std norm: subtract μ = 2.08 / 6 only
  const centred = advantagesFromShapedRewards([2, 0, 0, -1], BATCH, { ...KL_K1, stdNorm: false });
  assertAllClose(flat(centred), [2, 2.02, 0.05, 0, -1, -0.99].map((x) => x - 2.08 / 6), {
    atol: 1e-12,
  });
});

Deno.test("advantagesFromShapedRewards() applies the KL clamp to the estimate", () => {
  // d = logp_old - logp_ref = -12 on one token: k1 = -12, clamped -10; β = 1
  const input = { rewards: [0], groupSize: 1, logProbs: [[-13]], refLogProbs: [[-1]] };
  const options = { klCoef: 1, klEstimator: "k1", whiten: false } as const;
  assertAllClose(flat(advantagesFromShapedRewards([0], input, options)), [12], { atol: 1e-12 });
  assertEquals(advantagesFromShapedRewards([0], input, { ...options, klClamp: true }), [[10]]);
});

Deno.test("advantagesFromShapedRewards() checks the shaped rewards' length", () => {
  assertThrows(
    () => advantagesFromShapedRewards([1], BATCH, KL_K1),
    RangeError,
    "1 shaped rewards for 4 responses",
  );
});
