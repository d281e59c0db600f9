import { assertEquals } from "../assert.ts";
import { extractAnswer } from "../../lib/reward/extract.ts";

Deno.test("extractAnswer() prefers the Minerva 'final answer is ... I hope' sentence", () => {
  const text = "We find \\boxed{5} at first.\nFinal Answer: The final answer is $\\frac{3}{4}$. " +
    "I hope it is correct.";
  assertEquals(extractAnswer(text), "\\frac{3}{4}");
  assertEquals(
    extractAnswer("The final answer is $\\boxed{12}$. I hope it is correct."),
    "12",
  );
  // "I hope" without a "final answer is" before it falls through to the next rule.
  assertEquals(extractAnswer("I hope the answer is \\boxed{7}"), "7");
});

Deno.test("extractAnswer() takes the later of 'final answer is X' and the last \\boxed", () => {
  assertEquals(extractAnswer("So \\boxed{4}. Checking again, the final answer is 5."), "5");
  assertEquals(extractAnswer("The final answer is 5. Hmm, actually \\boxed{6}"), "6");
  assertEquals(extractAnswer("The final answer is $-7$"), "-7");
  assertEquals(extractAnswer("The final answer is \\boxed{3/4}."), "3/4");
  assertEquals(extractAnswer("the final answer is 3.5.\nMore text 9"), "3.5");
  assertEquals(extractAnswer("The final answer is: **12**"), "12");
});

Deno.test("extractAnswer() reads \\boxed forms: nested braces, \\boxed 5, \\fbox, \\text", () => {
  assertEquals(extractAnswer("\\boxed{1} then \\boxed{2}"), "2");
  assertEquals(extractAnswer("= \\boxed{\\frac{\\sqrt{3}}{2}}"), "\\frac{\\sqrt{3}}{2}");
  assertEquals(extractAnswer("so $\\boxed 5$."), "5");
  assertEquals(extractAnswer("\\fbox{42}"), "42");
  assertEquals(extractAnswer("\\boxed{\\text{Yes}}"), "Yes");
  assertEquals(extractAnswer("\\boxed{\\{1, 2\\}}"), "\\{1, 2\\}");
  assertEquals(
    extractAnswer("\\boxed{\\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix}}"),
    "\\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix}",
  );
  // An unclosed box (a truncated response) is skipped for the last complete one.
  assertEquals(extractAnswer("\\boxed{8} and then \\boxed{9"), "8");
  // \boxedx is not \boxed.
  assertEquals(extractAnswer("\\boxedx 3"), "3");
});

Deno.test("extractAnswer() falls back to 'answer:' then to the last number", () => {
  assertEquals(extractAnswer("Work...\nAnswer: 3/4\nDone"), "3/4");
  assertEquals(extractAnswer("**Answer:** $x = 2$."), "x = 2");
  assertEquals(extractAnswer("so 3 + 4 = 7 and 7 * 2 = 14."), "14");
  assertEquals(extractAnswer("the total is 1,234 dollars"), "1,234");
  assertEquals(extractAnswer("it is 2.5"), "2.5");
  assertEquals(extractAnswer("the ratio is 3/4."), "3/4");
  assertEquals(extractAnswer("we get -7"), "-7");
  assertEquals(extractAnswer("10-3"), "3");
});

Deno.test("extractAnswer() returns null when there is nothing", () => {
  assertEquals(extractAnswer(""), null);
  assertEquals(extractAnswer("I do not know."), null);
  assertEquals(extractAnswer("\\boxed{}"), null);
  assertEquals(extractAnswer("Answer:   "), null);
});

Deno.test("extractAnswer() is linear on hostile text", () => {
  const cases = [
    "final answer is ".repeat(20_000),
    "answer" + " ".repeat(200_000) + "x",
    "\\boxed{".repeat(50_000),
    "{".repeat(100_000) + "\\boxed{1}",
    " ".repeat(300_000) + "final answer is" + " ".repeat(300_000),
    "1,".repeat(100_000),
    "I hope ".repeat(30_000),
  ];
  for (const text of cases) {
    const start = performance.now();
    extractAnswer(text);
    const ms = performance.now() - start;
    if (ms > 500) throw new Error(`${ms.toFixed(0)} ms on ${JSON.stringify(text.slice(0, 20))}`);
  }
});
