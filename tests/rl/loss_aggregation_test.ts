import { lossTokenWeights, weightedTokenSum } from "../../lib/rl/loss_aggregation.ts";
import { assertAllClose, assertEquals, assertThrows } from "../assert.ts";

Deno.test("lossTokenWeights() token-mean and seq-mean-token-mean differ on ragged lengths", () => {
  // ℓ = 1 on the 3 tokens of sequence 0, 0 on the 1 token of sequence 1
  const losses = [[1, 1, 1], [0]];
  // token-mean: 3 / 4; seq-mean-token-mean: (3/3 + 0/1) / 2 = 0.5
  assertEquals(weightedTokenSum(losses, lossTokenWeights([3, 1], "token-mean")), 0.75);
  assertEquals(weightedTokenSum(losses, lossTokenWeights([3, 1], "seq-mean-token-mean")), 0.5);
});

Deno.test("lossTokenWeights() token-mean equals seq-mean-token-mean at equal lengths", () => {
  assertAllClose(
    lossTokenWeights([2, 2, 2], "token-mean").flat(),
    lossTokenWeights([2, 2, 2], "seq-mean-token-mean").flat(),
    { atol: 1e-17 },
  );
});

Deno.test("lossTokenWeights() dr-grpo divides by B·L_max", () => {
  // B = 2, L_max = 5: every weight 1/10, sum = 4/10
  const w = lossTokenWeights([3, 1], "dr-grpo", { maxLength: 5 });
  assertEquals(w, [[0.1, 0.1, 0.1], [0.1]]);
  assertThrows(() => lossTokenWeights([3, 1], "dr-grpo"), TypeError, "needs maxLength");
  assertThrows(
    () => lossTokenWeights([3, 1], "dr-grpo", { maxLength: 2 }),
    RangeError,
    "maxLength must be an integer >= the longest response (3): current value is 2",
  );
});

Deno.test("lossTokenWeights() rejects bad input", () => {
  // deno-lint-ignore no-explicit-any
  assertThrows(() => lossTokenWeights([1], "mean" as any), TypeError, 'unknown aggregation "mean"');
  assertThrows(() => lossTokenWeights([], "token-mean"), RangeError, "no responses");
  assertThrows(() => lossTokenWeights([2, 0], "token-mean"), RangeError, "response 1 has length 0");
});

Deno.test("weightedTokenSum() rejects mismatched shapes", () => {
  assertThrows(() => weightedTokenSum([[1, 2]], [[1]]), RangeError, "response 0 has 2 values");
});
