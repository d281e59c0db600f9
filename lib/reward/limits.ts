/**
 * The bounds that keep every grader call fast whatever the input.
 *
 * Model output is untrusted: an answer can be a 10,000-digit number, `9^9^9^9`, 5,000 nested
 * braces or binary noise. Past these limits the grader stops interpreting mathematics and
 * falls back to comparing normalized text, which is linear in the input and still exact.
 *
 * @module
 */

/** The limits the grader enforces; all are fixed (they are part of the reward definition). */
export interface GraderLimits {
  /** Answers longer than this (in UTF-16 units) are compared as whitespace-collapsed text. */
  readonly maxAnswerChars: number;
  /** Bracket nesting deeper than this makes an answer plain text. */
  readonly maxDepth: number;
  /** A single expression leaf longer than this is not parsed as mathematics. */
  readonly maxExpressionChars: number;
  /** Expression trees with more nodes than this are not evaluated. */
  readonly maxNodes: number;
  /** A number literal with more digits than this is not parsed as mathematics. */
  readonly maxDigits: number;
  /** Items in one tuple, set, list or matrix (after `\pm` expansion). */
  readonly maxItems: number;
  /** Scalar expressions parsed for one answer; past it the remaining parts are text. */
  readonly maxExpressions: number;
  /** Value comparisons for one pair of answers; past it the pair is not equivalent. */
  readonly maxSteps: number;
  /** `\pm` signs expanded in one item of an answer (each doubles its readings). */
  readonly maxPlusMinus: number;
  /** Random points at which expressions with variables are compared. */
  readonly samplePoints: number;
  /** Relative tolerance of numeric comparison (the SeRL spec: 1e-6). */
  readonly relativeTolerance: number;
  /** Absolute floor of numeric comparison, so that `\sqrt{2}^2 - 2` equals `0`. */
  readonly absoluteTolerance: number;
}

/**
 * The grader's limits.
 *
 * @example
 * ```ts
 * import { GRADER_LIMITS } from "./limits.ts";
 * if (GRADER_LIMITS.relativeTolerance !== 1e-6) throw new Error("spec tolerance");
 * ```
 */
export const GRADER_LIMITS: GraderLimits = Object.freeze({
  maxAnswerChars: 1000,
  maxDepth: 40,
  maxExpressionChars: 400,
  maxNodes: 300,
  maxDigits: 40,
  maxItems: 48,
  maxExpressions: 48,
  maxSteps: 20_000,
  maxPlusMinus: 3,
  samplePoints: 8,
  relativeTolerance: 1e-6,
  absoluteTolerance: 1e-12,
});
