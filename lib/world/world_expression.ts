/**
 * The expressions of level 3: three unsigned integer terms, two operators from `+ - *`, and
 * at most one pair of parentheses around two adjacent terms.
 *
 * Only the canonical spelling is an expression of the world: one space around each
 * operator, none inside the parentheses, no leading zeros (`3 + 4 * 5`, `(3 + 4) * 5`,
 * `3 * (4 - 2)`).
 *
 * @module
 */

/** A level-3 operator. */
export type WorldOperator = "+" | "-" | "*";

/**
 * A three-term expression. `flat` is `a o b p c` (usual precedence), `left` is
 * `(a o b) p c`, `right` is `a o (b p c)`.
 */
export interface WorldExpression {
  /** Where the parentheses are, if anywhere. */
  readonly shape: "flat" | "left" | "right";
  /** The three terms, left to right. */
  readonly terms: readonly [bigint, bigint, bigint];
  /** The two operators, left to right. */
  readonly ops: readonly [WorldOperator, WorldOperator];
}

const T = "(0|[1-9][0-9]*)";
const O = "([-+*])";
const SHAPES = [
  ["flat", new RegExp(`^${T} ${O} ${T} ${O} ${T}$`)],
  ["left", new RegExp(`^\\(${T} ${O} ${T}\\) ${O} ${T}$`)],
  ["right", new RegExp(`^${T} ${O} \\(${T} ${O} ${T}\\)$`)],
] as const;

/**
 * Reads a canonical three-term expression, or returns `null` for anything else.
 *
 * @example
 * ```ts
 * import { parseWorldExpression } from "./world_expression.ts";
 * const e = parseWorldExpression("(3 + 4) * 5");
 * if (e?.shape !== "left" || e.terms[2] !== 5n) throw new Error("not parsed");
 * if (parseWorldExpression("3+4*5") !== null) throw new Error("spacing not checked");
 * ```
 */
export function parseWorldExpression(text: string): WorldExpression | null {
  for (const [shape, regex] of SHAPES) {
    const m = regex.exec(text);
    if (m === null) continue;
    const [x, o, y, p, z] = m.slice(1) as [string, string, string, string, string];
    return {
      shape,
      terms: [BigInt(x), BigInt(y), BigInt(z)],
      ops: [o as WorldOperator, p as WorldOperator],
    };
  }
  return null;
}

/**
 * Writes an expression in canonical spelling.
 *
 * @example
 * ```ts
 * import { formatWorldExpression } from "./world_expression.ts";
 * const text = formatWorldExpression({ shape: "right", terms: [2n, 9n, 4n], ops: ["*", "-"] });
 * if (text !== "2 * (9 - 4)") throw new Error(text);
 * ```
 */
export function formatWorldExpression(expr: WorldExpression): string {
  const [a, b, c] = expr.terms;
  const [o, p] = expr.ops;
  switch (expr.shape) {
    case "flat":
      return `${a} ${o} ${b} ${p} ${c}`;
    case "left":
      return `(${a} ${o} ${b}) ${p} ${c}`;
    case "right":
      return `${a} ${o} (${b} ${p} ${c})`;
  }
}

function apply(x: bigint, op: WorldOperator, y: bigint): bigint {
  return op === "+" ? x + y : op === "-" ? x - y : x * y;
}

function step(x: bigint, op: WorldOperator, y: bigint): [string, bigint] {
  const z = apply(x, op, y);
  return [`${x} ${op} ${y < 0n ? `(${y})` : y} = ${z}`, z];
}

/**
 * Evaluates an expression one operation at a time, in the order a person would: inside the
 * parentheses first, then products, then left to right.
 *
 * @returns The value, the two steps (`"4 * 5 = 20"`, `"3 + 20 = 23"`; a negative right
 * operand is written in parentheses, `"4 * (-7) = -28"`) and the two operations they write
 * (`[4n, "*", 5n]`, `[3n, "+", 20n]`).
 *
 * @example Precedence
 * ```ts
 * import { evaluateWorldExpression, parseWorldExpression } from "./world_expression.ts";
 * const { value, steps } = evaluateWorldExpression(parseWorldExpression("3 + 4 * 5")!);
 * if (value !== 23n || steps.join(", ") !== "4 * 5 = 20, 3 + 20 = 23") throw new Error();
 * ```
 */
export function evaluateWorldExpression(
  expr: WorldExpression,
): { value: bigint; steps: string[]; operations: [bigint, WorldOperator, bigint][] } {
  const [a, b, c] = expr.terms;
  const [o, p] = expr.ops;
  const rightFirst = expr.shape === "right" ||
    (expr.shape === "flat" && p === "*" && o !== "*");
  if (rightFirst) {
    const [first, t] = step(b, p, c);
    const [second, value] = step(a, o, t);
    return { value, steps: [first, second], operations: [[b, p, c], [a, o, t]] };
  }
  const [first, t] = step(a, o, b);
  const [second, value] = step(t, p, c);
  return { value, steps: [first, second], operations: [[a, o, b], [t, p, c]] };
}
