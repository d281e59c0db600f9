/**
 * Equality of answer readings (see `answer.ts`).
 *
 * - Scalars: integer literals exactly; otherwise numerically with relative tolerance 1e-6
 *   (absolute floor 1e-12); with variables, at every sample point where both are finite (at
 *   least 3 such points). Values that overflow (`9^9^9^9`) are equal only when their
 *   canonical trees are.
 * - Equations: `lhs - rhs` of one is a non-zero constant multiple of the other's.
 * - Tuples: same length, item by item; brackets must match (`[1, 2)` is not `(1, 2]`)
 *   except at an infinite endpoint, and a bare list `1, 2` matches any brackets.
 * - Sets: every item of each has an equal item in the other; a set with one distinct item
 *   equals that item (`\{3\}` and `3`).
 * - Matrices: same shape, entry by entry; a one-row or one-column matrix equals a tuple
 *   with the same entries in order (a vector written `(1, 2)`).
 * - Text: equal normalized strings.
 *
 * Every comparison of two values takes one step of a budget shared by a pair of answers
 * ({@linkcode GRADER_LIMITS}`.maxSteps`); a pair that runs out is not equivalent.
 *
 * @module
 */
import type { Value } from "./answer.ts";
import type { Expr } from "./expression.ts";
import { GRADER_LIMITS } from "./limits.ts";

/** Fewest sample points, valid for both sides, on which expressions with variables must agree. */
const MIN_VALID_POINTS = 3;

/**
 * True when two readings denote the same object.
 *
 * @example
 * ```ts
 * import { answerReadings } from "./answer.ts";
 * import { valuesEqual } from "./compare.ts";
 * const [a] = answerReadings("((1)/(2))"), [b] = answerReadings("0.5");
 * if (!valuesEqual(a!, b!)) throw new Error();
 * ```
 */
export function valuesEqual(
  a: Value,
  b: Value,
  budget: StepBudget = { left: GRADER_LIMITS.maxSteps },
): boolean {
  try {
    return equal(a, b, budget);
  } catch (e) {
    if (e === OUT_OF_STEPS) return false;
    throw e;
  }
}

/** Comparisons left; shared by all readings of one pair of answers. */
export interface StepBudget {
  /** Steps left; each value comparison takes one. */
  left: number;
}

const OUT_OF_STEPS = new Error("out of comparison steps");

type Eq = (a: Value, b: Value) => boolean;

function equal(a: Value, b: Value, budget: StepBudget): boolean {
  if (--budget.left < 0) throw OUT_OF_STEPS;
  const eq: Eq = (x, y) => equal(x, y, budget);
  if (a.kind === "set" && b.kind !== "set") return setEqualsOne(a.items, b, eq);
  if (b.kind === "set" && a.kind !== "set") return setEqualsOne(b.items, a, eq);
  if (a.kind === "matrix" && b.kind === "tuple") return vectorEqualsTuple(a.rows, b.items, eq);
  if (b.kind === "matrix" && a.kind === "tuple") return vectorEqualsTuple(b.rows, a.items, eq);
  switch (a.kind) {
    case "expr":
      return b.kind === "expr" && exprEqual(a.expr, b.expr);
    case "equation":
      return b.kind === "equation" && proportional(a.diff, b.diff);
    case "text":
      return b.kind === "text" && a.text === b.text;
    case "tuple":
      return b.kind === "tuple" && tupleEqual(a, b, eq);
    case "set":
      return b.kind === "set" && covers(a.items, b.items, eq) && covers(b.items, a.items, eq);
    case "matrix":
      return b.kind === "matrix" && a.rows.length === b.rows.length &&
        a.rows.every((row, i) => itemsEqual(row, b.rows[i]!, eq));
  }
}

/** Scalar equality (see the module doc). */
export function exprEqual(a: Expr, b: Expr): boolean {
  if (a.integer !== null && b.integer !== null) return a.integer === b.integer;
  if (a.key === b.key) return true;
  const n = Math.max(a.samples.length, b.samples.length);
  if (n === 1) {
    const x = a.samples[0]!, y = b.samples[0]!;
    if (Number.isFinite(x) && Number.isFinite(y)) return close(x, y);
    // Only a written infinity equals an infinity; overflows and NaN were settled by the key.
    return a.infinite && b.infinite && x === y;
  }
  let valid = 0;
  for (let k = 0; k < n; k++) {
    const x = a.samples[a.samples.length === 1 ? 0 : k]!;
    const y = b.samples[b.samples.length === 1 ? 0 : k]!;
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    if (!close(x, y)) return false;
    valid++;
  }
  return valid >= MIN_VALID_POINTS;
}

function close(x: number, y: number): boolean {
  const { relativeTolerance, absoluteTolerance } = GRADER_LIMITS;
  return Math.abs(x - y) <=
    Math.max(absoluteTolerance, relativeTolerance * Math.max(Math.abs(x), Math.abs(y)));
}

/** `a = c * b` at every point valid for both, for one constant c != 0. */
function proportional(a: Expr, b: Expr): boolean {
  if (a.key === b.key) return true;
  const n = Math.max(a.samples.length, b.samples.length);
  let ratio = NaN, valid = 0;
  for (let k = 0; k < n; k++) {
    const x = a.samples[a.samples.length === 1 ? 0 : k]!;
    const y = b.samples[b.samples.length === 1 ? 0 : k]!;
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    if (Number.isNaN(ratio) && Math.abs(y) > GRADER_LIMITS.absoluteTolerance) ratio = x / y;
    valid++;
  }
  if (Number.isNaN(ratio) || ratio === 0 || valid < MIN_VALID_POINTS) return false;
  for (let k = 0; k < n; k++) {
    const x = a.samples[a.samples.length === 1 ? 0 : k]!;
    const y = b.samples[b.samples.length === 1 ? 0 : k]!;
    if (Number.isFinite(x) && Number.isFinite(y) && !close(x, ratio * y)) return false;
  }
  return true;
}

function tupleEqual(
  a: { open: string; close: string; items: readonly Value[] },
  b: { open: string; close: string; items: readonly Value[] },
  eq: Eq,
): boolean {
  if (a.items.length !== b.items.length || !itemsEqual(a.items, b.items, eq)) return false;
  if (a.open === "" || b.open === "") return true;
  const last = a.items.length - 1;
  return (a.open === b.open || isInfinite(a.items[0]!)) &&
    (a.close === b.close || isInfinite(a.items[last]!));
}

function isInfinite(v: Value): boolean {
  return v.kind === "expr" && v.expr.infinite && !Number.isFinite(v.expr.samples[0]!);
}

function itemsEqual(a: readonly Value[], b: readonly Value[], eq: Eq): boolean {
  return a.length === b.length && a.every((v, i) => eq(v, b[i]!));
}

/** Every item of `a` equals some item of `b`. */
function covers(a: readonly Value[], b: readonly Value[], eq: Eq): boolean {
  return a.every((x) => b.some((y) => eq(x, y)));
}

function setEqualsOne(items: readonly Value[], v: Value, eq: Eq): boolean {
  return items.length > 0 && items.every((x) => eq(x, v));
}

function vectorEqualsTuple(
  rows: readonly (readonly Value[])[],
  items: readonly Value[],
  eq: Eq,
): boolean {
  const cells = rows.length === 1
    ? rows[0]!
    : rows.every((r) => r.length === 1)
    ? rows.map((r) => r[0]!)
    : null;
  return cells !== null && cells.length > 1 && itemsEqual(cells, items, eq);
}
