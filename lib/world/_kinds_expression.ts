/**
 * Level 3: three-term expressions with precedence and parentheses.
 *
 * @module
 */
import type { Prng } from "../random.ts";
import { rational } from "./rational.ts";
import { drawInt, drawItem } from "./_draw.ts";
import { productSteps, sumSteps } from "./_steps.ts";
import {
  evaluateWorldExpression,
  formatWorldExpression,
  parseWorldExpression,
  type WorldExpression,
  type WorldOperator,
} from "./world_expression.ts";
import type { WorldRanges } from "./world_ranges.ts";
import type { WorldKindDef } from "./world_kinds.ts";

const OPERATORS: readonly WorldOperator[] = ["+", "-", "*"];
const SHAPES: readonly WorldExpression["shape"][] = ["flat", "left", "right"];

/**
 * The value as a sum of signed products, computed apart from evaluateWorldExpression so the
 * sampler's answer is an independent check on the solver.
 */
function sumOfProducts(expr: WorldExpression): bigint {
  const [a, b, c] = expr.terms;
  const [o, p] = expr.ops;
  const combine = (x: bigint, op: WorldOperator, y: bigint) =>
    op === "*" ? x * y : op === "+" ? x + y : x - y;
  if (expr.shape === "left") return combine(combine(a, o, b), p, c);
  if (expr.shape === "right") return combine(a, o, combine(b, p, c));
  // flat: terms joined by "*" form one product; products are added with their signs
  let total = 0n, sign = 1n, product = a;
  for (const [op, term] of [[o, b], [p, c]] as const) {
    if (op === "*") {
      product *= term;
    } else {
      total += sign * product;
      sign = op === "+" ? 1n : -1n;
      product = term;
    }
  }
  return total + sign * product;
}

/**
 * Whether an expression is worth asking: a flat one has a product (precedence matters),
 * parentheses always change the order of work (`(3 + 4) * 5`, `9 - (4 + 2)`).
 */
function meaningful(shape: WorldExpression["shape"], [o, p]: WorldOperator[]): boolean {
  if (shape === "flat") return o === "*" || p === "*";
  if (shape === "left") return o !== "*" && p === "*";
  return o !== "+" && p !== "*";
}

function drawExpression(prng: Prng, ranges: WorldRanges): WorldExpression {
  const shape = drawItem(prng, SHAPES);
  const terms = [0, 1, 2].map(() => BigInt(drawInt(prng, ranges.level3Term)));
  for (;;) {
    const ops = [drawItem(prng, OPERATORS), drawItem(prng, OPERATORS)];
    if (meaningful(shape, ops)) {
      return {
        shape,
        terms: terms as [bigint, bigint, bigint],
        ops: ops as [WorldOperator, WorldOperator],
      };
    }
  }
}

/**
 * One operation worked out in parts (`18 * 12 = 10 * 12 + 8 * 12 = ...`, the shared steps'
 * `style`), or `undefined` when an operand is negative (the plain step reads better).
 */
function workedOperation(
  [x, op, y]: [bigint, WorldOperator, bigint],
  style: number,
): string | undefined {
  if (x < 0n || y < 0n) return undefined;
  return op === "*" ? productSteps(x, y, style) : sumSteps(x, op, y, style);
}

function expression(text: string | undefined): WorldExpression | null {
  return text === undefined ? null : parseWorldExpression(text);
}

/** The kind of level 3. */
export const EXPRESSION_KINDS: Readonly<Record<"expression", WorldKindDef>> = {
  expression: {
    level: 3,
    templates: [
      "What is {e}?",
      "Compute {e}.",
      "Evaluate {e}.",
      "Find the value of {e}.",
      "Calculate {e}.",
    ],
    sample(prng, ranges) {
      const expr = drawExpression(prng, ranges);
      return { slots: { e: formatWorldExpression(expr) }, answer: rational(sumOfProducts(expr)) };
    },
    solve(s) {
      const expr = expression(s["e"]);
      return expr === null ? null : rational(evaluateWorldExpression(expr).value);
    },
    traceStyles: 3,
    steps(s, style = 0) {
      const expr = expression(s["e"]);
      if (expr === null) throw new TypeError(`Cannot explain expression "${s["e"]}"`);
      const { steps, operations } = evaluateWorldExpression(expr);
      if (style === 0) return `${steps.join(", ")}.`;
      return `${operations.map((o, i) => workedOperation(o, style - 1) ?? steps[i]).join(", ")}.`;
    },
  },
};
