import { assert, assertEquals, assertRejects, assertThrows } from "../assert.ts";
import { loadEvalRecords, parseEvalJsonl } from "../../lib/eval/eval_records.ts";
import { parseWorldJsonl } from "../../lib/world/world_jsonl.ts";
import { solveWorldProblem } from "../../lib/world/solve_world_problem.ts";

const lines = (...xs: unknown[]) =>
  xs.map((x) => (typeof x === "string" ? x : JSON.stringify(x))).join("\n");

Deno.test("parseEvalJsonl() reads problem or question, and a string or numeric answer", () => {
  const records = parseEvalJsonl(lines(
    { problem: "What is 2 + 3?", answer: "5", level: 1 },
    { question: "How many legs do 3 cats have?", answer: 12 },
    { problem: "P wins", question: "Q loses", answer: " -1/2 " },
  ));
  assertEquals(records.map((r) => r.question), [
    "What is 2 + 3?",
    "How many legs do 3 cats have?",
    "P wins",
  ]);
  assertEquals(records.map((r) => r.answer), ["5", "12", "-1/2"]);
  assertEquals(records.map((r) => r.level), [1, null, null]);
});

Deno.test("parseEvalJsonl() takes the gold answer from the last complete \\boxed{} of a solution", () => {
  const solution =
    "First $\\boxed{2}$ is wrong; then $x = \\boxed{\\frac{\\sqrt{3}}{2}}$ and \\boxed{";
  const [a, b, c] = parseEvalJsonl(lines(
    { problem: "p", solution },
    { problem: "q", solution: "So the set is \\boxed{\\{1, 2\\}}." },
    { problem: "r", solution: "\\fbox{ 7 }" },
  ));
  assertEquals(a!.answer, "\\frac{\\sqrt{3}}{2}");
  assertEquals(b!.answer, "\\{1, 2\\}");
  assertEquals(c!.answer, "7");
});

Deno.test("parseEvalJsonl() prefers answer over solution and reduces a worked answer to its result", () => {
  const [a, b, c] = parseEvalJsonl(lines(
    { problem: "p", answer: "4", solution: "so \\boxed{5}" },
    { problem: "q", answer: "It is \\boxed{9}." },
    { problem: "r", answer: "3 + 4 = 7 pens\nThen 7 * 2 = 14\n#### 14" },
  ));
  assertEquals([a!.answer, b!.answer, c!.answer], ["4", "9", "14"]);
});

Deno.test('parseEvalJsonl() reads levels as numbers or MATH\'s "Level N" strings', () => {
  const levels = parseEvalJsonl(lines(
    { problem: "a", answer: "1", level: 3 },
    { problem: "b", answer: "1", level: "Level 5" },
    { problem: "c", answer: "1", level: "level 2" },
    { problem: "d", answer: "1", level: "4" },
    { problem: "e", answer: "1", level: "Level ?" },
    { problem: "f", answer: "1", level: null },
  )).map((r) => r.level);
  assertEquals(levels, [3, 5, 2, 4, null, null]);
});

Deno.test("parseEvalJsonl() keeps every field of the line", () => {
  const line = {
    problem: "p",
    answer: "1",
    level: "Level 1",
    subject: "Algebra",
    "unique_id": "test/algebra/1.json",
  };
  const [r] = parseEvalJsonl(JSON.stringify(line));
  assertEquals(r!.fields, line);
});

Deno.test("parseEvalJsonl() skips blank lines but counts them in line numbers", () => {
  const text = `\n${JSON.stringify({ problem: "p", answer: "1" })}\n\n  \n{"problem": "q"}\n`;
  const e = assertThrows(() => parseEvalJsonl(text, { source: "data/x.jsonl" }), TypeError);
  assert(e.message.includes("data/x.jsonl:5"), e.message);
  assertEquals(parseEvalJsonl(`\n${JSON.stringify({ problem: "p", answer: "1" })}\n\n`).length, 1);
});

