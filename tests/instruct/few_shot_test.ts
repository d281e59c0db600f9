import { assert, assertAlmostEquals, assertEquals, assertThrows } from "../assert.ts";
import { fewShotGeneratedTarget, sampleFewShot } from "../../lib/instruct/few_shot.ts";
import { deriveSeed, randomSeeded } from "../../lib/random.ts";

const seeds = Array.from({ length: 50 }, (_, i) => `seed ${i}`);
const kept = Array.from({ length: 40 }, (_, i) => `kept ${i}`);

function generatedCounts(keptPool: readonly string[], mix: "paper" | "officialCode") {
  const counts = new Map<number, number>();
  for (let draw = 0; draw < 500; draw++) {
    const prng = randomSeeded(deriveSeed(1, "few-shot", draw));
    const examples = sampleFewShot({ seeds, kept: keptPool }, prng, { mix });
    assertEquals(examples.length, 8);
    const g = examples.filter((e) => e.source === "generated").length;
    counts.set(g, (counts.get(g) ?? 0) + 1);
  }
  return Object.fromEntries(counts);
}

Deno.test("sampleFewShot() 'paper' takes 6 of 8 from the kept pool, seed filling shortfalls", () => {
  assertEquals(generatedCounts(kept, "paper"), { 6: 500 });
  assertEquals(generatedCounts(kept.slice(0, 3), "paper"), { 3: 500 });
  assertEquals(generatedCounts([], "paper"), { 0: 500 });
});

Deno.test("sampleFewShot() 'officialCode' takes min(2, kept) from the kept pool", () => {
  assertEquals(generatedCounts(kept, "officialCode"), { 2: 500 });
  assertEquals(generatedCounts(kept.slice(0, 1), "officialCode"), { 1: 500 });
  assertEquals(generatedCounts([], "officialCode"), { 0: 500 });
});

Deno.test("sampleFewShot() shuffles: generated examples land in every slot at the mix's rate", () => {
  const draws = 4000;
  const perSlot = new Array(8).fill(0);
  const seedHits = new Map<string, number>();
  for (let draw = 0; draw < draws; draw++) {
    const examples = sampleFewShot({ seeds, kept }, randomSeeded(deriveSeed(2, draw)));
    examples.forEach((e, slot) => {
      if (e.source === "generated") perSlot[slot]++;
      else seedHits.set(e.text, (seedHits.get(e.text) ?? 0) + 1);
    });
  }
  for (const n of perSlot) assertAlmostEquals(n / draws, 6 / 8, 0.03);
  // Each of the 50 seeds is drawn with probability 2/50 per prompt: 160 expected each.
  assertEquals(seedHits.size, 50);
  for (const n of seedHits.values()) assert(n > 100 && n < 230, `seed drawn ${n} times`);
});

Deno.test("sampleFewShot() draws without replacement within a source", () => {
  for (let draw = 0; draw < 200; draw++) {
    const examples = sampleFewShot({ seeds: seeds.slice(0, 8), kept }, randomSeeded(draw));
    assertEquals(new Set(examples.map((e) => e.text)).size, 8);
  }
  const all = sampleFewShot({ seeds: seeds.slice(0, 8), kept: [] }, randomSeeded(3));
  assertEquals(all.map((e) => e.text).toSorted(), seeds.slice(0, 8).toSorted());
});

Deno.test("sampleFewShot() is deterministic for a seed and varies across seeds", () => {
  const a = sampleFewShot({ seeds, kept }, randomSeeded(11));
  assertEquals(sampleFewShot({ seeds, kept }, randomSeeded(11)), a);
  const b = sampleFewShot({ seeds, kept }, randomSeeded(12));
  assert(JSON.stringify(a) !== JSON.stringify(b), "two seeds gave the same examples");
});

Deno.test("sampleFewShot() honours count and errors on too few seeds", () => {
  const four = sampleFewShot({ seeds, kept }, randomSeeded(1), { count: 4 });
  assertEquals(four.filter((e) => e.source === "generated").length, 3);
  assertThrows(
    () => sampleFewShot({ seeds: seeds.slice(0, 7), kept: [] }, randomSeeded(1)),
    RangeError,
    "expected at least 8 seed instructions, got 7",
  );
  // The paper mix needs only 2 seeds once the kept pool has 6.
  assertEquals(sampleFewShot({ seeds: seeds.slice(0, 2), kept }, randomSeeded(1)).length, 8);
  assertThrows(() => sampleFewShot({ seeds, kept }, randomSeeded(1), { count: 0 }), RangeError);
  assertThrows(() => sampleFewShot({ seeds, kept }, randomSeeded(1), { count: 2.5 }), RangeError);
});

Deno.test("fewShotGeneratedTarget() rounds 3/4 for the paper and caps 2 for the code", () => {
  assertEquals([1, 2, 4, 8, 12].map((n) => fewShotGeneratedTarget("paper", n)), [1, 2, 3, 6, 9]);
  assertEquals([1, 2, 8].map((n) => fewShotGeneratedTarget("officialCode", n)), [1, 2, 2]);
});
