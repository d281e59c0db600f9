import { assertEquals, assertThrows } from "../assert.ts";
import { formatWorldJsonl, parseWorldJsonl } from "../../lib/world/world_jsonl.ts";
import { generateWorldProblems } from "../../lib/world/generate_world_problem.ts";

Deno.test("formatWorldJsonl() writes the four fields in a fixed order, one line each", () => {
  const problems = generateWorldProblems(3, { seed: 1 });
  const text = formatWorldJsonl(problems);
  const lines = text.split("\n");
  assertEquals(lines.length, 4);
  assertEquals(lines[3], "");
  for (const [i, line] of lines.slice(0, 3).entries()) {
    assertEquals(Object.keys(JSON.parse(line)), ["problem", "answer", "solution", "level"]);
    assertEquals(JSON.parse(line).problem, problems[i]!.problem);
  }
  assertEquals(formatWorldJsonl([]), "");
});

Deno.test("parseWorldJsonl() round-trips formatWorldJsonl()", () => {
  const records = generateWorldProblems(20, { seed: 2 }).map((
    { problem, answer, solution, level },
  ) => ({
    problem,
    answer,
    solution,
    level,
  }));
  assertEquals(parseWorldJsonl(formatWorldJsonl(records)), records);
  assertEquals(parseWorldJsonl(`\n${formatWorldJsonl(records)}\n\n`), records);
});

Deno.test("parseWorldJsonl() names the line and field of a bad record", () => {
  const good = '{"problem":"Add 1 and 2.","answer":"3","solution":"\\\\boxed{3}","level":1}';
  assertThrows(() => parseWorldJsonl(`${good}\n{oops`), SyntaxError, "line 2");
  assertThrows(() => parseWorldJsonl("[1]"), TypeError, "expected an object");
  assertThrows(() => parseWorldJsonl(good.replace('"level":1', '"level":6')), TypeError, '"level"');
  assertThrows(
    () => parseWorldJsonl(good.replace('"answer":"3"', '"answer":3')),
    TypeError,
    '"answer"',
  );
  assertThrows(() => parseWorldJsonl(good.replace("{", '{"kind":"add",')), TypeError, '"kind"');
});
