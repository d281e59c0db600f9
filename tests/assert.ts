/**
 * The assertions the tests use. `@std/assert` lives on JSR, which cannot be reached from the
 * machines this project builds on, so this is a thin layer over `node:assert` with the
 * std-style names the tests read best with.
 *
 * @module
 */
import nodeAssert from "node:assert/strict";
import { inspect } from "node:util";

/** Fails unless `cond` is truthy. */
export function assert(cond: unknown, msg = "Assertion failed"): asserts cond {
  if (!cond) throw new Error(msg);
}

/** Deep strict equality (typed arrays, maps and sets included). */
export function assertEquals<T>(actual: T, expected: T, msg?: string): void {
  if (msg === undefined) nodeAssert.deepStrictEqual(actual, expected);
  else nodeAssert.deepStrictEqual(actual, expected, msg);
}

/** Deep strict inequality. */
export function assertNotEquals<T>(actual: T, expected: T, msg?: string): void {
  if (msg === undefined) nodeAssert.notDeepStrictEqual(actual, expected);
  else nodeAssert.notDeepStrictEqual(actual, expected, msg);
}

/** `|actual - expected| <= tolerance` (default 1e-7), NaN never passes. */
export function assertAlmostEquals(
  actual: number,
  expected: number,
  tolerance = 1e-7,
  msg?: string,
): void {
  if (!(Math.abs(actual - expected) <= tolerance)) {
    throw new Error(
      msg ?? `Expected ${actual} to be within ${tolerance} of ${expected}`,
    );
  }
}

/**
 * Element-wise closeness: `|a - e| <= atol + rtol * |e|` for every element.
 * Reports the worst element on failure.
 */
export function assertAllClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  { rtol = 1e-6, atol = 1e-9, msg = "" }: { rtol?: number; atol?: number; msg?: string } = {},
): void {
  if (actual.length !== expected.length) {
    throw new Error(`${msg} length ${actual.length} != ${expected.length}`.trim());
  }
  let worst = -1, worstExcess = 0;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i]!, e = expected[i]!;
    const excess = Math.abs(a - e) - (atol + rtol * Math.abs(e));
    if (!(excess <= 0) && (worst < 0 || !(excess <= worstExcess))) {
      worst = i;
      worstExcess = excess;
    }
  }
  if (worst >= 0) {
    throw new Error(
      `${msg} element ${worst}: ${actual[worst]} vs expected ${expected[worst]} ` +
        `(rtol ${rtol}, atol ${atol})`.trim(),
    );
  }
}

/** Fails unless `fn` throws an instance of `ErrorClass` whose message includes `msgIncludes`. */
export function assertThrows(
  fn: () => unknown,
  // deno-lint-ignore no-explicit-any
  ErrorClass: new (...args: any[]) => Error = Error,
  msgIncludes?: string,
): Error {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  return checkError(caught, ErrorClass, msgIncludes);
}

/** Async variant of {@linkcode assertThrows}. */
export async function assertRejects(
  fn: () => Promise<unknown>,
  // deno-lint-ignore no-explicit-any
  ErrorClass: new (...args: any[]) => Error = Error,
  msgIncludes?: string,
): Promise<Error> {
  let caught: unknown;
  try {
    await fn();
  } catch (e) {
    caught = e;
  }
  return checkError(caught, ErrorClass, msgIncludes);
}

function checkError(
  caught: unknown,
  // deno-lint-ignore no-explicit-any
  ErrorClass: new (...args: any[]) => Error,
  msgIncludes?: string,
): Error {
  if (caught === undefined) throw new Error(`Expected ${ErrorClass.name} to be thrown`);
  if (!(caught instanceof ErrorClass)) {
    throw new Error(`Expected ${ErrorClass.name}, got ${inspect(caught)}`);
  }
  if (msgIncludes !== undefined && !caught.message.includes(msgIncludes)) {
    throw new Error(`Expected message to include "${msgIncludes}", got "${caught.message}"`);
  }
  return caught;
}
