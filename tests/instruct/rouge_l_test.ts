import { assertAlmostEquals, assertEquals } from "../assert.ts";
import { lcsLength, rougeL, rougeLFromLcs, rougeTokens } from "../../lib/instruct/rouge_l.ts";
import { randomInt, randomSeeded } from "../../lib/random.ts";
import { naiveLcs, naiveRougeL } from "./_naive_rouge.ts";

Deno.test("rougeTokens() lower-cases and splits on everything but [a-z0-9]", () => {
  assertEquals(rougeTokens("Solve: x^2-4=0, (x∈ℝ)!"), ["solve", "x", "2", "4", "0", "x"]);
  assertEquals(rougeTokens("Élan vital_3"), ["lan", "vital", "3"]);
  assertEquals(rougeTokens("  ?!  "), []);
});

Deno.test("lcsLength() matches the dynamic program on many random pairs", () => {
  const prng = randomSeeded(20240601);
  // Lengths around the word boundaries of the bit-parallel state (32, 64, 96) and beyond.
  const lengths = [0, 1, 2, 5, 17, 31, 32, 33, 63, 64, 65, 96, 97, 150, 200];
  let checked = 0;
  for (let trial = 0; trial < 3000; trial++) {
    const m = trial < lengths.length ** 2
      ? lengths[trial % lengths.length]
      : randomInt(prng, 0, 160);
    const n = trial < lengths.length ** 2
      ? lengths[Math.floor(trial / lengths.length)]
      : randomInt(prng, 0, 160);
    const alphabet = [2, 4, 10, 50, 1000][trial % 5];
    const a = Array.from({ length: m }, () => randomInt(prng, 0, alphabet));
    const b = Array.from({ length: n }, () => randomInt(prng, 0, alphabet));
    const want = naiveLcs(a, b);
    assertEquals(lcsLength(a, b), want, `m=${m} n=${n} alphabet=${alphabet}`);
    assertEquals(lcsLength(b, a), want, `swapped m=${m} n=${n}`);
    checked++;
  }
  assertEquals(checked, 3000);
});

Deno.test("lcsLength() handles all-equal and disjoint sequences at word boundaries", () => {
  for (const m of [1, 31, 32, 33, 64, 65, 128]) {
    const ones = new Array(m).fill(7);
    assertEquals(lcsLength(ones, ones), m);
    assertEquals(lcsLength(ones, new Array(m + 3).fill(7)), m);
    assertEquals(lcsLength(ones, new Array(m).fill(8)), 0);
    const ramp = Array.from({ length: m }, (_, i) => i);
    assertEquals(lcsLength(ramp, ramp.toReversed()), 1);
  }
});

Deno.test("rougeL() is 1 for identical token sequences and 0 for disjoint ones", () => {
  assertEquals(rougeL("What is 2 + 2?", "what IS 2+2"), 1);
  assertEquals(rougeL("alpha beta", "gamma delta"), 0);
  assertEquals(rougeL("", "anything"), 0);
  assertEquals(rougeL("", ""), 0);
});

Deno.test("rougeL() is symmetric", () => {
  const prng = randomSeeded(5);
  const words = ["a", "b", "c", "d", "e", "f"];
  for (let i = 0; i < 200; i++) {
    const s = Array.from({ length: randomInt(prng, 1, 40) }, () => words[randomInt(prng, 0, 6)]);
    const t = Array.from({ length: randomInt(prng, 1, 40) }, () => words[randomInt(prng, 0, 6)]);
    assertEquals(rougeL(s.join(" "), t.join(" ")), rougeL(t.join(" "), s.join(" ")));
  }
});

Deno.test("rougeL() gives hand-computed values on small cases", () => {
  // [a b c d] vs [a c b d]: LCS 3 (a b d / a c d), P = R = 3/4, F = 3/4.
  assertAlmostEquals(rougeL("a b c d", "a c b d"), 0.75, 1e-15);
  // [the cat sat on the mat] vs [the cat on mat]: LCS 4, P = 4/6, R = 4/4, F = 8/10.
  assertAlmostEquals(rougeL("The cat sat on the mat.", "the cat on mat"), 0.8, 1e-15);
  // [x y z] vs [z y x]: LCS 1, F = 2/6.
  assertAlmostEquals(rougeL("x y z", "z y x"), 1 / 3, 1e-15);
  // repeated tokens: [a a a] vs [a]: LCS 1, F = 2/4.
  assertAlmostEquals(rougeL("a a a", "a"), 0.5, 1e-15);
});

Deno.test("rougeLFromLcs() rounds like rouge_score's 2pr/(p+r)", () => {
  // 2 * 7 / 20 is 0.7 exactly in rationals; rouge_score's float order gives one ulp more.
  assertEquals(rougeLFromLcs(7, 12, 8), 0.7000000000000001);
  assertEquals(rougeLFromLcs(7, 8, 12), 0.7000000000000001);
  assertEquals(rougeLFromLcs(7, 10, 10), 0.7);
});

Deno.test("rougeL() agrees with the textbook definition on random texts", () => {
  const prng = randomSeeded(99);
  const vocab = ["What", "is", "the", "sum", "of", "2", "3", "x", "and", "y,", "Find", "(a)"];
  for (let i = 0; i < 500; i++) {
    const s = Array.from({ length: randomInt(prng, 0, 80) }, () => vocab[randomInt(prng, 0, 12)]);
    const t = Array.from({ length: randomInt(prng, 0, 80) }, () => vocab[randomInt(prng, 0, 12)]);
    assertEquals(rougeL(s.join(" "), t.join(" ")), naiveRougeL(s.join(" "), t.join(" ")));
  }
});

Deno.test("rougeLFromLcs() is 0 when either side has no tokens", () => {
  assertEquals(rougeLFromLcs(0, 0, 5), 0);
  assertEquals(rougeLFromLcs(0, 5, 0), 0);
  assertEquals(rougeLFromLcs(2, 2, 2), 1);
});
