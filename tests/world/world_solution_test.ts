import { assert, assertEquals, assertThrows } from "../assert.ts";
import { generateWorldProblems } from "../../lib/world/generate_world_problem.ts";
import {
  parseRational,
  type Rational,
  rational,
  rationalAdd,
  rationalDiv,
  rationalEquals,
  rationalMul,
  rationalSub,
} from "../../lib/world/rational.ts";
import { solveWorldProblem } from "../../lib/world/solve_world_problem.ts";
import { OOD_WORLD_RANGES } from "../../lib/world/world_ranges.ts";
import { worldSolution, worldTraceStyles } from "../../lib/world/world_solution.ts";
import { WORLD_KINDS, type WorldKind } from "../../lib/world/world_kinds.ts";

/** Evaluates `+ - * /`, unary minus and parentheses over exact rationals. */
function evaluate(text: string): Rational {
  const tokens = text.match(/\d+|[-+*/()]/g) ?? [];
  assertEquals(tokens.join(""), text.replace(/ /g, ""), `unexpected characters in "${text}"`);
  let i = 0;
  const expr = (): Rational => {
    let v = term();
    while (tokens[i] === "+" || tokens[i] === "-") {
      v = tokens[i++] === "+" ? rationalAdd(v, term()) : rationalSub(v, term());
    }
    return v;
  };
  const term = (): Rational => {
    let v = factor();
    while (tokens[i] === "*" || tokens[i] === "/") {
      v = tokens[i++] === "*" ? rationalMul(v, factor()) : rationalDiv(v, factor());
    }
    return v;
  };
  const factor = (): Rational => {
    const t = tokens[i++];
    if (t === "-") return rationalSub(rational(0), factor());
    if (t === "(") {
      const v = expr();
      assertEquals(tokens[i++], ")", text);
      return v;
    }
    assert(t !== undefined && /^\d+$/.test(t), `bad token ${t} in "${text}"`);
    return rational(BigInt(t));
  };
  const v = expr();
  assertEquals(i, tokens.length, `trailing tokens in "${text}"`);
  return v;
}

/**
 * Checks a trace: clauses joined by ", " (optionally "so ..."), each a chain `A = B = C`
 * whose numeric links are all equal; the last value computed equals the boxed answer.
 */
function checkTrace(trace: string, answer: string): void {
  const m = /^(.+)\. \\boxed\{([^{}]+)\}$/.exec(trace);
  assert(m !== null, `no final \\boxed{}: ${trace}`);
  assertEquals(m[2], answer, trace);
  let last: Rational | undefined;
  for (const clause of m[1]!.split(", ")) {
    const links = clause.replace(/^so /, "").split(" = ");
    assert(links.length >= 2, `not an equation: "${clause}" in ${trace}`);
    let previous: Rational | undefined;
    for (const link of links) {
      if (/[a-z]/i.test(link)) { // "3x", "x": an unknown, not a number
        previous = undefined;
        continue;
      }
      const value = evaluate(link);
      if (previous !== undefined) {
        assert(rationalEquals(previous, value), `"${clause}" is false in ${trace}`);
      }
      previous = last = value;
    }
  }
  assert(
    last !== undefined && rationalEquals(last, parseRational(answer)),
    `last step is not the answer: ${trace}`,
  );
}

Deno.test("every step of every trace is true, and the trace ends in \\boxed{answer}", () => {
  const problems = [
    ...generateWorldProblems(5000, { seed: 31 }),
    ...generateWorldProblems(2000, { seed: 32, ranges: OOD_WORLD_RANGES }),
  ];
  for (const p of problems) checkTrace(p.solution, p.answer);
});

Deno.test("every style of every kind writes a true trace; style 0 is the seed files' trace", () => {
  const problems = [
    ...generateWorldProblems(3000, { seed: 33 }),
    ...generateWorldProblems(1000, { seed: 34, ranges: OOD_WORLD_RANGES }),
  ];
  const differs = new Map<WorldKind, number>();
  for (const p of problems) {
    assertEquals(worldSolution(p, { style: 0 }), p.solution);
    const traces = new Set<string>();
    for (let style = 0; style < worldTraceStyles(p.kind); style++) {
      const trace = worldSolution(p, { style });
      checkTrace(trace, p.answer);
      traces.add(trace);
    }
    if (traces.size > 1) differs.set(p.kind, (differs.get(p.kind) ?? 0) + 1);
  }
  // Every kind with several styles writes at least some problems along several paths.
  for (const kind of Object.keys(WORLD_KINDS) as WorldKind[]) {
    if (worldTraceStyles(kind) > 1) assert((differs.get(kind) ?? 0) > 0, `${kind} never varies`);
  }
});

