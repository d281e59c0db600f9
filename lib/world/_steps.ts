/**
 * Private: the worked steps shared by several kinds, written so each step is one small
 * operation a tiny model can learn. Each has a few equally valid styles (different orders
 * of the same small operations); style 0 is the canonical trace of the seed files, the
 * others exist so a pretraining corpus can show several paths to one answer (see
 * `traceStyles` in world_kinds.ts).
 *
 * @module
 */

/** Styles of {@linkcode sumSteps}: tens first, units first, round up and correct. */
export const SUM_STYLES = 3;

/** Styles of {@linkcode productSteps}: split one operand, split the other, round up. */
export const PRODUCT_STYLES = 3;

type Sign = "+" | "-";

function applySign(x: bigint, sign: Sign, y: bigint): bigint {
  return sign === "+" ? x + y : x - y;
}

/** `a op b = a s1 p s2 q = (a s1 p) s2 q = result`: `b` applied in two parts. */
function inParts(a: bigint, op: Sign, b: bigint, [s1, p]: [Sign, bigint], [s2, q]: [Sign, bigint]) {
  const mid = applySign(a, s1, p);
  return `${a} ${op} ${b} = ${a} ${s1} ${p} ${s2} ${q} = ${mid} ${s2} ${q} = ${
    applySign(mid, s2, q)
  }`;
}

/**
 * `a + b` or `a - b` (`a` may be negative, `b` is not). When `b` has both tens and units:
 * - style 0, tens first: `47 + 38 = 47 + 30 + 8 = 77 + 8 = 85`
 * - style 1, units first: `47 + 38 = 47 + 8 + 30 = 55 + 30 = 85`
 * - style 2, `b` rounded up to the next ten and corrected: `47 + 38 = 47 + 40 - 2 = 87 - 2 = 85`
 *
 * When `b` is a digit from 6 to 9 and `a >= 10`, style 0 is one step (`47 + 8 = 55`), style 1
 * goes through the ten `a` crosses when it does (`47 + 8 = 47 + 3 + 5 = 50 + 5 = 55`) and
 * style 2 rounds `b` up to 10 (`47 + 8 = 47 + 10 - 2 = 57 - 2 = 55`). Everything else is one
 * step in every style: `12 + 5 = 17`. No full stop; callers join steps.
 */
export function sumSteps(a: bigint, op: Sign, b: bigint, style = 0): string {
  const undo: Sign = op === "+" ? "-" : "+";
  const units = b % 10n, tens = b - units;
  if (b >= 10n && units !== 0n) {
    if (style === 1) return inParts(a, op, b, [op, units], [op, tens]);
    if (style === 2) return inParts(a, op, b, [op, tens + 10n], [undo, tens + 10n - b]);
    return inParts(a, op, b, [op, tens], [op, units]);
  }
  if (b >= 6n && a >= 10n && style !== 0) {
    if (style === 2) return inParts(a, op, b, [op, 10n], [undo, 10n - b]);
    // The distance from a to the ten it crosses, if it crosses one.
    const toTen = op === "+" ? 10n - a % 10n : a % 10n;
    if (toTen > 0n && toTen < b) return inParts(a, op, b, [op, toTen], [op, b - toTen]);
  }
  return `${a} ${op} ${b} = ${applySign(a, op, b)}`;
}

/** Whether a factor is worth splitting: it has both tens and units. */
function splittable(n: bigint): boolean {
  return n >= 10n && n % 10n !== 0n;
}

type Parts = [first: bigint, sign: Sign, second: bigint];

/** The parts a factor splits into: tens and units (either order), or the next ten minus the rest. */
function tensParts(n: bigint, how: "tens" | "units" | "round"): Parts {
  const tens = n - n % 10n, units = n % 10n;
  if (how === "round") return [tens + 10n, "-", tens + 10n - n];
  return how === "units" ? [units, "+", tens] : [tens, "+", units];
}

/**
 * The middle of a product trace: `x * y` with one factor (`"left"` = x) written as two parts.
 * For example `splitFactor(12n, 7n, "left", [20n, "-", 8n])` is `"20 * 7 - 8 * 7 = 140 - 56"`.
 */
function splitFactor(x: bigint, y: bigint, side: "left" | "right", [a, sign, b]: Parts): string {
  const other = side === "left" ? y : x;
  const term = (part: bigint) => (side === "left" ? `${part} * ${other}` : `${other} * ${part}`);
  return `${term(a)} ${sign} ${term(b)} = ${a * other} ${sign} ${b * other}`;
}

/**
 * `x * y` for non-negative factors. When a factor has both tens and units it is split:
 * - style 0, the first such factor (the left one if both are), tens first:
 *   `12 * 7 = 10 * 7 + 2 * 7 = 70 + 14 = 84`
 * - style 1, the other factor when both are splittable (`12 * 13 = 12 * 10 + 12 * 3`),
 *   else the same factor units first: `12 * 7 = 2 * 7 + 10 * 7 = 14 + 70 = 84`
 * - style 2, the style-0 factor rounded up to the next ten and corrected:
 *   `12 * 7 = 20 * 7 - 8 * 7 = 140 - 56 = 84`
 *
 * When neither is, but one factor is a digit from 6 to 9 (the right one if both are) and the
 * other is at least 2, style 0 is one step (`7 * 8 = 56`), style 1 splits the digit at 5
 * (`7 * 8 = 7 * 5 + 7 * 3 = 35 + 21 = 56`) and style 2 rounds it up to 10
 * (`7 * 8 = 7 * 10 - 7 * 2 = 70 - 14 = 56`). Everything else is one step in every style.
 * No full stop; callers join steps.
 */
export function productSteps(x: bigint, y: bigint, style = 0): string {
  const head = `${x} * ${y} = `;
  if (splittable(x) || splittable(y)) {
    const side = splittable(x) ? "left" : "right", n = side === "left" ? x : y;
    const middle = style === 1
      ? (splittable(x) && splittable(y)
        ? splitFactor(x, y, "right", tensParts(y, "tens"))
        : splitFactor(x, y, side, tensParts(n, "units")))
      : splitFactor(x, y, side, tensParts(n, style === 2 ? "round" : "tens"));
    return `${head}${middle} = ${x * y}`;
  }
  const digit = (n: bigint) => n >= 6n && n <= 9n;
  const side = digit(y) && x >= 2n ? "right" : digit(x) && y >= 2n ? "left" : undefined;
  if (side === undefined || style === 0) return `${head}${x * y}`;
  const n = side === "left" ? x : y;
  const parts: Parts = style === 2 ? [10n, "-", 10n - n] : [5n, "+", n - 5n];
  return `${head}${splitFactor(x, y, side, parts)} = ${x * y}`;
}
