import { klLoss, klLossGradient } from "../../lib/rl/kl_loss.ts";
import { randomSeeded } from "../../lib/random.ts";
import { assertAllClose, assertAlmostEquals, assertThrows } from "../assert.ts";

// d = logp - logp_ref: [0.2, -0.1] and [-0.5]; k3 (rl_math.md §2): .018731, .005171, .148721
const INPUT = { logProbs: [[-1, -1], [-2]], refLogProbs: [[-1.2, -0.9], [-1.5]] };

Deno.test("klLoss() k3 per-sequence token mean, then mean over sequences (SeRL)", () => {
  // ((.018731 + .005171) / 2 + .148721) / 2 = (.011951 + .148721) / 2 = .080336
  const r = klLoss(INPUT, { estimator: "k3" });
  assertAllClose(r.tokenKl.flat(), [0.018731, 0.005171, 0.148721], { atol: 1e-6 });
  assertAlmostEquals(r.loss, 0.080336, 2e-6);
});

Deno.test("klLoss() token-mean is later OpenRLHF's aggregation", () => {
  // (.018731 + .005171 + .148721) / 3 = .172623 / 3 = .057541
  assertAlmostEquals(
    klLoss(INPUT, { estimator: "k3", aggregation: "token-mean" }).loss,
    0.057541,
    2e-6,
  );
});

Deno.test("klLoss() k1 and k2, by hand", () => {
  // k1: ((0.2 - 0.1) / 2 + (-0.5)) / 2 = (0.05 - 0.5) / 2 = -0.225
  assertAlmostEquals(klLoss(INPUT, { estimator: "k1" }).loss, -0.225, 1e-12);
  // k2: ((.02 + .005) / 2 + .125) / 2 = (.0125 + .125) / 2 = .06875
  assertAlmostEquals(klLoss(INPUT, { estimator: "k2" }).loss, 0.06875, 1e-12);
});

Deno.test("klLossGradient() matches finite differences", () => {
  const prng = randomSeeded(8);
  const lengths = [2, 4, 1];
  const ref = lengths.map((n) => Array.from({ length: n }, () => -3 * prng()));
  const input = {
    logProbs: ref.map((row) => row.map((r) => r + (prng() - 0.5))),
    refLogProbs: ref,
  };
  const h = 1e-6;
  for (const estimator of ["k1", "k2", "k3"] as const) {
    const g = klLossGradient(input, { estimator });
    for (let i = 0; i < lengths.length; i++) {
      for (let t = 0; t < lengths[i]!; t++) {
        const at = (delta: number) =>
          klLoss({
            ...input,
            logProbs: input.logProbs.map((row, j) =>
              row.map((x, s) => (j === i && s === t ? x + delta : x))
            ),
          }, { estimator }).loss;
        assertAlmostEquals(g[i]![t]!, (at(h) - at(-h)) / (2 * h), 1e-7, `${estimator} ${i},${t}`);
      }
    }
  }
});

Deno.test("klLoss() rejects mismatched shapes", () => {
  assertThrows(
    () => klLoss({ logProbs: [[-1]], refLogProbs: [[-1, -2]] }, { estimator: "k3" }),
    RangeError,
    "refLogProbs[0] has 2 tokens, logProbs[0] has 1",
  );
});
