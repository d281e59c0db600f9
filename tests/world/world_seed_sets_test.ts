import { assert, assertEquals } from "../assert.ts";
import { buildWorldSeedSets, type WorldSeedSets } from "../../lib/world/world_seed_sets.ts";
import { formatWorldJsonl, parseWorldJsonl } from "../../lib/world/world_jsonl.ts";
import { solveWorldProblem } from "../../lib/world/solve_world_problem.ts";
import { worldSolution } from "../../lib/world/world_solution.ts";
import type { WorldRecord } from "../../lib/world/generate_world_problem.ts";

const FILES: [keyof WorldSeedSets, string][] = [
  ["seed", "seed_500.jsonl"],
  ["eval", "eval_500.jsonl"],
  ["ood", "eval_ood.jsonl"],
];
const dir = new URL("../../seeds/tiny-math/", import.meta.url);
const committed = (name: string) => Deno.readTextFileSync(new URL(name, dir));
const sets = buildWorldSeedSets();
const key = (r: WorldRecord) => r.problem.replace(/\s+/g, " ").trim().toLowerCase();
const largest = (r: WorldRecord) => Math.max(...(r.problem.match(/\d+/g) ?? []).map(Number));

Deno.test("the committed seeds/tiny-math files rebuild byte for byte", () => {
  for (const [set, name] of FILES) assertEquals(formatWorldJsonl(sets[set]), committed(name), name);
});

Deno.test("buildWorldSeedSets() depends on the seed", () => {
  const other = buildWorldSeedSets({ seed: 1, perLevel: 5 });
  assertEquals(buildWorldSeedSets({ seed: 1, perLevel: 5 }), other);
  assert(
    formatWorldJsonl(other.seed) !==
      formatWorldJsonl(buildWorldSeedSets({ seed: 2, perLevel: 5 }).seed),
  );
});

Deno.test("each file holds 100 problems of every level", () => {
  for (const [, name] of FILES) {
    const records = parseWorldJsonl(committed(name));
    assertEquals(records.length, 500, name);
    for (const level of [1, 2, 3, 4, 5]) {
      assertEquals(records.filter((r) => r.level === level).length, 100, `${name} level ${level}`);
    }
  }
});

Deno.test("no problem text appears twice, within or across the files", () => {
  const all = FILES.flatMap(([, name]) => parseWorldJsonl(committed(name)).map(key));
  assertEquals(new Set(all).size, all.length);
  const seed = new Set(parseWorldJsonl(committed("seed_500.jsonl")).map(key));
  for (const r of parseWorldJsonl(committed("eval_500.jsonl"))) {
    assert(!seed.has(key(r)), r.problem);
  }
});

Deno.test("every record is a problem of the world with its true answer, level and solution", () => {
  for (const [, name] of FILES) {
    for (const r of parseWorldJsonl(committed(name))) {
      const solved = solveWorldProblem(r.problem);
      assert(solved !== null, `${name}: ${r.problem}`);
      assertEquals([solved.answer, solved.level], [r.answer, r.level], r.problem);
      assertEquals(worldSolution(solved), r.solution, r.problem);
    }
  }
});

Deno.test("the OOD file uses larger numbers than the eval file at every level", () => {
  const evalSet = parseWorldJsonl(committed("eval_500.jsonl"));
  const ood = parseWorldJsonl(committed("eval_ood.jsonl"));
  for (const level of [1, 2, 3, 4, 5]) {
    const mean = (rs: WorldRecord[]) => rs.reduce((s, r) => s + largest(r), 0) / rs.length;
    assert(
      mean(ood.filter((r) => r.level === level)) >
        2 * mean(evalSet.filter((r) => r.level === level)),
      `level ${level} OOD numbers are not larger`,
    );
  }
  for (const r of ood.filter((r) => r.level === 1)) {
    for (const n of r.problem.match(/\d+/g)!) assert(Number(n) >= 100, r.problem);
  }
});
