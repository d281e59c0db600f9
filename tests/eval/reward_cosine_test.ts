import { assertAlmostEquals, assertEquals, assertThrows } from "../assert.ts";
import { rewardCosine } from "../../lib/eval/reward_cosine.ts";

Deno.test("rewardCosine() of 0/1 rewards is shared ones over the geometric mean of the ones", () => {
  // vote rewards 4 responses, truth 3; they share 2: 2 / sqrt(4 * 3)
  const vote = [1, 1, 1, 1, 0, 0];
  const truth = [1, 1, 0, 0, 1, 0];
  assertAlmostEquals(rewardCosine(vote, truth)!, 2 / Math.sqrt(12), 1e-15);
  assertEquals(rewardCosine(truth, truth), 1);
  assertEquals(rewardCosine([1, 0, 1], [0, 1, 0]), 0);
});

Deno.test("rewardCosine() is symmetric and scale-free for real-valued rewards", () => {
  const a = [0.5, -1, 2], b = [1, 1, 3];
  const expected = (0.5 - 1 + 6) / (Math.sqrt(0.25 + 1 + 4) * Math.sqrt(1 + 1 + 9));
  assertAlmostEquals(rewardCosine(a, b)!, expected, 1e-15);
  assertAlmostEquals(rewardCosine(b, a)!, expected, 1e-15);
  assertAlmostEquals(rewardCosine(a.map((x) => 3 * x), b)!, expected, 1e-15);
});

Deno.test("rewardCosine() is null when a vector is all zeros or empty", () => {
  assertEquals(rewardCosine([0, 0, 0], [1, 0, 1]), null);
  assertEquals(rewardCosine([1, 1], [0, 0]), null);
  assertEquals(rewardCosine([], []), null);
});

Deno.test("rewardCosine() rejects vectors of different lengths and non-finite rewards", () => {
  assertThrows(() => rewardCosine([1, 0], [1]), RangeError, "equal length, got 2 and 1");
  assertThrows(() => rewardCosine([1, NaN], [1, 1]), RangeError, "reward 1 is not finite");
});
