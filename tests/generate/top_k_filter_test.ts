import { assertEquals, assertThrows } from "../assert.ts";
import { logitsContext } from "../../lib/generate/logits_processor.ts";
import { topKFilter } from "../../lib/generate/top_k_filter.ts";
import { randomSeeded } from "../../lib/random.ts";

Deno.test("topKFilter() keeps exactly the k largest logits of random rows", () => {
  const prng = randomSeeded(11);
  for (let trial = 0; trial < 200; trial++) {
    const n = 1 + Math.floor(prng() * 300);
    const k = 1 + Math.floor(prng() * n);
    const logits = Float32Array.from({ length: n }, () => prng() * 20 - 10);
    const want = [...logits].map((v, i) => [v, i] as const).sort((a, b) => b[0] - a[0]).slice(0, k)
      .map(([, i]) => i).sort((a, b) => a - b);
    const out = logits.slice();
    topKFilter(k)(out, logitsContext([], n));
    const kept = [...out.keys()].filter((i) => out[i] !== -Infinity);
    assertEquals(kept, want, `trial ${trial}`);
    for (const i of kept) assertEquals(out[i], logits[i]);
  }
});

Deno.test("topKFilter() keeps every token tied with the k-th largest", () => {
  const logits = new Float32Array([1, 5, 3, 3, 0]);
  topKFilter(2)(logits, logitsContext([], 5));
  assertEquals([...logits], [-Infinity, 5, 3, 3, -Infinity]);
});

Deno.test("topKFilter() with k at least the vocabulary keeps everything", () => {
  const logits = new Float32Array([1, -2]);
  topKFilter(5)(logits, logitsContext([], 2));
  assertEquals([...logits], [1, -2]);
});

Deno.test("topKFilter() throws unless k is a positive integer", () => {
  assertThrows(() => topKFilter(0), RangeError);
  assertThrows(() => topKFilter(2.5), RangeError);
});
