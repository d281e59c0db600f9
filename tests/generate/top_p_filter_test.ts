import { assertEquals, assertThrows } from "../assert.ts";
import { logitsContext } from "../../lib/generate/logits_processor.ts";
import { topPFilter } from "../../lib/generate/top_p_filter.ts";
import { randomSeeded } from "../../lib/random.ts";

/** The nucleus by sorting: most likely first, until the mass reaches p. */
function nucleusBySort(logits: Float32Array, p: number): number[] {
  const max = Math.max(...logits);
  const probs = [...logits].map((l) => Math.fround(Math.exp(l - max)));
  const total = probs.reduce((a, b) => a + b, 0);
  const order = [...probs.keys()].sort((a, b) => probs[b]! - probs[a]!);
  const kept: number[] = [];
  let mass = 0;
  for (const i of order) {
    kept.push(i);
    mass += probs[i]!;
    if (mass >= p * total) break;
  }
  return kept.sort((a, b) => a - b);
}

Deno.test("topPFilter() keeps the same nucleus as sorting does, on random rows", () => {
  const prng = randomSeeded(5);
  for (let trial = 0; trial < 300; trial++) {
    const n = 2 + Math.floor(prng() * 400);
    const p = 0.05 + 0.9 * prng();
    const spread = trial % 2 === 0 ? 2 : 12;
    const logits = Float32Array.from({ length: n }, () => prng() * spread);
    const out = logits.slice();
    topPFilter(p)(out, logitsContext([], n));
    const kept = [...out.keys()].filter((i) => out[i] !== -Infinity);
    assertEquals(kept, nucleusBySort(logits, p), `trial ${trial} (n ${n}, p ${p})`);
  }
});

Deno.test("topPFilter() keeps at least the most likely token and skips filtered ones", () => {
  const logits = new Float32Array([10, -Infinity, 0, 1]);
  topPFilter(0.01)(logits, logitsContext([], 4));
  assertEquals([...logits], [10, -Infinity, -Infinity, -Infinity]);
});

Deno.test("topPFilter() keeps tokens tied with the last one needed", () => {
  const logits = new Float32Array([2, 1, 1, 0]);
  topPFilter(0.6)(logits, logitsContext([], 4)); // 0.47 + 0.17 + 0.17 + 0.06: needs a 1
  assertEquals([...logits], [2, 1, 1, -Infinity]);
});

Deno.test("topPFilter() with p = 1 keeps everything and throws on p <= 0", () => {
  const logits = new Float32Array([1, -30]);
  topPFilter(1)(logits, logitsContext([], 2));
  assertEquals([...logits], [1, -30]);
  assertThrows(() => topPFilter(0), RangeError);
  assertThrows(() => topPFilter(NaN), RangeError);
});
