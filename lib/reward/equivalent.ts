/**
 * The math-equivalence grader: are two final answers the same mathematical object?
 *
 * Pipeline: LaTeX/plain text to one plain notation (`latex.ts`), the answer's structure and
 * readings (`answer.ts`), scalar expressions through a restricted mathjs parse evaluated by
 * our own code (`expression.ts`), and equality of readings (`compare.ts`). Answers that are
 * words (`yes`, `\text{even}`) compare as case-insensitive text; answers over the grader's
 * limits compare as whitespace-collapsed text. Never throws; each call is bounded by
 * {@linkcode GRADER_LIMITS}.
 *
 * @module
 */
import { answerReadings, isWordy, type Value } from "./answer.ts";
import { type StepBudget, valuesEqual } from "./compare.ts";
import { GRADER_LIMITS } from "./limits.ts";
import { latexToPlain } from "./latex.ts";

/** An answer parsed once, to be compared many times (a vote compares each answer n - 1 times). */
export interface PreparedAnswer {
  /** The answer as given. */
  readonly raw: string;
  /** Canonical text: the plain form without spaces (the raw text, collapsed, past the limits). */
  readonly key: string;
  /** True when the answer is words, compared as lower-case text only. */
  readonly wordy: boolean;
  /** Its mathematical readings (empty for words and for answers past the limits). */
  readonly readings: readonly Value[];
}

/**
 * Parses an answer for repeated comparison with {@linkcode preparedEquivalent}.
 *
 * @param answer An extracted final answer (LaTeX or plain text).
 * @returns The prepared answer; never throws.
 *
 * @example
 * ```ts
 * import { prepareAnswer, preparedEquivalent } from "./equivalent.ts";
 * const a = prepareAnswer("\\frac{3}{4}"), b = prepareAnswer("0.75");
 * if (!preparedEquivalent(a, b)) throw new Error();
 * ```
 */
export function prepareAnswer(answer: string): PreparedAnswer {
  const raw = typeof answer === "string" ? answer : String(answer);
  try {
    const plain = latexToPlain(raw);
    if (plain === null) return { raw, key: collapse(raw), wordy: false, readings: [] };
    const key = plain.replace(/\s+/g, "");
    if (isWordy(plain)) return { raw, key: key.toLowerCase(), wordy: true, readings: [] };
    return { raw, key, wordy: false, readings: answerReadings(plain) };
  } catch {
    return { raw, key: collapse(raw), wordy: false, readings: [] };
  }
}

/**
 * Equivalence of two prepared answers (symmetric: equal if either direction says so).
 *
 * @example
 * ```ts
 * import { prepareAnswer, preparedEquivalent } from "./equivalent.ts";
 * if (preparedEquivalent(prepareAnswer("2"), prepareAnswer("3"))) throw new Error();
 * ```
 */
export function preparedEquivalent(a: PreparedAnswer, b: PreparedAnswer): boolean {
  try {
    const sameRaw = a.raw.trim() === b.raw.trim();
    if (a.key === "" || b.key === "") return sameRaw; // nothing left after normalization
    if (sameRaw || a.key === b.key) return true;
    if (a.wordy || b.wordy) return false;
    const budget = { left: GRADER_LIMITS.maxSteps };
    return oneWay(a, b, budget) || oneWay(b, a, budget);
  } catch {
    return false;
  }
}

function oneWay(a: PreparedAnswer, b: PreparedAnswer, budget: StepBudget): boolean {
  return a.readings.some((x) => b.readings.some((y) => valuesEqual(x, y, budget)));
}

/**
 * Whether two final answers are the same mathematical object.
 *
 * Symmetric, never throws, and bounded in time whatever the input. Numeric tolerance is
 * 1e-6 relative; expressions with variables are compared at fixed pseudo-random points.
 *
 * @param a One answer (LaTeX or plain text, as {@linkcode extractAnswer} returns it).
 * @param b The other.
 * @returns True when equivalent.
 *
 * @example Numbers, expressions, structures
 * ```ts
 * import { answersEquivalent } from "./equivalent.ts";
 * const same: [string, string][] = [
 *   ["\\frac{1}{2}", "0.5"], ["x = 3", "3"], ["(1,2)", "(1, 2)"], ["\\{1,2\\}", "\\{2, 1\\}"],
 *   ["x=1 \\text{ or } x=2", "\\{1,2\\}"], ["2x+2", "2(x+1)"], ["50\\%", "0.5"],
 *   ["[1, 2)", "[1,2)"], ["1 \\pm \\sqrt{2}", "1+\\sqrt2, 1-\\sqrt2"], ["\\text{Yes}", "yes"],
 * ];
 * for (const [a, b] of same) if (!answersEquivalent(a, b)) throw new Error(`${a} vs ${b}`);
 * if (answersEquivalent("[1, 2)", "(1, 2]")) throw new Error("brackets matter");
 * if (answersEquivalent("(1, 2)", "(2, 1)")) throw new Error("order matters in tuples");
 * ```
 */
export function answersEquivalent(a: string, b: string): boolean {
  return preparedEquivalent(prepareAnswer(a), prepareAnswer(b));
}

/** Whitespace collapsed without a regex over the whole (possibly huge) string. */
function collapse(s: string): string {
  return s.split(/\s+/).join(" ").trim();
}