Deno.test("parseEvalJsonl() rejects malformed lines, naming the source and line", () => {
  const good = JSON.stringify({ problem: "ok", answer: "1" });
  const cases: [string, typeof TypeError | typeof SyntaxError, string][] = [
    ["{not json", SyntaxError, "invalid JSON"],
    ["[1, 2]", TypeError, "expected a JSON object"],
    ['"text"', TypeError, "expected a JSON object"],
    [JSON.stringify({ answer: "1" }), TypeError, '"problem" or "question"'],
    [JSON.stringify({ problem: "  ", answer: "1" }), TypeError, '"problem" or "question"'],
    [JSON.stringify({ problem: 5, answer: "1" }), TypeError, '"problem" or "question"'],
    [JSON.stringify({ problem: "p" }), TypeError, '"answer"'],
    [JSON.stringify({ problem: "p", answer: ["1"] }), TypeError, '"answer" must be'],
    [JSON.stringify({ problem: "p", answer: "" }), TypeError, "empty"],
    [JSON.stringify({ problem: "p", answer: "\\boxed{}" }), TypeError, "empty"],
    [JSON.stringify({ problem: "p", answer: "\\boxed{3" }), SyntaxError, "incomplete"],
    [JSON.stringify({ problem: "p", solution: "it is 3" }), SyntaxError, "no complete \\boxed"],
    [JSON.stringify({ problem: "p", solution: "\\boxed{3" }), SyntaxError, "no complete \\boxed"],
    [JSON.stringify({ problem: "p", answer: "1", level: 0 }), TypeError, '"level"'],
    [JSON.stringify({ problem: "p", answer: "1", level: 2.5 }), TypeError, '"level"'],
    [JSON.stringify({ problem: "p", answer: "1", level: "hard" }), TypeError, '"level"'],
  ];
  for (const [bad, ErrorClass, why] of cases) {
    const e = assertThrows(
      () => parseEvalJsonl(`${good}\n${bad}\n${good}`, { source: "b.jsonl" }),
      ErrorClass,
    );
    assert(e.message.includes("b.jsonl:2"), `${bad}: ${e.message}`);
    assert(e.message.includes(why), `${bad}: ${e.message}`);
  }
});

Deno.test("loadEvalRecords() names a missing file and a bad line's file and line", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const missing = `${dir}/nope.jsonl`;
    const e = await assertRejects(() => loadEvalRecords(missing), Deno.errors.NotFound);
    assert(e.message.includes(missing), e.message);
    const bad = `${dir}/bad.jsonl`;
    await Deno.writeTextFile(
      bad,
      `${JSON.stringify({ problem: "p", answer: "1" })}\n{"problem": 1}\n`,
    );
    const e2 = await assertRejects(() => loadEvalRecords(bad), TypeError);
    assert(e2.message.includes(`${bad}:2`), e2.message);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("loadEvalRecords() reads tiny-math's files with the world's answers and levels", async () => {
  for (const name of ["seed_500.jsonl", "eval_500.jsonl", "eval_ood.jsonl"]) {
    const path = new URL(`../../seeds/tiny-math/${name}`, import.meta.url).pathname;
    const records = await loadEvalRecords(path);
    const world = parseWorldJsonl(await Deno.readTextFile(path));
    assertEquals(records.length, 500, name);
    assertEquals(
      records.map((r) => [r.question, r.answer, r.level]),
      world.map((w) => [w.problem, w.answer, w.level]),
    );
    for (const level of [1, 2, 3, 4, 5]) {
      assertEquals(records.filter((r) => r.level === level).length, 100, `${name} level ${level}`);
    }
    // the same records read from their solutions alone give the same gold answers
    const fromSolutions = parseEvalJsonl(
      world.map((w) => JSON.stringify({ problem: w.problem, solution: w.solution })).join("\n"),
    );
    assertEquals(fromSolutions.map((r) => r.answer), records.map((r) => r.answer), name);
    assertEquals(solveWorldProblem(records[0]!.question)?.answer, records[0]!.answer);
  }
});
