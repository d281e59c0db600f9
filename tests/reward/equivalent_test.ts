import { assert, assertEquals } from "../assert.ts";
import {
  answersEquivalent,
  prepareAnswer,
  preparedEquivalent,
} from "../../lib/reward/equivalent.ts";
import { latexToPlain } from "../../lib/reward/latex.ts";
import { answerReadings } from "../../lib/reward/answer.ts";
import { valuesEqual } from "../../lib/reward/compare.ts";
import { GRADER_LIMITS } from "../../lib/reward/limits.ts";
import { CASES } from "./cases.ts";

for (const [category, cases] of Object.entries(CASES)) {
  Deno.test(`answersEquivalent() grades ${category} (both verdicts, both orders)`, () => {
    const verdicts = new Set(cases.map((c) => c[2]));
    assert(verdicts.has(true) && verdicts.has(false), `${category} must test both verdicts`);
    const wrong = cases.filter(([a, b, expected]) =>
      answersEquivalent(a, b) !== expected || answersEquivalent(b, a) !== expected
    );
    assertEquals(wrong, [], `${category}: wrong verdicts`);
  });
}

Deno.test("answersEquivalent() grades the tiny-math world's answer formats", () => {
  for (
    const [a, b] of [["12", "12"], ["-7", "-7"], ["3/4", "\\frac{3}{4}"], ["3/4", "0.75"], [
      "-3/4",
      "-\\frac{3}{4}",
    ]]
  ) {
    assert(answersEquivalent(a!, b!), `${a} vs ${b}`);
  }
  for (const [a, b] of [["12", "-12"], ["3/4", "\\frac{4}{3}"], ["-7", "7"], ["3/4", "3"]]) {
    assert(!answersEquivalent(a!, b!), `${a} vs ${b}`);
  }
});

Deno.test("latexToPlain() normalizes LaTeX to the grader's notation", () => {
  const cases: [string, string][] = [
    ["\\frac{3}{4}", "((3)/(4))"],
    ["\\dfrac12", "((1)/(2))"],
    ["\\sqrt[3]{8}", "nthRoot((8),(3))"],
    ["\\left( 1, 2 \\right)", "(1,2)"],
    ["\\{1,2\\}", "⦃1,2⦄"],
    ["5\\text{ cm}", "5"],
    ["30^\\circ", "30°"],
    ["50\\%", "50%"],
    ["\\begin{pmatrix}1&2\\\\3&4\\end{pmatrix}", "⟦1,2;3,4⟧"],
    ["1 \\pm \\sqrt{2}", "1±sqrt((2))"],
    ["3\\times10^{5}", "3*10^(5)"],
    ["$\\$1{,}000$", "1,000"],
    ["x=1 \\text{ or } x=2", "x=1orx=2"],
    ["\\mathrm{12}\\,\\!", "12"],
    ["2\\frac{1}{2}", "(2+1/2)"],
  ];
  for (const [latex, plain] of cases) {
    assertEquals(latexToPlain(latex)?.replace(/\s/g, ""), plain, latex);
  }
  assertEquals(latexToPlain("{".repeat(5000) + "1" + "}".repeat(5000)), null);
  assertEquals(latexToPlain("1".repeat(10_000)), null);
});

Deno.test("answersEquivalent() is symmetric, never throws, and handles odd inputs", () => {
  assert(answersEquivalent("", ""));
  assert(!answersEquivalent("", "0"));
  assert(!answersEquivalent("   ", "1"));
  const huge = "1".repeat(10_000);
  assert(answersEquivalent(huge, huge));
  assert(!answersEquivalent(huge, huge.slice(1) + "2"));
  // deno-lint-ignore no-explicit-any
  assert(!answersEquivalent(undefined as any, "1"));
});

Deno.test("preparedEquivalent() agrees with answersEquivalent()", () => {
  const answers = ["\\frac12", "0.5", "1/2", "x=1/2", "2", "\\{0.5\\}", "yes"];
  const prepared = answers.map(prepareAnswer);
  for (let i = 0; i < answers.length; i++) {
    for (let j = 0; j < answers.length; j++) {
      assertEquals(
        preparedEquivalent(prepared[i]!, prepared[j]!),
        answersEquivalent(answers[i]!, answers[j]!),
        `${answers[i]} vs ${answers[j]}`,
      );
    }
  }
});

Deno.test("the grader's budgets: items per list, expressions per answer, steps per pair", () => {
  const { maxItems, maxExpressions, maxSteps } = GRADER_LIMITS;
  const list = (n: number, reverse = false) =>
    Array.from({ length: n }, (_, i) => String(reverse ? n - 1 - i : i)).join(",");
  assert(answersEquivalent(list(maxItems), list(maxItems, true)));
  assert(!answersEquivalent(list(maxItems + 1), list(maxItems + 1, true)), "past maxItems: text");
  // Past maxExpressions the remaining parts of an answer are text: pairs use two each.
  const pairs = (n: number) => Array.from({ length: n }, (_, i) => `(x+${i}, 1)`).join(" or ");
  const lastPair = (n: number) => {
    const reading = answerReadings(latexToPlain(pairs(n))!)[0]!;
    assert(reading.kind === "set");
    const last = reading.items.at(-1)!;
    assert(last.kind === "tuple");
    return last.items.map((v) => v.kind);
  };
  assertEquals(lastPair(maxExpressions / 2), ["expr", "expr"]);
  assertEquals(lastPair(maxExpressions / 2 + 1), ["text", "text"]);
  // A comparison that needs more steps than its budget is "not equivalent".
  const a = answerReadings("⦃1,2,3⦄")[0]!, b = answerReadings("⦃3,2,1⦄")[0]!;
  assert(valuesEqual(a, b));
  assert(!valuesEqual(a, b, { left: 3 }));
  assert(maxSteps >= 10_000);
});
