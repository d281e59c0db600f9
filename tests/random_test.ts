import {
  assert,
  assertAlmostEquals,
  assertEquals,
  assertNotEquals,
  assertThrows,
} from "./assert.ts";
import { deriveSeed, randomInt, randomNormal, randomSeeded, shuffled } from "../lib/random.ts";

Deno.test("randomSeeded() is deterministic and seed-sensitive", () => {
  const a = randomSeeded(123), b = randomSeeded(123), c = randomSeeded(124);
  const xa = Array.from({ length: 8 }, a);
  assertEquals(xa, Array.from({ length: 8 }, b));
  assertNotEquals(xa, Array.from({ length: 8 }, c));
});

Deno.test("randomSeeded() gives uniform floats in [0, 1)", () => {
  const prng = randomSeeded(9);
  const n = 100_000;
  const buckets = new Array(10).fill(0);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const x = prng();
    assert(x >= 0 && x < 1);
    buckets[Math.floor(x * 10)]++;
    sum += x;
  }
  assertAlmostEquals(sum / n, 0.5, 0.005);
  for (const b of buckets) assertAlmostEquals(b / n, 0.1, 0.006);
});

Deno.test("deriveSeed() separates keys and rejects unsafe numbers", () => {
  const seen = new Set<number>();
  for (let step = 0; step < 50; step++) {
    for (let i = 0; i < 50; i++) seen.add(deriveSeed(1, "rollout", step, i));
  }
  assertEquals(seen.size, 2500);
  assertNotEquals(deriveSeed(1, "a", 1), deriveSeed(1, "b", 1));
  assertNotEquals(deriveSeed(1, 2 ** 32), deriveSeed(1, 0));
  assertThrows(() => deriveSeed(1, 0.5), TypeError, "safe integers");
});

Deno.test("randomInt(), randomNormal() and shuffled() behave", () => {
  const prng = randomSeeded(4);
  const counts = [0, 0, 0];
  for (let i = 0; i < 3000; i++) counts[randomInt(prng, 0, 3)]!++;
  for (const c of counts) assert(c > 900 && c < 1100, `count ${c}`);
  assertThrows(() => randomInt(prng, 2, 2), RangeError);
  let s = 0, s2 = 0;
  for (let i = 0; i < 20000; i++) {
    const z = randomNormal(prng);
    s += z;
    s2 += z * z;
  }
  assertAlmostEquals(s / 20000, 0, 0.03);
  assertAlmostEquals(s2 / 20000, 1, 0.04);
  const items = [1, 2, 3, 4, 5, 6];
  const out = shuffled(items, randomSeeded(2));
  assertEquals(items, [1, 2, 3, 4, 5, 6]);
  assertEquals([...out].sort(), items);
  assertEquals(out, shuffled(items, randomSeeded(2)));
});
