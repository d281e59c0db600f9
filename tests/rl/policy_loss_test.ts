import { policyLoss, policyLossGradient } from "../../lib/rl/policy_loss.ts";
import type { PolicyLossInput, PolicyLossOptions } from "../../lib/rl/policy_loss.ts";
import { randomSeeded } from "../../lib/random.ts";
import { assertAllClose, assertAlmostEquals, assertEquals, assertThrows } from "../assert.ts";

// Sequence 0: 3 tokens with ratios 1.1, 1.5, 0.5 and advantages 1, 1, -1;
// sequence 1: 1 token with ratio 0.7 and advantage 2. logp = logp_old + ln ρ.
const OLD = [[-1, -1, -1], [-2]];
const RATIOS = [[1.1, 1.5, 0.5], [0.7]];
const INPUT: PolicyLossInput = {
  logProbs: OLD.map((row, i) => row.map((o, t) => o + Math.log(RATIOS[i]![t]!))),
  oldLogProbs: OLD,
  advantages: [[1, 1, -1], [2]],
};
// ε = 0.2, clip range [0.8, 1.2]:
//   ρ 1.1, A  1: surr1 1.1, surr2 1.1        -> ℓ = -1.1, not clipped
//   ρ 1.5, A  1: surr1 1.5, surr2 1.2        -> ℓ = -1.2, clipped
//   ρ 0.5, A -1: surr1 -0.5, surr2 -0.8      -> ℓ =  0.8, clipped
//   ρ 0.7, A  2: surr1 1.4, surr2 1.6        -> ℓ = -1.4, not clipped
const TOKEN_LOSSES = [-1.1, -1.2, 0.8, -1.4];

Deno.test("policyLoss() token-mean, by hand", () => {
  const r = policyLoss(INPUT, { aggregation: "token-mean" });
  assertAllClose(r.tokenLosses.flat(), TOKEN_LOSSES, { atol: 1e-12 });
  // (-1.1 - 1.2 + 0.8 - 1.4) / 4 = -2.9 / 4
  assertAlmostEquals(r.loss, -0.725, 1e-12);
  // 2 of 4 tokens clipped
  assertEquals(r.clipFraction, 0.5);
  // mean(logp_old - logp) = -(ln 1.1 + ln 1.5 + ln 0.5 + ln 0.7) / 4
  assertAlmostEquals(r.approxKl, -Math.log(1.1 * 1.5 * 0.5 * 0.7) / 4, 1e-12);
  assertAllClose(r.ratios.flat(), RATIOS.flat(), { atol: 1e-12 });
});

Deno.test("policyLoss() seq-mean-token-mean, by hand", () => {
  // sequence means (-1.1 - 1.2 + 0.8) / 3 = -0.5 and -1.4; mean -0.95
  const r = policyLoss(INPUT, { aggregation: "seq-mean-token-mean" });
  assertAlmostEquals(r.loss, -0.95, 1e-12);
  // the metric stays a token mean
  assertEquals(r.clipFraction, 0.5);
});

Deno.test("policyLoss() dr-grpo divides by B·L_max, by hand", () => {
  // -2.9 / (2 · 5)
  const r = policyLoss(INPUT, { aggregation: "dr-grpo", maxLength: 5 });
  assertAlmostEquals(r.loss, -0.29, 1e-12);
});

Deno.test("policyLoss() asymmetric clip moves only the upper bound", () => {
  // clipHigh 0.28: ρ 1.5 token -> surr2 1.28, ℓ = -1.28; others unchanged
  // (-1.1 - 1.28 + 0.8 - 1.4) / 4 = -2.98 / 4
  const r = policyLoss(INPUT, { aggregation: "token-mean", clipHigh: 0.28 });
  assertAlmostEquals(r.loss, -0.745, 1e-12);
  // clipLow 0.6: ρ 0.5 -> surr2 = 0.5·-1 = surr1, not clipped; ρ 0.7, A 2 untouched
  const low = policyLoss(INPUT, { aggregation: "token-mean", clipLow: 0.6 });
  assertAllClose(low.tokenLosses.flat(), [-1.1, -1.2, 0.5, -1.4], { atol: 1e-12 });
  assertEquals(low.clipFraction, 0.25);
});

