import { assert, assertEquals, assertThrows } from "../assert.ts";
import { randomInt, randomSeeded } from "../../lib/random.ts";
import { generateWorldProblems } from "../../lib/world/generate_world_problem.ts";
import { normalizeWorldText, solveWorldProblem } from "../../lib/world/solve_world_problem.ts";
import { WORLD_KINDS } from "../../lib/world/world_kinds.ts";
import { OOD_WORLD_RANGES } from "../../lib/world/world_ranges.ts";
import { renderWorldTemplate } from "../../lib/world/world_template.ts";
import { normalizeInstruction } from "../../lib/instruct/normalize_instruction.ts";

Deno.test("solveWorldProblem() agrees with the generator on 10,000 problems", () => {
  const problems = [
    ...generateWorldProblems(8000, { seed: 17 }),
    ...generateWorldProblems(2000, { seed: 18, ranges: OOD_WORLD_RANGES }),
  ];
  for (const p of problems) {
    const solved = solveWorldProblem(p.problem);
    assert(solved !== null, `rejected: ${p.problem}`);
    assertEquals(
      [solved.answer, solved.level, solved.kind, solved.template],
      [p.answer, p.level, p.kind, p.template],
      p.problem,
    );
  }
});

Deno.test("solveWorldProblem() normalizes whitespace and letter case", () => {
  const solved = solveWorldProblem("  what IS\t12 +   5?\n");
  assertEquals([solved?.answer, solved?.level], ["17", 1]);
  const word = solveWorldProblem("ANN HAS 12 APPLES AND BUYS 5 MORE. HOW MANY DOES SHE HAVE NOW?");
  assertEquals([word?.answer, word?.slots["name"], word?.slots["obj"]], ["17", "Ann", "apples"]);
});

Deno.test("solveWorldProblem() reads problems after SeRL's instruction normalization", () => {
  for (const p of generateWorldProblems(2000, { seed: 19 })) {
    for (const capitalize of ["firstChar", "python"] as const) {
      const text = normalizeInstruction(`  ${p.problem}\n`, { capitalize });
      assertEquals(solveWorldProblem(text)?.answer, p.answer, `${capitalize}: ${text}`);
    }
  }
});

Deno.test("solveWorldProblem() solves problems a model might write with other numbers", () => {
  const cases: [string, string, number][] = [
    ["What is 12 - 57?", "-45", 1],
    ["What is 1234 + 5678?", "6912", 1],
    ["What is 0 / 5?", "0", 2],
    ["What is 12 + 5 + 3?", "20", 3],
    ["Evaluate 2 - 9 * 4.", "-34", 3],
    ["Solve for x: x + 5 = 12.", "7", 5],
    ["Solve for x: 1x + 5 = 12.", "7", 5],
    ["Solve for x: 3x + 5 = 21.", "16/3", 5],
    ["If 4x - 2 = 0, what is x?", "1/2", 5],
    ["What is 2/4 + 1/4?", "3/4", 5],
    ["What is 3/2 * 4/3?", "2", 5],
    ["What is 1/4 - 1/3?", "-1/12", 5],
    ["Find 2/3 of 10.", "20/3", 5],
    ["Ann had 0 cups, found 0 more and lost 0. How many does she have now?", "0", 4],
  ];
  for (const [text, answer, level] of cases) {
    const solved = solveWorldProblem(text);
    assertEquals([solved?.answer, solved?.level], [answer, level], text);
  }
});

