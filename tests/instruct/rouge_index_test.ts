import { assert, assertEquals, assertThrows } from "../assert.ts";
import {
  addToRougeIndex,
  createRougeIndex,
  findRougeLAbove,
  maxRougeL,
} from "../../lib/instruct/rouge_index.ts";
import { rougeL } from "../../lib/instruct/rouge_l.ts";
import { randomInt, randomSeeded } from "../../lib/random.ts";
import { naiveRougeL } from "./_naive_rouge.ts";

const WORDS = [
  "what",
  "is",
  "the",
  "sum",
  "of",
  "two",
  "and",
  "three",
  "find",
  "x",
  "if",
  "prime",
  "number",
  "how",
  "many",
];

function randomText(prng: () => number, min: number, max: number): string {
  const n = randomInt(prng, min, max + 1);
  return Array.from({ length: n }, () => WORDS[randomInt(prng, 0, WORDS.length)]).join(" ");
}

Deno.test("maxRougeL() returns the exact maximum and its first position", () => {
  const prng = randomSeeded(31);
  for (let trial = 0; trial < 150; trial++) {
    const pool = Array.from({ length: randomInt(prng, 1, 40) }, () => randomText(prng, 0, 70));
    const query = randomText(prng, 0, 70);
    const scores = pool.map((p) => rougeL(query, p));
    const best = Math.max(...scores);
    const got = maxRougeL(createRougeIndex(pool), query);
    assertEquals(got.score, best);
    assertEquals(got.at, scores.indexOf(best));
    assertEquals(got.score, Math.max(...pool.map((p) => naiveRougeL(query, p))));
  }
});

Deno.test("findRougeLAbove() finds the first entry above the threshold, or none", () => {
  const prng = randomSeeded(32);
  let hits = 0, misses = 0;
  for (let trial = 0; trial < 300; trial++) {
    const pool = Array.from({ length: randomInt(prng, 0, 30) }, () => randomText(prng, 1, 40));
    const query = trial % 3 === 0 && pool.length > 0
      ? pool[randomInt(prng, 0, pool.length)] + " " + WORDS[randomInt(prng, 0, WORDS.length)]
      : randomText(prng, 0, 40);
    const threshold = [0.3, 0.5, 0.7, 0.9][trial % 4];
    const first = pool.findIndex((p) => naiveRougeL(query, p) > threshold);
    const got = findRougeLAbove(createRougeIndex(pool), query, threshold);
    if (first < 0) {
      assertEquals(got, undefined);
      misses++;
    } else {
      assertEquals(got?.at, first);
      assertEquals(got?.score, rougeL(query, pool[first]));
      hits++;
    }
  }
  assert(hits > 30 && misses > 30, `too one-sided: ${hits} hits, ${misses} misses`);
});

Deno.test("findRougeLAbove() is strict: a score equal to the threshold does not count", () => {
  // [a b c d e f g] vs [a b c d e f g h i j k l m n]: LCS 7, F = 14/21 = 2/3.
  const index = createRougeIndex(["a b c d e f g h i j k l m n"]);
  assertEquals(findRougeLAbove(index, "a b c d e f g", 2 / 3), undefined);
  assertEquals(findRougeLAbove(index, "a b c d e f g", 0.66)?.score, 2 / 3);
  // 7 of 10 tokens shared with a 10-token text: F = 0.7 exactly, not above 0.7.
  const ten = createRougeIndex(["q w e r t y u i o p"]);
  assertEquals(findRougeLAbove(ten, "q w e r t y u z z z", 0.7), undefined);
  assertEquals(maxRougeL(ten, "q w e r t y u z z z").score, 0.7);
  // LCS 7 of 12 and 8 tokens: 0.7 in rationals, 0.7000000000000001 in rouge_score: above.
  const twelve = createRougeIndex(["a b c d e f g h i j k l"]);
  assertEquals(findRougeLAbove(twelve, "a b c d e f g z", 0.7)?.score, 0.7000000000000001);
});

Deno.test("maxRougeL() and findRougeLAbove() handle empty indexes and token-less queries", () => {
  const empty = createRougeIndex();
  assertEquals(maxRougeL(empty, "anything"), { score: 0, at: -1 });
  assertEquals(findRougeLAbove(empty, "anything", 0), undefined);
  const index = createRougeIndex(["a b", "?!", "c"]);
  assertEquals(maxRougeL(index, "!!!"), { score: 0, at: 0 });
  assertEquals(findRougeLAbove(index, "", 0.1), undefined);
  assertEquals(maxRougeL(index, "C"), { score: 1, at: 2 });
});

Deno.test("addToRougeIndex() makes later queries see the new text; unknown tokens stay out", () => {
  const index = createRougeIndex(["how many legs does a spider have"]);
  const vocab = index.vocab.size;
  assertEquals(findRougeLAbove(index, "how many legs does a cat have", 0.7)?.at, 0);
  assertEquals(index.vocab.size, vocab, "a query must not grow the vocabulary");
  assertEquals(findRougeLAbove(index, "name an even prime number", 0.7), undefined);
  addToRougeIndex(index, "name the even prime number");
  assertEquals(findRougeLAbove(index, "name an even prime number", 0.7)?.at, 1);
});

Deno.test("findRougeLAbove() rejects a NaN threshold", () => {
  assertThrows(() => findRougeLAbove(createRougeIndex(["a"]), "a", NaN), RangeError, "NaN");
});