Deno.test("policyLoss() dual clip bounds the loss of negative advantages at c·|A|", () => {
  // ρ = 5, A = -1: surr1 -5, surr2 -1.2, min -5; with c = 3: max(-5, -3) = -3 -> ℓ = 3
  const input = { logProbs: [[Math.log(5)]], oldLogProbs: [[0]], advantages: [[-1]] };
  const plain = policyLoss(input, { aggregation: "token-mean" });
  const dual = policyLoss(input, { aggregation: "token-mean", dualClip: 3 });
  assertAlmostEquals(plain.loss, 5, 1e-12);
  assertAlmostEquals(dual.loss, 3, 1e-12);
  // The dual clip has no effect on the ρ 0.5, A -1 token (min -0.8 > -3) nor on A > 0.
  assertEquals(
    policyLoss(INPUT, { aggregation: "token-mean", dualClip: 3 }).loss,
    policyLoss(INPUT, { aggregation: "token-mean" }).loss,
  );
  assertAllClose(policyLossGradient(input, { aggregation: "token-mean", dualClip: 3 })[0]!, [0]);
  // without it: -ρ·A = 5
  assertAllClose(policyLossGradient(input, { aggregation: "token-mean" })[0]!, [5], {
    atol: 1e-12,
  });
});

Deno.test("policyLoss() clamps the log-ratio only when asked", () => {
  const input = { logProbs: [[0]], oldLogProbs: [[-25]], advantages: [[-1e-9]] };
  assertAlmostEquals(
    policyLoss(input, { aggregation: "token-mean" }).ratios[0]![0]!,
    Math.exp(25),
    1,
  );
  const clamped = policyLoss(input, { aggregation: "token-mean", logRatioClamp: 20 });
  assertEquals(clamped.ratios[0]![0], Math.exp(20));
  // beyond the clamp no gradient flows; without it -ρ·A = e^25 · 1e-9
  const clampedGrad = policyLossGradient(input, { aggregation: "token-mean", logRatioClamp: 20 });
  assertEquals(Math.abs(clampedGrad[0]![0]!), 0);
  const grad = policyLossGradient(input, { aggregation: "token-mean" });
  assertAlmostEquals(grad[0]![0]!, Math.exp(25) * 1e-9, 1e-9);
});

Deno.test("policyLossGradient() by hand: -ρ·A·w on unclipped tokens, 0 on clipped ones", () => {
  // token-mean, w = 1/4: [-1.1·1/4, 0, 0], [-0.7·2/4]
  const g = policyLossGradient(INPUT, { aggregation: "token-mean" });
  assertAllClose(g.flat(), [-0.275, 0, 0, -0.35], { atol: 1e-12 });
});

Deno.test("policyLossGradient() matches finite differences of policyLoss()", () => {
  const prng = randomSeeded(29);
  const lengths = [3, 1, 5, 2];
  const old = lengths.map((n) => Array.from({ length: n }, () => -0.2 - 2 * prng()));
  const input: PolicyLossInput = {
    logProbs: old.map((row) => row.map((o) => o + (prng() - 0.5) * 0.8)),
    oldLogProbs: old,
    advantages: lengths.map((n) => Array.from({ length: n }, () => 2 * prng() - 1)),
  };
  const h = 1e-6;
  const cases: PolicyLossOptions[] = [
    { aggregation: "token-mean" },
    { aggregation: "seq-mean-token-mean", clipHigh: 0.28 },
    { aggregation: "dr-grpo", maxLength: 8, dualClip: 1.5 },
  ];
  for (const options of cases) {
    const g = policyLossGradient(input, options);
    for (let i = 0; i < lengths.length; i++) {
      for (let t = 0; t < lengths[i]!; t++) {
        const at = (delta: number) => {
          const logProbs = input.logProbs.map((row, j) =>
            row.map((x, s) => (j === i && s === t ? x + delta : x))
          );
          return policyLoss({ ...input, logProbs }, options).loss;
        };
        const fd = (at(h) - at(-h)) / (2 * h);
        assertAlmostEquals(g[i]![t]!, fd, 1e-6, `${options.aggregation} token ${i},${t}`);
      }
    }
  }
});

Deno.test("policyLoss() rejects bad shapes and options", () => {
  const opts = { aggregation: "token-mean" } as const;
  assertThrows(
    () => policyLoss({ ...INPUT, advantages: [[1, 1], [2]] }, opts),
    RangeError,
    "advantages[0] has 2 tokens, logProbs[0] has 3",
  );
  assertThrows(
    () => policyLoss(INPUT, { ...opts, clipLow: 1 }),
    RangeError,
    "clipLow must be in [0, 1)",
  );
  assertThrows(
    () => policyLoss(INPUT, { ...opts, dualClip: 1 }),
    RangeError,
    "dualClip must be > 1",
  );
  assertThrows(() => policyLoss(INPUT, { ...opts, logRatioClamp: 0 }), RangeError, "logRatioClamp");
  assertThrows(() => policyLoss(INPUT, { aggregation: "dr-grpo" }), TypeError, "needs maxLength");
});