Deno.test("solveWorldProblem() rejects near misses", () => {
  const nearMisses = [
    "What is 12 +5?",
    "What is 12 + 5",
    "What is 12 + 5?!",
    "What is 12 + 5 ?",
    "What is 012 + 5?",
    "What is -12 + 5?",
    "What is 1.5 + 2?",
    "What is 1/2 + 3?",
    "What is 3/4?",
    "What is 12 + 5? What is 3 + 4?",
    "1. What is 12 + 5?",
    "What is 12 + 5 * 3 - 1?",
    "Evaluate (3 + 4 * 5).",
    "Evaluate ((3 + 4)) * 5.",
    "Evaluate (3+4) * 5.",
    "Divide 85 by 7.",
    "Divide 84 by 0.",
    "What is 1/0 + 1/2?",
    "Solve for x: 0x + 5 = 20.",
    "Solve for y: 3y + 5 = 20.",
    "Solve for x: 3x + 5 = -20.",
    "Solve for x: 3x = 20.",
    "Ann has 12 apples and buys 5 more. How many does he have now?",
    "Ann has 12 apples and gives 5 to Ann. How many are left?",
    "Ann has 3 apples and gives 5 to Tom. How many are left?",
    "Bob has 12 apples and buys 5 more. How many does he have now?",
    "Ann has 12 dogs and buys 5 more. How many does she have now?",
    "Ann had 12 apples and found 5 more. How many pears does she have?",
    "Ann shares 10 apples equally among 4 friends. How many does each get?",
    "Ann has 12 apples and buys 5 more.",
    "What is the capital of France?",
    "",
    "   ",
  ];
  for (const text of nearMisses) assertEquals(solveWorldProblem(text), null, text);
});

Deno.test("solveWorldProblem() rejects texts over maxLength and non-strings", () => {
  const text = "What is 12 + 5?";
  assertEquals(solveWorldProblem(text, { maxLength: text.length - 1 }), null);
  assert(solveWorldProblem(text, { maxLength: text.length }) !== null);
  assertEquals(solveWorldProblem(`What is ${"9".repeat(300)} + 5?`), null);
  assertThrows(() => solveWorldProblem(42 as unknown as string), TypeError, "number");
});

/** Random edits of real problems and random strings: never throws; accepts only templates. */
Deno.test("solveWorldProblem() never throws on fuzzed input, and accepts only template texts", () => {
  const prng = randomSeeded(23);
  const alphabet = " 0123456789+-*/()?.,:xX/abcdefghijklmnopqrstuvwxyzAT\n\t\u00e9\u0000";
  const problems = generateWorldProblems(2000, { seed: 29 }).map((p) => p.problem);
  let accepted = 0;
  for (let i = 0; i < 20000; i++) {
    let text: string;
    if (i % 2 === 0) {
      text = problems[i % problems.length]!;
      for (let e = randomInt(prng, 1, 4); e > 0; e--) {
        const at = randomInt(prng, 0, text.length + 1);
        const ch = alphabet[randomInt(prng, 0, alphabet.length)]!;
        const op = randomInt(prng, 0, 3);
        text = text.slice(0, at) + (op === 1 ? "" : ch) + text.slice(op === 0 ? at : at + 1);
      }
    } else {
      const n = randomInt(prng, 0, 80);
      text = Array.from({ length: n }, () => String.fromCharCode(randomInt(prng, 0, 0x3000))).join(
        "",
      );
    }
    const solved = solveWorldProblem(text);
    if (solved === null) continue;
    accepted++;
    const template = WORLD_KINDS[solved.kind].templates[solved.template]!;
    assertEquals(
      renderWorldTemplate(template, solved.slots).toLowerCase(),
      normalizeWorldText(text).toLowerCase(),
      `accepted a non-template text: ${JSON.stringify(text)}`,
    );
  }
  assert(accepted > 0 && accepted < 10000, `accepted ${accepted} of 10000 edited problems`);
});

Deno.test("solveWorldProblem() takes bounded time on adversarial input", () => {
  const texts = [
    `What is ${"(1 + ".repeat(40)}?`,
    `Solve for x: ${"1".repeat(200)}x + 5 = 7.`,
    `${"Ann has ".repeat(30)}`,
    "What is " + "1/".repeat(120) + "?",
    "x".repeat(1_000_000),
  ];
  const t0 = performance.now();
  for (let i = 0; i < 50; i++) for (const text of texts) solveWorldProblem(text);
  assert(performance.now() - t0 < 5000, "too slow on adversarial input");
});
