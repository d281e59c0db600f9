/**
 * The parser and solver of the tiny-math world: decides whether any string is a
 * well-formed problem of the world, and if so what its level and exact answer are.
 *
 * @module
 */
import { formatRational, type Rational } from "./rational.ts";
import { WORLD_KINDS, type WorldKind, type WorldKindDef, type WorldLevel } from "./world_kinds.ts";
import { compileWorldTemplate, type WorldSlots } from "./world_template.ts";

/** A problem of the world, read back from text and solved. */
export interface WorldSolved {
  /** The kind of problem. */
  readonly kind: WorldKind;
  /** Its difficulty level (the kind's level). */
  readonly level: WorldLevel;
  /** Which of the kind's templates it matches (index into `WORLD_KINDS[kind].templates`). */
  readonly template: number;
  /** The slot values, in canonical case. */
  readonly slots: WorldSlots;
  /** The exact answer. */
  readonly value: Rational;
  /** The canonical answer string (`-7`, `3/4`). */
  readonly answer: string;
}

/** Options for {@linkcode solveWorldProblem}. */
export interface SolveWorldProblemOptions {
  /**
   * Texts longer than this after whitespace normalization are rejected (no problem of the
   * world comes close; it also bounds the work on garbage).
   * @default 256
   */
  maxLength?: number;
}

const MATCHERS = (Object.entries(WORLD_KINDS) as [WorldKind, WorldKindDef][]).flatMap(
  ([kind, def]) =>
    def.templates.map((template, index) => ({
      kind,
      def,
      index,
      match: compileWorldTemplate(template),
    })),
);

/**
 * Collapses every run of whitespace to one space and trims the ends: the only
 * normalization a problem text gets before it is matched.
 *
 * @example
 * ```ts
 * import { normalizeWorldText } from "./solve_world_problem.ts";
 * if (normalizeWorldText("  What is\n12 +  5? ") !== "What is 12 + 5?") throw new Error();
 * ```
 */
export function normalizeWorldText(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/**
 * Reads a problem of the world and solves it exactly.
 *
 * A text is a problem of the world when, after {@linkcode normalizeWorldText}, it equals one
 * of the templates of {@linkcode WORLD_KINDS} with every slot filled by a value of its type
 * (letter case aside), and its answer is defined (see world_kinds.ts). Anything else, from a
 * near miss (`What is 12 +5?`, `Divide 85 by 7.`) to random bytes, gives `null`; this never
 * throws on a string, and takes time linear in its length.
 *
 * @param text Any string, for example a question a model wrote.
 * @param options Length limit.
 * @returns The kind, level, slots and answer, or `null`.
 * @throws {TypeError} If `text` is not a string.
 *
 * @example Solve, or reject
 * ```ts
 * import { solveWorldProblem } from "./solve_world_problem.ts";
 * const solved = solveWorldProblem("Solve for x: 3x + 5 = 20.");
 * if (solved?.answer !== "5" || solved.level !== 5) throw new Error("not solved");
 * if (solveWorldProblem("What is the capital of France?") !== null) throw new Error();
 * ```
 */
export function solveWorldProblem(
  text: string,
  options?: SolveWorldProblemOptions,
): WorldSolved | null {
  const { maxLength = 256 } = options ?? {};
  if (typeof text !== "string") {
    throw new TypeError(`Cannot solve a world problem from ${typeof text}: expected a string`);
  }
  const normalized = normalizeWorldText(text);
  if (normalized.length > maxLength) return null;
  for (const { kind, def, index, match } of MATCHERS) {
    const slots = match(normalized);
    if (slots === null) continue;
    const value = def.solve(slots);
    if (value === null) continue;
    return { kind, level: def.level, template: index, slots, value, answer: formatRational(value) };
  }
  return null;
}
