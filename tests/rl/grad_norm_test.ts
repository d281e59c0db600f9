import { clipGradNorm, globalGradNorm, gradClipScale } from "../../lib/rl/grad_norm.ts";
import { assertAlmostEquals, assertEquals, assertThrows } from "../assert.ts";

Deno.test("globalGradNorm() is the L2 norm over all tensors together", () => {
  // sqrt(1 + 4 + 4 + 16) = 5
  assertEquals(globalGradNorm([new Float32Array([1, 2]), new Float32Array([2, -4])]), 5);
  assertEquals(globalGradNorm([]), 0);
});

Deno.test("globalGradNorm() is non-finite when a gradient is NaN or Inf", () => {
  assertEquals(Number.isNaN(globalGradNorm([new Float32Array([1, NaN])])), true);
  assertEquals(globalGradNorm([new Float32Array([Infinity])]), Infinity);
});

Deno.test("clipGradNorm() scales to maxNorm / (norm + 1e-6) and returns the pre-clip norm", () => {
  const g = [new Float32Array([6]), new Float32Array([8])];
  assertEquals(clipGradNorm(g), 10);
  // 6 / (10 + 1e-6), 8 / (10 + 1e-6)
  assertAlmostEquals(g[0]![0]!, 6 / (10 + 1e-6), 1e-7);
  assertAlmostEquals(globalGradNorm(g), 10 / (10 + 1e-6), 1e-6);
  // within bounds: untouched
  const small = [new Float32Array([0.3, 0.4])];
  assertAlmostEquals(clipGradNorm(small, 1), 0.5, 1e-7);
  assertEquals(Array.from(small[0]!), [Math.fround(0.3), Math.fround(0.4)]);
});

Deno.test("clipGradNorm() leaves non-finite gradients alone and rejects maxNorm <= 0", () => {
  const g = [new Float32Array([1, NaN])];
  assertEquals(Number.isNaN(clipGradNorm(g)), true);
  assertEquals(g[0]![0], 1);
  assertThrows(() => clipGradNorm(g, 0), RangeError, "maxNorm must be > 0");
});

Deno.test("gradClipScale() is 1 within bounds", () => {
  assertEquals(gradClipScale(0.999, 1), 1);
  assertEquals(gradClipScale(3, 1), 1 / (3 + 1e-6));
});
