/**
 * tiny-math: the synthetic world the bundled tiny model lives in.
 *
 * Five levels of templated math problems (sums, products and exact divisions, expressions
 * with precedence, word problems, linear equations and fractions), each with an exact
 * rational answer on bigint and a short worked solution ending in `\boxed{...}`. Because the
 * grammar is known, {@linkcode solveWorldProblem} decides for any string (for example a
 * question the model wrote) whether it is a problem of the world, and solves it.
 *
 * - `generateWorldProblem`, `generateWorldProblems`: deterministic problems from a Prng/seed.
 * - `solveWorldProblem`: parse and solve any string, or `null`.
 * - `worldSolution`: the worked solution of a problem, canonical (the seed files') or in
 *   another of its kind's equally valid styles (`worldTraceStyles`).
 * - `WORLD_KINDS`: the templates, samplers and solvers; `WorldRanges`: the difficulty knobs.
 * - `Rational`: exact arithmetic, with a canonical answer format (`-7`, `3/4`).
 * - `buildWorldSeedSets`, `formatWorldJsonl`, `parseWorldJsonl`: the files of seeds/tiny-math.
 *
 * ```ts
 * import { generateWorldProblem, solveWorldProblem } from "./mod.ts";
 * import { randomSeeded } from "../random.ts";
 * const p = generateWorldProblem(randomSeeded(7), { level: 5 });
 * if (solveWorldProblem(p.problem)?.answer !== p.answer) throw new Error("solver disagrees");
 * ```
 *
 * @module
 */
export type { Prng } from "../random.ts";
export * from "./generate_world_problem.ts";
export * from "./rational.ts";
export * from "./solve_world_problem.ts";
export * from "./world_expression.ts";
export * from "./world_jsonl.ts";
export * from "./world_kinds.ts";
export * from "./world_ranges.ts";
export * from "./world_seed_sets.ts";
export * from "./world_solution.ts";
export * from "./world_template.ts";
export * from "./world_vocabulary.ts";
