/**
 * Rewards: final-answer extraction, the math-equivalence grader and SeRL's majority-vote
 * self-reward (spec: `serl_method.md` section 3).
 *
 * ```ts
 * import { answersEquivalent, extractAnswer, majorityVote } from "./mod.ts";
 * const answers = ["\\boxed{3/4}", "so \\boxed{\\frac{3}{4}}", "\\boxed{1}"].map(extractAnswer);
 * const vote = majorityVote(answers);
 * if (vote.rewards.join() !== "1,1,0" || !answersEquivalent(vote.answer!, "0.75")) {
 *   throw new Error("unexpected vote");
 * }
 * ```
 *
 * ## How equivalence is decided, and why this way
 *
 * Each answer goes through three layers of our own and one of mathjs:
 * 1. `latex.ts` turns LaTeX or plain text into one plain notation (`\frac`, `\dfrac`,
 *    `\sqrt[n]{}`, `\left`/`\right`, spacing, `^\circ`, `\%`, `\text{...}` units, math
 *    delimiters, `\cdot`/`\times`, `\pi`, mixed numbers, matrices, `\pm`, relations);
 * 2. `answer.ts` reads the structure (equations, inequalities as intervals, `or`/`\cup`
 *    lists, tuples and intervals, sets, matrices, `\pm`, percentages, degrees, thousands
 *    separators and decimal commas, trailing unit words, text);
 * 3. `expression.ts` parses each scalar with **mathjs's parser only** (a private instance
 *    built from `parseDependencies`: no `evaluate`, `import`, `createUnit`...), accepts the
 *    tree only if every node is a number, a name, `+ - * / ^ !`, parentheses or one of a few
 *    functions, and evaluates it with its own closures in double precision (at 8 fixed
 *    pseudo-random points when it has variables);
 * 4. `compare.ts` decides equality (relative tolerance 1e-6; see its doc).
 * Past fixed limits (`GRADER_LIMITS`: length, nesting, digits, nodes, items) an answer is
 * compared as text, so every comparison is bounded whatever the input.
 *
 * **Why not `@cortex-js/compute-engine`.** It was measured (0.140.0, not kept as a
 * dependency) on the grader's own test cases (`tests/reward/cases.ts`, 174 pairs in 20
 * categories, both verdicts in each), calling `ce.parse(a).isEqual(ce.parse(b))` in both
 * directions:
 *
 * | | compute-engine | this grader |
 * |---|---|---|
 * | correct verdicts | 109 / 174 | 174 / 174 |
 * | scalar categories only (integers ... scientific) | 55 / 63 | 63 / 63 |
 * | mean / worst time per pair | 0.95 / 18 ms | 0.12 / 1.5 ms |
 * | `9^{9^{9^{9}}}` vs itself + 1 | 27,000 ms | 0.1 ms |
 * | `100000!` vs itself + 1 | 6,400 ms | 0.1 ms |
 * | 5,000 nested braces (parse only) | 106 ms, stack overflow | 0.1 ms |
 * | install size | 46 MB | mathjs (18 MB, already a dependency) |
 *
 * Its LaTeX parser is good, but most of its misses are answer semantics that sit above any
 * parser (units, percent, `x = 3` vs `3`, `or`-lists, `\pm`, inequalities as intervals,
 * text) and its symbolic `isEqual` returns "unknown" for identities such as
 * `(x+1)^2 = x^2+2x+1`, which sampling settles. Above all its evaluation is synchronous and
 * unbounded: a hostile answer blocks the training loop for seconds, and JavaScript cannot
 * interrupt it. Even as a parser alone it takes 40-106 ms on nested or tower inputs, over
 * the 20 ms bound. mathjs's parser is fast, linear and side-effect free, and evaluating its
 * tree ourselves keeps every operation O(1) (`9^9^9^9` is an `Infinity`, not a bignum).
 * The cases were written alongside this grader, so its 174 / 174 is a regression floor,
 * not an unbiased accuracy; the comparison's point is the time bound and the semantics.
 *
 * **Known limits and choices.** An unknown word of three or more letters makes an answer
 * text (`yes`, `\text{even}`, `\triangle ABC`), so `abc` as a product is text too; two
 * letters are a product (`xy` is `x y`). Ambiguous notation gets every reading, so
 * equivalence is not transitive (`50%` equals `50` and `0.5`; `60^\circ` equals `60` and
 * `\pi/3`; `3,5` equals `3.5` and `\{3, 5\}`). Variables are sampled at real points, so a
 * complex answer compares as a polynomial in `i`. `log` is the natural logarithm. Integer
 * literals compare exactly (bigint); everything else in double precision.
 *
 * @module
 */
export * from "./extract.ts";
export * from "./equivalent.ts";
export * from "./vote.ts";
export * from "./ground_truth.ts";
export * from "./limits.ts";
export { latexToPlain } from "./latex.ts";
