import { assertEquals } from "../assert.ts";
import {
  evaluateWorldExpression,
  formatWorldExpression,
  parseWorldExpression,
  type WorldExpression,
  type WorldOperator,
} from "../../lib/world/world_expression.ts";

/** Evaluates by JavaScript's own precedence, as an oracle for small values. */
function jsValue(text: string): bigint {
  return BigInt(new Function(`return (${text.replace(/(\d+)/g, "$1n")});`)() as bigint);
}

Deno.test("evaluateWorldExpression() agrees with JavaScript precedence on every shape", () => {
  const ops: WorldOperator[] = ["+", "-", "*"];
  for (const shape of ["flat", "left", "right"] as const) {
    for (const o of ops) {
      for (const p of ops) {
        for (const terms of [[3n, 4n, 5n], [2n, 9n, 7n], [0n, 11n, 1n]] as const) {
          const expr: WorldExpression = { shape, terms, ops: [o, p] };
          const text = formatWorldExpression(expr);
          assertEquals(evaluateWorldExpression(expr).value, jsValue(text), text);
          assertEquals(parseWorldExpression(text), expr, text);
        }
      }
    }
  }
});

Deno.test("evaluateWorldExpression() writes steps in the order of work", () => {
  const steps = (text: string) => evaluateWorldExpression(parseWorldExpression(text)!).steps;
  assertEquals(steps("3 + 4 * 5"), ["4 * 5 = 20", "3 + 20 = 23"]);
  assertEquals(steps("3 * 4 + 5"), ["3 * 4 = 12", "12 + 5 = 17"]);
  assertEquals(steps("9 - 4 - 2"), ["9 - 4 = 5", "5 - 2 = 3"]);
  assertEquals(steps("(3 + 4) * 5"), ["3 + 4 = 7", "7 * 5 = 35"]);
  assertEquals(steps("4 * (2 - 9)"), ["2 - 9 = -7", "4 * (-7) = -28"]);
  assertEquals(steps("2 - 9 + 4"), ["2 - 9 = -7", "-7 + 4 = -3"]);
});

Deno.test("parseWorldExpression() accepts only canonical three-term expressions", () => {
  for (
    const text of [
      "3 + 4",
      "3 + 4 * 5 - 1",
      "3+4*5",
      "3 + 4 *5",
      "(3 + 4 * 5)",
      "((3 + 4)) * 5",
      "( 3 + 4) * 5",
      "(3 + 4) * (5)",
      "03 + 4 * 5",
      "3 / 4 + 5",
      "3 + -4 * 5",
      "",
    ]
  ) assertEquals(parseWorldExpression(text), null, text);
});
