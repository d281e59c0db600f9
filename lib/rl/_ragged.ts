/**
 * Shape checks for the ragged per-token arrays (`number[][]`, one row per response) that
 * every function of lib/rl takes. Private to the area.
 *
 * @module
 */

import type { RaggedTokens } from "./ragged_tokens.ts";

/** Short name inside the area for {@linkcode RaggedTokens}. */
export type Ragged = RaggedTokens;

/**
 * Throws unless `rows` is an array of non-empty arrays of finite numbers.
 *
 * @param rows The ragged array to check.
 * @param what Name used in messages, e.g. "logProbs".
 * @param context The start of the message, e.g. "Cannot compute advantages".
 */
export function assertRagged(rows: unknown, what: string, context: string): asserts rows is Ragged {
  if (!Array.isArray(rows)) {
    throw new TypeError(`${context}: ${what} must be an array of per-token arrays`);
  }
  for (let i = 0; i < rows.length; i++) {
    const row: unknown = rows[i];
    if (!Array.isArray(row)) {
      throw new TypeError(`${context}: ${what}[${i}] must be an array of numbers`);
    }
    if (row.length === 0) {
      throw new RangeError(`${context}: ${what}[${i}] has no tokens (every response needs one)`);
    }
    for (let t = 0; t < row.length; t++) {
      const x: unknown = row[t];
      if (typeof x !== "number" || !Number.isFinite(x)) {
        throw new TypeError(`${context}: ${what}[${i}][${t}] must be a finite number, got ${x}`);
      }
    }
  }
}

/**
 * Throws unless `rows` has exactly the row lengths of `reference`.
 *
 * @param rows The array whose shape is checked (already checked by {@linkcode assertRagged}).
 * @param reference The array that defines the shape.
 * @param what Name of `rows` in messages.
 * @param referenceName Name of `reference` in messages.
 * @param context The start of the message.
 */
export function assertSameShape(
  rows: Ragged,
  reference: Ragged,
  what: string,
  referenceName: string,
  context: string,
): void {
  if (rows.length !== reference.length) {
    throw new RangeError(
      `${context}: ${what} has ${rows.length} responses, ${referenceName} has ${reference.length}`,
    );
  }
  for (let i = 0; i < rows.length; i++) {
    if (rows[i]!.length !== reference[i]!.length) {
      throw new RangeError(
        `${context}: ${what}[${i}] has ${rows[i]!.length} tokens, ` +
          `${referenceName}[${i}] has ${reference[i]!.length}`,
      );
    }
  }
}

/** Throws unless `values` is an array of finite numbers. */
export function assertFiniteList(
  values: unknown,
  what: string,
  context: string,
): asserts values is readonly number[] {
  if (!Array.isArray(values)) {
    throw new TypeError(`${context}: ${what} must be an array of numbers`);
  }
  for (let i = 0; i < values.length; i++) {
    const x: unknown = values[i];
    if (typeof x !== "number" || !Number.isFinite(x)) {
      throw new TypeError(`${context}: ${what}[${i}] must be a finite number, got ${x}`);
    }
  }
}
