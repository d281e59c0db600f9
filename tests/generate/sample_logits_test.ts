import { assert, assertAlmostEquals, assertEquals, assertThrows } from "../assert.ts";
import {
  argmaxLogits,
  logNormalizer,
  logSoftmaxAt,
  sampleLogits,
  sampleWeights,
} from "../../lib/generate/sample_logits.ts";
import { randomSeeded } from "../../lib/random.ts";

Deno.test("sampleLogits() draws tokens with softmax frequencies", () => {
  const logits = new Float32Array([Math.log(0.1), Math.log(0.6), -Infinity, Math.log(0.3)]);
  const prng = randomSeeded(3);
  const scratch = new Float32Array(4);
  const counts = [0, 0, 0, 0];
  const n = 20_000;
  for (let i = 0; i < n; i++) counts[sampleLogits(logits, prng(), scratch)]! += 1;
  assertEquals(counts[2], 0);
  // 5 standard deviations of a binomial at n = 20000
  for (const [i, p] of [[0, 0.1], [1, 0.6], [3, 0.3]] as const) {
    assertAlmostEquals(counts[i]! / n, p, 5 * Math.sqrt(p * (1 - p) / n));
  }
});

Deno.test("sampleLogits() maps the uniform draw through the cumulative distribution", () => {
  const logits = new Float32Array([0, 0, 0, 0]);
  const scratch = new Float32Array(4);
  assertEquals([0, 0.26, 0.51, 0.99].map((u) => sampleLogits(logits, u, scratch)), [0, 1, 2, 3]);
});

Deno.test("sampleWeights() never returns a zero-weight index, even for u close to 1", () => {
  const w = new Float32Array([0, 2, 0, 1, 0]);
  assertEquals(sampleWeights(w, 0.999999999), 3);
  assertEquals(sampleWeights(w, 0), 1);
});

Deno.test("argmaxLogits() picks the first largest and rejects rows without a finite logit", () => {
  assertEquals(argmaxLogits(new Float32Array([-Infinity, 2, 7, 7])), 2);
  assertThrows(() => argmaxLogits(new Float32Array([-Infinity, -Infinity])), RangeError);
});

Deno.test("logSoftmaxAt() and logNormalizer() agree with a direct float64 computation", () => {
  const prng = randomSeeded(8);
  const logits = Float32Array.from({ length: 300 }, () => prng() * 60 - 30);
  const z = Math.log([...logits].reduce((a, l) => a + Math.exp(l), 0));
  assertAlmostEquals(logNormalizer(logits), z, 1e-9);
  assertAlmostEquals(logSoftmaxAt(logits, 17), logits[17]! - z, 1e-9);
  const weights = new Float32Array(300);
  logNormalizer(logits, weights);
  assert(Math.max(...weights) === 1, "weights are exp(l - max)");
});

Deno.test("logNormalizer() throws on NaN logits", () => {
  assertThrows(() => logNormalizer(new Float32Array([1, NaN])), RangeError, "NaN");
  assertThrows(
    () => sampleLogits(new Float32Array([NaN, NaN]), 0.5, new Float32Array(2)),
    RangeError,
  );
});
