import { cumulativeReturns } from "../../lib/rl/cumulative_returns.ts";
import { assertAllClose, assertEquals, assertThrows } from "../assert.ts";

Deno.test("cumulativeReturns() sums the rewards to go with γ = 1", () => {
  // [-0.02 + 1.02, 1.02] and [0.05]
  const g = cumulativeReturns([[-0.02, 1.02], [0.05]]);
  assertAllClose(g[0]!, [1.0, 1.02], { atol: 1e-15 });
  assertEquals(g[1], [0.05]);
});

Deno.test("cumulativeReturns() discounts by γ per token", () => {
  // γ = 0.5: [1 + 0.5·(0 + 0.5·2), 0 + 0.5·2, 2] = [1.5, 1, 2]
  assertEquals(cumulativeReturns([[1, 0, 2]], { gamma: 0.5 }), [[1.5, 1, 2]]);
  // γ = 0: the reward itself
  assertEquals(cumulativeReturns([[1, 0, 2]], { gamma: 0 }), [[1, 0, 2]]);
});

Deno.test("cumulativeReturns() rejects γ outside [0, 1]", () => {
  assertThrows(
    () => cumulativeReturns([[1]], { gamma: 1.5 }),
    RangeError,
    "gamma must be in [0, 1]",
  );
});
