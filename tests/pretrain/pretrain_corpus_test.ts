import { normalizeForExclusion, pretrainExample } from "../../lib/pretrain/pretrain_corpus.ts";
import { parseQuestions } from "../../lib/instruct/parse_questions.ts";
import { solveWorldProblem } from "../../lib/world/solve_world_problem.ts";
import { worldSolution } from "../../lib/world/world_solution.ts";
import { extractAnswer } from "../../lib/reward/extract.ts";
import { answersEquivalent } from "../../lib/reward/equivalent.ts";
import { assert, assertEquals, assertNotEquals } from "../assert.ts";

Deno.test("pretrainExample() is a pure function of (seed, index)", () => {
  for (let i = 0; i < 50; i++) {
    assertEquals(pretrainExample(i, { seed: 4 }), pretrainExample(i, { seed: 4 }));
  }
  assertNotEquals(pretrainExample(3, { seed: 4 }), pretrainExample(3, { seed: 5 }));
});

Deno.test("pretrainExample() solve texts are a world problem, a newline and a solution with its answer boxed", () => {
  for (let i = 0; i < 300; i++) {
    const ex = pretrainExample(i, { seed: 1, listFraction: 0 });
    assertEquals(ex.kind, "solve");
    const [problem, solution] = ex.text.split("\n") as [string, string];
    assertEquals(ex.prompt, `${problem}\n`);
    assertEquals(ex.completion, solution);
    const solved = solveWorldProblem(problem);
    assert(solved !== null, `not a world problem: ${problem}`);
    assert(
      answersEquivalent(extractAnswer(solution) ?? "", solved.answer),
      `${solution} vs ${solved.answer}`,
    );
  }
});

Deno.test("pretrainExample() mixes solution styles, or keeps the canonical trace when asked", () => {
  const canonicalOf = (problem: string) => worldSolution(solveWorldProblem(problem)!);
  let varied = 0;
  for (let i = 0; i < 300; i++) {
    const mixed = pretrainExample(i, { seed: 6, listFraction: 0 });
    if (mixed.completion !== canonicalOf(mixed.prompt.trimEnd())) varied++;
    const canonical = pretrainExample(i, { seed: 6, listFraction: 0, solutionStyles: "canonical" });
    assertEquals(canonical.completion, canonicalOf(canonical.prompt.trimEnd()));
  }
  // About half the problems have several paths and two thirds of their draws are not style 0.
  assert(varied > 60 && varied < 240, `${varied} of 300 solutions not canonical`);
});

Deno.test("pretrainExample() lists parse back into world problems past item 8", () => {
  let lists = 0;
  for (let i = 0; i < 200; i++) {
    const ex = pretrainExample(i, { seed: 2, listFraction: 1 });
    assertEquals(ex.kind, "list");
    assertEquals(ex.prompt, "");
    assertEquals(ex.completion, ex.text);
    const promptEnd = ex.text.indexOf("\n9.") + 3;
    const continued = parseQuestions(ex.text.slice(promptEnd));
    assert(continued.length >= 1 && continued.length <= 4, `${continued.length} items`);
    for (const q of continued) assert(solveWorldProblem(q) !== null, `not a world problem: ${q}`);
    lists++;
  }
  assertEquals(lists, 200);
});

Deno.test("pretrainExample() never emits an excluded problem and mixes lists at the given rate", () => {
  const seen = new Set<string>();
  for (let i = 0; i < 2000; i++) {
    const ex = pretrainExample(i, { seed: 9, listFraction: 0 });
    seen.add(normalizeForExclusion(ex.text.split("\n")[0]!));
  }
  // Exclude a third of what was drawn: none of it may come back.
  const exclude = new Set([...seen].filter((_, i) => i % 3 === 0));
  let listCount = 0;
  for (let i = 0; i < 2000; i++) {
    const ex = pretrainExample(i, { seed: 9, listFraction: 0.25, exclude });
    if (ex.kind === "list") listCount++;
    const problems = ex.kind === "solve"
      ? [ex.text.split("\n")[0]!]
      : parseQuestions(ex.text.slice(ex.text.indexOf("\n1.") + 1));
    for (const p of problems) {
      assert(!exclude.has(normalizeForExclusion(p)), `excluded problem emitted: ${p}`);
    }
  }
  assert(listCount > 400 && listCount < 600, `${listCount} lists of 2000`);
});
