import { approxKl, approxKlGradient, approxKlPerToken } from "../../lib/rl/kl.ts";
import { assertAlmostEquals, assertEquals, assertThrows } from "../assert.ts";

// rl_math.md §2 table: d, k2, k3 (k3 printed to 6 decimals, k2 to 3).
const TABLE: [number, number, number][] = [
  [0.3, 0.045, 0.040818],
  [0.2, 0.020, 0.018731],
  [0.1, 0.005, 0.004837],
  [0, 0, 0],
  [-0.1, 0.005, 0.005171],
  [-0.2, 0.020, 0.021403],
  [-0.5, 0.125, 0.148721],
  [1, 0.5, 0.367879],
  [-1, 0.5, 0.718282],
];

Deno.test("approxKl() matches the rl_math.md table for k1, k2 and k3", () => {
  for (const [d, k2, k3] of TABLE) {
    // logp - logp_base = d, with an arbitrary base
    const base = -1.7;
    assertAlmostEquals(approxKl(base + d, base, "k1"), d, 1e-12, `k1 at ${d}`);
    assertAlmostEquals(approxKl(base + d, base, "k2"), k2, 5e-4, `k2 at ${d}`);
    assertAlmostEquals(approxKl(base + d, base, "k3"), k3, 1e-6, `k3 at ${d}`);
  }
});

Deno.test("approxKl() k2 is d²/2 exactly at d = -0.5", () => {
  assertEquals(approxKl(-1.5, -1, "k2"), 0.125);
});

Deno.test("approxKl() clamps the estimate to [-10, 10] only when asked", () => {
  // k1 at d = -12 is -12; clamped -10. k3 at d = -15 is e^15 - 16; clamped 10.
  assertEquals(approxKl(-12, 0, "k1"), -12);
  assertEquals(approxKl(-12, 0, "k1", { clamp: true }), -10);
  assertAlmostEquals(approxKl(-15, 0, "k3"), Math.exp(15) - 16, 1e-6);
  assertEquals(approxKl(-15, 0, "k3", { clamp: true }), 10);
  // Inside the bounds the clamp changes nothing.
  assertEquals(approxKl(-0.5, 0, "k3", { clamp: true }), approxKl(-0.5, 0, "k3"));
});

Deno.test("approxKl() rejects an unknown estimator", () => {
  // deno-lint-ignore no-explicit-any
  assertThrows(() => approxKl(0, 0, "k4" as any), TypeError, 'unknown estimator "k4"');
});

Deno.test("approxKlGradient() matches central finite differences", () => {
  const h = 1e-6;
  for (const estimator of ["k1", "k2", "k3"] as const) {
    for (const d of [-1, -0.3, 0.2, 0.9]) {
      const fd = (approxKl(d + h, 0, estimator) - approxKl(d - h, 0, estimator)) / (2 * h);
      assertAlmostEquals(approxKlGradient(d, 0, estimator), fd, 1e-7, `${estimator} at ${d}`);
    }
  }
});

Deno.test("approxKlGradient() is 0 where the clamp binds", () => {
  assertEquals(approxKlGradient(-12, 0, "k1", { clamp: true }), 0);
  assertEquals(approxKlGradient(-12, 0, "k1"), 1);
});

Deno.test("approxKlPerToken() keeps the ragged shape and checks it", () => {
  const kl = approxKlPerToken([[-1, -2], [-3]], [[-1.2, -2], [-2.5]], "k1");
  assertEquals(kl.map((r) => r.length), [2, 1]);
  assertAlmostEquals(kl[0]![0]!, 0.2, 1e-12);
  assertAlmostEquals(kl[1]![0]!, -0.5, 1e-12);
  assertThrows(
    () => approxKlPerToken([[-1, -2]], [[-1]], "k1"),
    RangeError,
    "baseLogProbs[0] has 1 tokens, logProbs[0] has 2",
  );
});
