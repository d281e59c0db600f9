import { whitenAdvantages } from "../../lib/rl/whiten_advantages.ts";
import { randomSeeded } from "../../lib/random.ts";
import { assertAlmostEquals, assertEquals } from "../assert.ts";

Deno.test("whitenAdvantages() gives mean 0 and population variance 1 over all tokens", () => {
  const prng = randomSeeded(11);
  const rows = Array.from(
    { length: 9 },
    () => Array.from({ length: 1 + Math.floor(prng() * 7) }, () => prng() * 4 - 1),
  );
  const flat = whitenAdvantages(rows).flat();
  const n = flat.length;
  const mean = flat.reduce((a, b) => a + b, 0) / n;
  const variance = flat.reduce((a, b) => a + (b - mean) ** 2, 0) / n;
  assertAlmostEquals(mean, 0, 1e-12);
  assertAlmostEquals(variance, 1, 1e-12);
});

Deno.test("whitenAdvantages() weights by tokens, not by responses", () => {
  // tokens 1, 1, 1 (one response) and 5 (another): μ = 8/4 = 2, not (1 + 5)/2 = 3
  // σ² = (1 + 1 + 1 + 9) / 4 = 3
  const a = whitenAdvantages([[1, 1, 1], [5]]);
  const s = Math.sqrt(3);
  assertAlmostEquals(a[0]![0]!, -1 / s, 1e-12);
  assertAlmostEquals(a[1]![0]!, 3 / s, 1e-12);
});

Deno.test("whitenAdvantages() without std norm only removes the mean", () => {
  assertEquals(whitenAdvantages([[1, 2], [3]], { stdNorm: false }), [[-1, 0], [1]]);
});

Deno.test("whitenAdvantages() maps a constant batch to exact zeros (variance floor)", () => {
  const a = whitenAdvantages([[0.1, 0.1], [0.1]]);
  assertEquals(a.flat().every((x) => x === 0), true);
});
