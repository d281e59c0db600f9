/**
 * The ground-truth reward: the same grader, against a label (the RL-GT baseline, Pass@1,
 * Maj@K and reward-alignment diagnostics).
 *
 * @module
 */
import { extractAnswer } from "./extract.ts";
import { answersEquivalent } from "./equivalent.ts";

/**
 * A gold label as an answer: a label written as a whole solution or with `\boxed{}` (MATH
 * style) is reduced to its final answer; a plain label is used as it is.
 *
 * @param gold The dataset's answer field.
 * @returns The answer to compare with.
 *
 * @example
 * ```ts
 * import { goldAnswer } from "./ground_truth.ts";
 * if (goldAnswer("so it is $\\boxed{\\frac{1}{2}}$") !== "\\frac{1}{2}") throw new Error();
 * if (goldAnswer("x = 3") !== "x = 3") throw new Error();
 * ```
 */
export function goldAnswer(gold: string | number): string {
  const s = String(gold);
  return /\\(?:boxed|fbox)/.test(s) ? extractAnswer(s) ?? s : s;
}

/**
 * 1 when the response's final answer is equivalent to the gold label, else 0 (also when
 * the response has no answer).
 *
 * @param response A model response.
 * @param gold The label, as in the dataset (see {@linkcode goldAnswer}).
 * @returns 0 or 1.
 *
 * @example
 * ```ts
 * import { groundTruthReward } from "./ground_truth.ts";
 * if (groundTruthReward("... so the answer is \\boxed{0.75}", "\\frac{3}{4}") !== 1) throw new Error();
 * if (groundTruthReward("I give up", "3") !== 0) throw new Error();
 * ```
 */
export function groundTruthReward(response: string, gold: string | number): 0 | 1 {
  const answer = extractAnswer(response);
  return answer !== null && answersEquivalent(answer, goldAnswer(gold)) ? 1 : 0;
}
