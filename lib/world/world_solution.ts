/**
 * Step-by-step solution traces: a few short computations that end in `\boxed{answer}`,
 * short enough (under about 160 characters) for a tiny character-level model to imitate.
 *
 * @module
 */
import { formatRational } from "./rational.ts";
import { WORLD_KINDS, type WorldKind } from "./world_kinds.ts";
import type { WorldSlots } from "./world_template.ts";

/** What a trace is made from: a kind of problem and its slot values. */
export interface WorldSolutionInput {
  /** The kind of problem. */
  readonly kind: WorldKind;
  /** The slot values of the problem. */
  readonly slots: WorldSlots;
}

/**
 * Writes the worked solution of a well-formed problem, for example
 * `"3x = 20 - 5 = 15, x = 15 / 3 = 5. \boxed{5}"`. The boxed answer is canonical (see
 * {@linkcode formatRational}).
 *
 * @param problem The kind and slots, as {@linkcode generateWorldProblem} or
 * {@linkcode solveWorldProblem} return them.
 * @returns The trace.
 * @throws {RangeError} If the problem is not well-formed (its answer is undefined).
 *
 * @example
 * ```ts
 * import { worldSolution } from "./world_solution.ts";
 * const trace = worldSolution({ kind: "expression", slots: { e: "(3 + 4) * 5" } });
 * if (trace !== "3 + 4 = 7, 7 * 5 = 35. \\boxed{35}") throw new Error(trace);
 * ```
 */
export function worldSolution(problem: WorldSolutionInput): string {
  const def = WORLD_KINDS[problem.kind];
  const answer = def.solve(problem.slots);
  if (answer === null) {
    throw new RangeError(
      `Cannot write a solution for ${problem.kind} ${JSON.stringify(problem.slots)}: ` +
        "the problem is not well-formed",
    );
  }
  return `${def.steps(problem.slots)} \\boxed{${formatRational(answer)}}`;
}
