import { accumulateGradients, microBatchLossWeights } from "../../lib/rl/grad_accumulation.ts";
import { lossTokenWeights, weightedTokenSum } from "../../lib/rl/loss_aggregation.ts";
import { policyLoss } from "../../lib/rl/policy_loss.ts";
import { randomSeeded } from "../../lib/random.ts";
import { assertAlmostEquals, assertEquals, assertThrows } from "../assert.ts";

function randomStep(seed: number, lengths: number[]) {
  const prng = randomSeeded(seed);
  const old = lengths.map((n) => Array.from({ length: n }, () => -2 * prng()));
  return {
    logProbs: old.map((row) => row.map((o) => o + (prng() - 0.5) * 0.6)),
    oldLogProbs: old,
    advantages: lengths.map((n) => Array.from({ length: n }, () => 2 * prng() - 1)),
  };
}

Deno.test("microBatchLossWeights() micro-batch scope with 1 sequence each is seq-mean-token-mean", () => {
  // SeRL: micro_train_batch_size 1, token-mean per micro-batch, averaged over K = 3
  // lengths 2, 1, 4: weights 1/2/3, 1/1/3, 1/4/3 = 1/(3·T_i)
  const w = microBatchLossWeights([[2], [1], [4]], "token-mean");
  assertEquals(w.flat(2), lossTokenWeights([2, 1, 4], "seq-mean-token-mean").flat());
  // and the losses agree with policyLoss over the whole step
  const step = randomStep(1, [2, 1, 4]);
  const tokenLosses = policyLoss(step, { aggregation: "token-mean" }).tokenLosses;
  const summed = w.reduce((acc, wk, k) => acc + weightedTokenSum([tokenLosses[k]!], wk), 0);
  assertAlmostEquals(summed, policyLoss(step, { aggregation: "seq-mean-token-mean" }).loss, 1e-14);
});

Deno.test("microBatchLossWeights() step scope spans all tokens of the step", () => {
  // token-mean over the step: 2 + 1 + 4 = 7 tokens, every weight 1/7
  const w = microBatchLossWeights([[2, 1], [4]], "token-mean", { scope: "step" });
  assertEquals(w.map((mb) => mb.map((row) => row.length)), [[2, 1], [4]]);
  for (const x of w.flat(2)) assertAlmostEquals(x, 1 / 7, 1e-17);
  // micro-batch scope instead: [[2, 1]] -> 1/3 / 2, [[4]] -> 1/4 / 2
  const mb = microBatchLossWeights([[2, 1], [4]], "token-mean");
  assertEquals([mb[0]![0]![0], mb[1]![0]![0]], [1 / 3 / 2, 1 / 4 / 2]);
});

Deno.test("microBatchLossWeights() step scope reproduces policyLoss() over the step", () => {
  const lengths = [[3, 2], [1], [5, 1, 2]];
  const step = randomStep(2, lengths.flat());
  for (const aggregation of ["token-mean", "seq-mean-token-mean"] as const) {
    const w = microBatchLossWeights(lengths, aggregation, { scope: "step" });
    const tokenLosses = policyLoss(step, { aggregation }).tokenLosses;
    let next = 0, summed = 0;
    for (const wk of w) {
      summed += weightedTokenSum(tokenLosses.slice(next, next + wk.length), wk);
      next += wk.length;
    }
    assertAlmostEquals(summed, policyLoss(step, { aggregation }).loss, 1e-14, aggregation);
  }
});

Deno.test("microBatchLossWeights() rejects empty steps and micro-batches", () => {
  assertThrows(() => microBatchLossWeights([], "token-mean"), RangeError, "the step has none");
  assertThrows(() => microBatchLossWeights([[1], []], "token-mean"), RangeError, "micro-batch 1");
});

Deno.test("accumulateGradients() adds scaled gradients in place", () => {
  const acc = [new Float32Array(2), new Float32Array(1)];
  accumulateGradients(acc, [new Float32Array([1, 2]), new Float32Array([4])]);
  accumulateGradients(acc, [new Float32Array([1, 1]), new Float32Array([-2])], 0.5);
  // [1 + .5, 2 + .5], [4 - 1]
  assertEquals(acc.map((a) => Array.from(a)), [[1.5, 2.5], [3]]);
  assertThrows(
    () => accumulateGradients(acc, [new Float32Array(2), new Float32Array(2)]),
    RangeError,
    "tensor 1 has 1 values, gradient 2",
  );
});
