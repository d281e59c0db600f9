/**
 * The kinds of problem in the tiny-math world, five levels of them:
 *
 * - level 1, `add` `sub`: two-number sums and differences ("What is 47 + 38?")
 * - level 2, `mul` `div`: products and exact divisions ("Divide 84 by 7.")
 * - level 3, `expression`: three terms with precedence or parentheses ("Evaluate (3 + 4) * 5.")
 * - level 4, `word_add` `word_sub` `word_mul` `word_div` `word_two_step`: word problems
 *   ("Ann has 12 apples and buys 5 more. How many does she have now?")
 * - level 5, `linear_add` `linear_sub`: linear equations ("Solve for x: 3x + 5 = 20."), and
 *   `fraction_add` `fraction_sub` `fraction_mul` `fraction_of` ("What is 1/3 + 1/4?")
 *
 * Each kind owns its templates (several phrasings of the same problem), a sampler, an exact
 * solver and a short step-by-step trace. A problem is well-formed only when its answer is
 * defined: no division by zero, no `0x`, level-2 and level-4 divisions come out even, and
 * level-4 counts never go negative.
 *
 * @module
 */
import type { Prng } from "../random.ts";
import type { Rational } from "./rational.ts";
import type { WorldRanges } from "./world_ranges.ts";
import type { WorldSlots } from "./world_template.ts";
import { ARITHMETIC_KINDS } from "./_kinds_arithmetic.ts";
import { EXPRESSION_KINDS } from "./_kinds_expression.ts";
import { WORD_KINDS } from "./_kinds_word.ts";
import { LINEAR_KINDS } from "./_kinds_linear.ts";
import { FRACTION_KINDS } from "./_kinds_fraction.ts";

/** A difficulty level, 1 (easiest) to 5. */
export type WorldLevel = 1 | 2 | 3 | 4 | 5;

/** The name of a kind of problem, grouped by level. */
export type WorldKind =
  | "add"
  | "sub"
  | "mul"
  | "div"
  | "expression"
  | "word_add"
  | "word_sub"
  | "word_mul"
  | "word_div"
  | "word_two_step"
  | "linear_add"
  | "linear_sub"
  | "fraction_add"
  | "fraction_sub"
  | "fraction_mul"
  | "fraction_of";

/** What a sampler draws: slot values for every template of its kind, and their answer. */
export interface WorldSample {
  /** Values for every slot any template of the kind uses. */
  readonly slots: WorldSlots;
  /** The answer the sampler built the problem for. */
  readonly answer: Rational;
}

/** One kind of problem: its templates, and how to draw, solve and explain one. */
export interface WorldKindDef {
  /** The difficulty level of every template of the kind. */
  readonly level: WorldLevel;
  /** Phrasings of the kind (see world_template.ts for the slot syntax). */
  readonly templates: readonly string[];
  /** Draws a problem within the ranges. */
  sample(prng: Prng, ranges: WorldRanges): WorldSample;
  /** The exact answer, or `null` when the problem is not well-formed (answer undefined). */
  solve(slots: WorldSlots): Rational | null;
  /**
   * How many styles of trace the kind can write (equally valid orders of the same small
   * operations, for a corpus that shows several paths to one answer).
   * @default 1
   */
  readonly traceStyles?: number;
  /**
   * The worked steps, ending in a full stop (`"12 + 5 = 17."`); only for well-formed slots.
   * `style` is in `[0, traceStyles)`; style 0 is the canonical trace of the seed files.
   */
  steps(slots: WorldSlots, style?: number): string;
}

/**
 * Every kind of problem, by name.
 *
 * @example Solve a problem from its slots
 * ```ts
 * import { WORLD_KINDS } from "./world_kinds.ts";
 * const answer = WORLD_KINDS.div.solve({ a: "84", b: "7" });
 * if (answer?.num !== 12n) throw new Error("84 / 7 should be 12");
 * if (WORLD_KINDS.div.solve({ a: "85", b: "7" }) !== null) throw new Error("inexact accepted");
 * ```
 */
export const WORLD_KINDS: Readonly<Record<WorldKind, WorldKindDef>> = Object.freeze({
  ...ARITHMETIC_KINDS,
  ...EXPRESSION_KINDS,
  ...WORD_KINDS,
  ...LINEAR_KINDS,
  ...FRACTION_KINDS,
});

/**
 * The kinds of each level, in table order.
 *
 * @example
 * ```ts
 * import { WORLD_KINDS_BY_LEVEL } from "./world_kinds.ts";
 * if (WORLD_KINDS_BY_LEVEL[1].join() !== "add,sub") throw new Error("level 1 changed");
 * ```
 */
export const WORLD_KINDS_BY_LEVEL: Readonly<Record<WorldLevel, readonly WorldKind[]>> = (() => {
  const out: Record<WorldLevel, WorldKind[]> = { 1: [], 2: [], 3: [], 4: [], 5: [] };
  for (const [kind, def] of Object.entries(WORLD_KINDS) as [WorldKind, WorldKindDef][]) {
    out[def.level].push(kind);
  }
  return out;
})();
