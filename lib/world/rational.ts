/**
 * Exact rational numbers on bigint: the answers of the tiny-math world.
 *
 * A {@linkcode Rational} is always normalized: the denominator is positive, the sign sits on
 * the numerator, and numerator and denominator share no factor (zero is `0/1`). So two
 * rationals are equal exactly when their fields are equal, and {@linkcode formatRational}
 * gives one canonical string per value: `-7` for integers, `3/4` or `-3/4` otherwise.
 *
 * @module
 */

/** A normalized fraction `num/den` with `den > 0` and `gcd(|num|, den) = 1`. */
export interface Rational {
  /** The numerator; carries the sign. */
  readonly num: bigint;
  /** The denominator; always positive. */
  readonly den: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

function toBigInt(value: bigint | number, what: string): bigint {
  if (typeof value === "bigint") return value;
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`Cannot make a rational from ${what} ${value}: expected a safe integer`);
  }
  return BigInt(value);
}

/**
 * Makes the normalized rational `num/den`.
 *
 * @param num The numerator (a bigint or a safe integer).
 * @param den The denominator (a bigint or a safe integer, not zero).
 * @returns The normalized value.
 * @throws {RangeError} If `den` is zero or a number argument is not a safe integer.
 *
 * @example Normalizes sign and common factors
 * ```ts
 * import { rational } from "./rational.ts";
 * const r = rational(6, -8);
 * if (r.num !== -3n || r.den !== 4n) throw new Error("not normalized");
 * ```
 */
export function rational(num: bigint | number, den: bigint | number = 1n): Rational {
  let n = toBigInt(num, "numerator");
  let d = toBigInt(den, "denominator");
  if (d === 0n) throw new RangeError(`Cannot make a rational with denominator 0: numerator ${n}`);
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d);
  return g === 1n ? { num: n, den: d } : { num: n / g, den: d / g };
}

/**
 * `a + b`.
 *
 * @example
 * ```ts
 * import { formatRational, rational, rationalAdd } from "./rational.ts";
 * if (formatRational(rationalAdd(rational(1, 3), rational(1, 4))) !== "7/12") throw new Error();
 * ```
 */
export function rationalAdd(a: Rational, b: Rational): Rational {
  return rational(a.num * b.den + b.num * a.den, a.den * b.den);
}

/**
 * `a - b`.
 *
 * @example
 * ```ts
 * import { formatRational, rational, rationalSub } from "./rational.ts";
 * if (formatRational(rationalSub(rational(1, 4), rational(1, 3))) !== "-1/12") throw new Error();
 * ```
 */
export function rationalSub(a: Rational, b: Rational): Rational {
  return rational(a.num * b.den - b.num * a.den, a.den * b.den);
}

/**
 * `a * b`.
 *
 * @example
 * ```ts
 * import { formatRational, rational, rationalMul } from "./rational.ts";
 * if (formatRational(rationalMul(rational(2, 3), rational(3, 4))) !== "1/2") throw new Error();
 * ```
 */
export function rationalMul(a: Rational, b: Rational): Rational {
  return rational(a.num * b.num, a.den * b.den);
}

/**
 * `a / b`.
 *
 * @throws {RangeError} If `b` is zero.
 *
 * @example
 * ```ts
 * import { formatRational, rational, rationalDiv } from "./rational.ts";
 * if (formatRational(rationalDiv(rational(3), rational(-6))) !== "-1/2") throw new Error();
 * ```
 */
export function rationalDiv(a: Rational, b: Rational): Rational {
  if (b.num === 0n) throw new RangeError(`Cannot divide ${formatRational(a)} by 0`);
  return rational(a.num * b.den, a.den * b.num);
}

/**
 * Whether two rationals are the same number.
 *
 * @example
 * ```ts
 * import { rational, rationalEquals } from "./rational.ts";
 * if (!rationalEquals(rational(2, 4), rational(1, 2))) throw new Error("2/4 != 1/2");
 * ```
 */
export function rationalEquals(a: Rational, b: Rational): boolean {
  return a.num === b.num && a.den === b.den;
}

/**
 * Whether the value is an integer (denominator 1).
 *
 * @example
 * ```ts
 * import { isIntegerRational, rational } from "./rational.ts";
 * if (!isIntegerRational(rational(8, 4)) || isIntegerRational(rational(1, 2))) throw new Error();
 * ```
 */
export function isIntegerRational(r: Rational): boolean {
  return r.den === 1n;
}

const RATIONAL_PATTERN = /^([-+]?)(\d+)(?:\/(\d+)|\.(\d+))?$/;

/**
 * Parses an integer (`-7`), a fraction (`3/4`, `-6/8`) or a finite decimal (`0.75`) into an
 * exact rational. No spaces, no exponents, no `\frac`.
 *
 * @param text The number as written.
 * @returns The normalized value.
 * @throws {SyntaxError} If `text` is not one of the forms above.
 * @throws {RangeError} If the denominator is zero.
 *
 * @example Fractions, decimals and integers
 * ```ts
 * import { formatRational, parseRational } from "./rational.ts";
 * if (formatRational(parseRational("0.75")) !== "3/4") throw new Error("decimal");
 * if (formatRational(parseRational("-6/8")) !== "-3/4") throw new Error("fraction");
 * if (formatRational(parseRational("12")) !== "12") throw new Error("integer");
 * ```
 */
export function parseRational(text: string): Rational {
  const m = RATIONAL_PATTERN.exec(text);
  if (m === null) throw new SyntaxError(`Cannot parse "${text}" as a rational number`);
  const [, sign, whole, den, decimals] = m;
  const negate = (r: Rational) => (sign === "-" ? rational(-r.num, r.den) : r);
  if (den !== undefined) return negate(rational(BigInt(whole!), BigInt(den)));
  if (decimals !== undefined) {
    return negate(rational(BigInt(whole! + decimals), 10n ** BigInt(decimals.length)));
  }
  return negate(rational(BigInt(whole!)));
}

/**
 * The canonical answer string: an integer (`-7`, `0`) or a reduced fraction `a/b` with
 * `b >= 2` and the sign on the numerator (`-3/4`).
 *
 * @example
 * ```ts
 * import { formatRational, rational } from "./rational.ts";
 * if (formatRational(rational(-9, 12)) !== "-3/4") throw new Error("fraction");
 * if (formatRational(rational(10, 5)) !== "2") throw new Error("integer");
 * ```
 */
export function formatRational(r: Rational): string {
  return r.den === 1n ? `${r.num}` : `${r.num}/${r.den}`;
}
