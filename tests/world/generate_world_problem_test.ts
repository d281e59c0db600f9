import { assert, assertEquals, assertNotEquals, assertThrows } from "../assert.ts";
import { randomSeeded } from "../../lib/random.ts";
import {
  generateWorldProblem,
  generateWorldProblems,
} from "../../lib/world/generate_world_problem.ts";
import { WORLD_KINDS, WORLD_KINDS_BY_LEVEL, type WorldLevel } from "../../lib/world/world_kinds.ts";
import { OOD_WORLD_RANGES } from "../../lib/world/world_ranges.ts";

const numbers = (text: string) => (text.match(/\d+/g) ?? []).map(Number);

Deno.test("generateWorldProblem() is deterministic for a seed and varies across seeds", () => {
  const a = generateWorldProblem(randomSeeded(42));
  assertEquals(generateWorldProblem(randomSeeded(42)), a);
  const texts = new Set(
    Array.from({ length: 50 }, (_, s) => generateWorldProblem(randomSeeded(s)).problem),
  );
  assert(texts.size >= 45, `only ${texts.size} distinct problems from 50 seeds`);
});

Deno.test("generateWorldProblems() is deterministic and reproducible by index", () => {
  const all = generateWorldProblems(30, { seed: 9 });
  assertEquals(generateWorldProblems(30, { seed: 9 }), all);
  assertEquals(generateWorldProblems(5, { seed: 9, start: 25 }), all.slice(25));
  assertNotEquals(generateWorldProblems(30, { seed: 10 }), all);
  assertEquals(all.map((p) => p.level), Array.from({ length: 30 }, (_, i) => (i % 5) + 1));
  const cycled = generateWorldProblems(6, { levels: [5, 2] });
  assertEquals(cycled.map((p) => p.level), [5, 2, 5, 2, 5, 2]);
});

Deno.test("generateWorldProblem() honours level and kind", () => {
  for (const level of [1, 2, 3, 4, 5] as WorldLevel[]) {
    const kinds = new Set<string>();
    for (let s = 0; s < 200; s++) {
      const p = generateWorldProblem(randomSeeded(s), { level });
      assertEquals(p.level, level);
      kinds.add(p.kind);
    }
    assertEquals([...kinds].sort(), [...WORLD_KINDS_BY_LEVEL[level]].sort(), `level ${level}`);
  }
  const p = generateWorldProblem(randomSeeded(1), { kind: "fraction_of" });
  assertEquals([p.kind, p.level], ["fraction_of", 5]);
  assert(WORLD_KINDS.fraction_of.templates.includes(WORLD_KINDS[p.kind].templates[p.template]!));
});

Deno.test("generateWorldProblem() throws on a kind of another level and on bad ranges", () => {
  assertThrows(
    () => generateWorldProblem(randomSeeded(1), { level: 1, kind: "mul" }),
    RangeError,
    "level 2",
  );
  assertThrows(
    () => generateWorldProblem(randomSeeded(1), { ranges: { level1: [5, 1] } }),
    RangeError,
    "level1",
  );
  assertThrows(() => generateWorldProblems(-1), RangeError, "count");
  assertThrows(() => generateWorldProblems(1, { levels: [] }), RangeError, "levels");
});

Deno.test("generateWorldProblem() keeps numbers within the ranges", () => {
  for (let s = 0; s < 300; s++) {
    const l1 = generateWorldProblem(randomSeeded(s), { level: 1 });
    for (const n of numbers(l1.problem)) assert(n >= 10 && n <= 99, l1.problem);
    const ood = generateWorldProblem(randomSeeded(s), { level: 1, ranges: OOD_WORLD_RANGES });
    for (const n of numbers(ood.problem)) assert(n >= 100 && n <= 999, ood.problem);
    const l3 = generateWorldProblem(randomSeeded(s), {
      level: 3,
      ranges: { level3Term: [20, 21] },
    });
    for (const n of numbers(l3.problem)) assert(n === 20 || n === 21, l3.problem);
    const div = generateWorldProblem(randomSeeded(s), { kind: "div" });
    const [a, b] = numbers(div.problem.replace(/How many times does (\d+) go into (\d+)/, "$2 $1"));
    assertEquals(a! % b!, 0, div.problem);
  }
});

Deno.test("generated problems and solutions are short, one-line, printable ASCII", () => {
  for (const ranges of [{}, OOD_WORLD_RANGES]) {
    const problems = generateWorldProblems(5000, { seed: 3, ranges });
    for (const p of problems) {
      assert(p.problem.length <= 100, `problem too long: ${p.problem}`);
      assert(p.solution.length <= 160, `solution too long: ${p.solution}`);
      for (const text of [p.problem, p.solution]) assert(/^[\x20-\x7e]+$/.test(text), text);
    }
    const mean = problems.reduce((s, p) => s + p.problem.length, 0) / problems.length;
    assert(mean <= 40, `mean problem length ${mean}`);
  }
});