Deno.test("worldSolution() styles: the paths each takes", () => {
  const add = { kind: "add" as const, slots: { a: "47", b: "38" } };
  assertEquals(
    [0, 1, 2].map((style) => worldSolution(add, { style })),
    [
      "47 + 38 = 47 + 30 + 8 = 77 + 8 = 85. \\boxed{85}",
      "47 + 38 = 47 + 8 + 30 = 55 + 30 = 85. \\boxed{85}",
      "47 + 38 = 47 + 40 - 2 = 87 - 2 = 85. \\boxed{85}",
    ],
  );
  const mul = { kind: "mul" as const, slots: { a: "7", b: "8" } };
  assertEquals(
    [0, 1, 2].map((style) => worldSolution(mul, { style })),
    [
      "7 * 8 = 56. \\boxed{56}",
      "7 * 8 = 7 * 5 + 7 * 3 = 35 + 21 = 56. \\boxed{56}",
      "7 * 8 = 7 * 10 - 7 * 2 = 70 - 14 = 56. \\boxed{56}",
    ],
  );
  assertEquals(
    worldSolution({ kind: "fraction_add", slots: { f: "1/6", g: "1/4" } }, { style: 1 }),
    "1/6 + 1/4 = 4/24 + 6/24 = 10/24 = 5/12. \\boxed{5/12}",
  );
  assertEquals(
    worldSolution({ kind: "fraction_of", slots: { f: "5/8", a: "72" } }, { style: 1 }),
    "72 / 8 = 9, 9 * 5 = 45. \\boxed{45}",
  );
});

Deno.test("worldSolution() rejects a style the kind does not have", () => {
  const add = { kind: "add" as const, slots: { a: "47", b: "38" } };
  for (const style of [-1, 3, 1.5]) {
    assertThrows(() => worldSolution(add, { style }), RangeError, "add has styles 0 to 2");
  }
  assertThrows(
    () => worldSolution({ kind: "div", slots: { a: "84", b: "7" } }, { style: 2 }),
    RangeError,
    "style 2",
  );
});

Deno.test("the trace checker catches false steps and wrong answers", () => {
  checkTrace("12 + 5 = 17. \\boxed{17}", "17");
  assertThrows(() => checkTrace("12 + 5 = 18. \\boxed{18}", "18"), Error, "is false");
  assertThrows(() => checkTrace("12 + 5 = 17. \\boxed{17}", "18"), Error);
  assertThrows(() => checkTrace("3x = 20 - 5 = 15, x = 15 / 3 = 5. \\boxed{6}", "6"), Error);
  assertThrows(() => checkTrace("12 + 5 = 17.", "17"), Error, "boxed");
  assertThrows(() => checkTrace("84 = 7 * 13, so 84 / 7 = 12. \\boxed{12}", "12"), Error);
});

Deno.test("worldSolution() explains problems a model wrote, as written", () => {
  const cases: [string, string][] = [
    ["Solve for x: 3x + 5 = 21.", "3x = 21 - 5 = 16, x = 16 / 3 = 16/3. \\boxed{16/3}"],
    ["Solve for x: x + 5 = 2.", "x = 2 - 5 = -3. \\boxed{-3}"],
    ["What is 2/4 + 1/4?", "2/4 + 1/4 = 3/4. \\boxed{3/4}"],
    ["What is 1/6 + 1/3?", "1/6 + 1/3 = 1/6 + 2/6 = 3/6 = 1/2. \\boxed{1/2}"],
    ["What is 1/4 - 1/3?", "1/4 - 1/3 = 3/12 - 4/12 = -1/12. \\boxed{-1/12}"],
    ["What is 12 - 57?", "12 - 57 = 12 - 50 - 7 = -38 - 7 = -45. \\boxed{-45}"],
    ["What is 47 * 23?", "47 * 23 = 40 * 23 + 7 * 23 = 920 + 161 = 1081. \\boxed{1081}"],
    ["What is 7 * 23?", "7 * 23 = 7 * 20 + 7 * 3 = 140 + 21 = 161. \\boxed{161}"],
  ];
  for (const [text, want] of cases) {
    const solved = solveWorldProblem(text);
    assert(solved !== null, text);
    const trace = worldSolution(solved);
    assertEquals(trace, want);
    checkTrace(trace, solved.answer);
  }
});

Deno.test("worldSolution() throws on a problem that is not well-formed", () => {
  assertThrows(
    () => worldSolution({ kind: "div", slots: { a: "7", b: "2" } }),
    RangeError,
    "not well-formed",
  );
  assertThrows(() => worldSolution({ kind: "add", slots: { a: "7" } }), TypeError, "{b}");
});
