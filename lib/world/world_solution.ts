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

/** Options for {@linkcode worldSolution}. */
export interface WorldSolutionOptions {
  /**
   * Which of the kind's equally valid traces to write, in `[0, worldTraceStyles(kind))`:
   * style 0 is the canonical trace of the seed files; the others take other orders of the
   * same small operations (`47 + 38 = 47 + 8 + 30 = ...`).
   * @default 0
   */
  style?: number;
}

/**
 * How many styles of trace a kind can write ({@linkcode WorldSolutionOptions.style}).
 *
 * @example
 * ```ts
 * import { worldTraceStyles } from "./world_solution.ts";
 * if (worldTraceStyles("add") !== 3) throw new Error("add has three styles");
 * ```
 */
export function worldTraceStyles(kind: WorldKind): number {
  return WORLD_KINDS[kind].traceStyles ?? 1;
}

/**
 * Writes the worked solution of a well-formed problem, for example
 * `"3x = 20 - 5 = 15, x = 15 / 3 = 5. \boxed{5}"`. The boxed answer is canonical (see
 * {@linkcode formatRational}).
 *
 * @param problem The kind and slots, as {@linkcode generateWorldProblem} or
 * {@linkcode solveWorldProblem} return them.
 * @param options The trace's style.
 * @returns The trace.
 * @throws {RangeError} If the problem is not well-formed (its answer is undefined), or the
 * style is not one of the kind's.
 *
 * @example
 * ```ts
 * import { worldSolution } from "./world_solution.ts";
 * const trace = worldSolution({ kind: "expression", slots: { e: "(3 + 4) * 5" } });
 * if (trace !== "3 + 4 = 7, 7 * 5 = 35. \\boxed{35}") throw new Error(trace);
 * ```
 *
 * @example Another style of the same solution
 * ```ts
 * import { worldSolution } from "./world_solution.ts";
 * const trace = worldSolution({ kind: "add", slots: { a: "47", b: "38" } }, { style: 2 });
 * if (trace !== "47 + 38 = 47 + 40 - 2 = 87 - 2 = 85. \\boxed{85}") throw new Error(trace);
 * ```
 */
export function worldSolution(
  problem: WorldSolutionInput,
  options: WorldSolutionOptions = {},
): string {
  const { style = 0 } = options;
  const def = WORLD_KINDS[problem.kind];
  const styles = def.traceStyles ?? 1;
  if (!Number.isInteger(style) || style < 0 || style >= styles) {
    throw new RangeError(
      `Cannot write a solution of kind ${problem.kind} in style ${style}: ${problem.kind} has styles 0 to ${
        styles - 1
      }`,
    );
  }
  const answer = def.solve(problem.slots);
  if (answer === null) {
    throw new RangeError(
      `Cannot write a solution for ${problem.kind} ${JSON.stringify(problem.slots)}: ` +
        "the problem is not well-formed",
    );
  }
  return `${def.steps(problem.slots, style)} \\boxed{${formatRational(answer)}}`;
}
