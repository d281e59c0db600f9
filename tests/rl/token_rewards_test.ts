import { tokenRewards } from "../../lib/rl/token_rewards.ts";
import { assertAllClose, assertEquals, assertThrows } from "../assert.ts";

Deno.test("tokenRewards() puts -β·kl on every token and the clipped reward on the last", () => {
  // β = 0.1; kl rows [0.2, -0.2] and [-0.5]; rewards 1 and -25 (clipped to -10)
  // row 0: [-0.02, 0.02 + 1]; row 1: [0.05 - 10]
  const r = tokenRewards([1, -25], [[0.2, -0.2], [-0.5]], { klCoef: 0.1 });
  assertAllClose(r[0]!, [-0.02, 1.02], { atol: 1e-15 });
  assertAllClose(r[1]!, [-9.95], { atol: 1e-15 });
});

Deno.test("tokenRewards() ignores the KL when β <= 0, as OpenRLHF", () => {
  const r = tokenRewards([1], [[5, 5]], { klCoef: -0.3 });
  assertEquals(r, [[0, 1]]);
});

Deno.test("tokenRewards() honours a custom clip and Infinity turns it off", () => {
  assertEquals(tokenRewards([3], [[0]], { rewardClip: 2 }), [[2]]);
  assertEquals(tokenRewards([30], [[0]], { rewardClip: Infinity }), [[30]]);
});

Deno.test("tokenRewards() rejects mismatched lengths and bad options", () => {
  assertThrows(() => tokenRewards([1, 2], [[0]]), RangeError, "2 rewards for 1 responses");
  assertThrows(() => tokenRewards([1], [[0]], { rewardClip: 0 }), RangeError, "rewardClip");
  assertThrows(() => tokenRewards([1], [[]]), RangeError, "has no tokens");
});
