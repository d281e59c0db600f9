/**
 * Private: the worked steps shared by several kinds, written so each step is one small
 * operation a tiny model can learn (tens first, then units).
 *
 * @module
 */

/**
 * `a + b` or `a - b`: when `b` has both tens and units, the tens go first:
 * `47 + 38 = 47 + 30 + 8 = 77 + 8 = 85`. Otherwise one step: `12 + 5 = 17`.
 * No full stop; callers join steps.
 */
export function sumSteps(a: bigint, op: "+" | "-", b: bigint): string {
  const apply = (x: bigint, y: bigint) => (op === "+" ? x + y : x - y);
  const result = apply(a, b);
  const units = b % 10n;
  if (b < 10n || units === 0n) return `${a} ${op} ${b} = ${result}`;
  const tens = b - units;
  return `${a} ${op} ${b} = ${a} ${op} ${tens} ${op} ${units} = ${
    apply(a, tens)
  } ${op} ${units} = ${result}`;
}

/**
 * `x * y`: the first operand with both tens and units (the left one if both have) is split:
 * `12 * 7 = 10 * 7 + 2 * 7 = 70 + 14 = 84`. Otherwise one step: `6 * 7 = 42`.
 * No full stop; callers join steps.
 */
export function productSteps(x: bigint, y: bigint): string {
  const p = x * y;
  if (x >= 10n && x % 10n !== 0n) {
    const hi = x - x % 10n, lo = x % 10n;
    return `${x} * ${y} = ${hi} * ${y} + ${lo} * ${y} = ${hi * y} + ${lo * y} = ${p}`;
  }
  if (y >= 10n && y % 10n !== 0n) {
    const hi = y - y % 10n, lo = y % 10n;
    return `${x} * ${y} = ${x} * ${hi} + ${x} * ${lo} = ${x * hi} + ${x * lo} = ${p}`;
  }
  return `${x} * ${y} = ${p}`;
}
