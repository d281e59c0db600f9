/**
 * The loop's own state, stored in every checkpoint beside the trainer's (the `extra` field
 * of `trainer_state.json`): everything besides the weights and the optimizer that a resumed
 * run needs to continue exactly where the checkpoint was taken.
 *
 * @module
 */
import {
  createInstructionPool,
  type InstructionPool,
  validateInstructionPool,
} from "../instruct/instruction_pool.ts";
import type { EvalPoint } from "./step_metrics.ts";

/** Where a run stands between two steps. */
export interface SerlLoopState {
  /** Steps done. */
  step: number;
  /** The iteration the trainer's weights and reference belong to. */
  trainerIteration: number;
  /** Pending (empty between steps) and kept instructions. */
  pool: InstructionPool;
  /** Position of the baselines' problem stream. */
  cursor: number;
  /** Lines of `metrics.jsonl` that belong to the steps done (later lines are discarded). */
  metricsLines: number;
  /** Every evaluation so far, step 0 (before training) first. */
  evals: EvalPoint[];
}

/**
 * The state of a run that has not started.
 *
 * @example
 * ```ts
 * import { initialLoopState } from "./loop_state.ts";
 * const s = initialLoopState();
 * if (s.step !== 0 || s.pool.kept.length !== 0 || s.evals.length !== 0) throw new Error();
 * ```
 */
export function initialLoopState(): SerlLoopState {
  return {
    step: 0,
    trainerIteration: 0,
    pool: createInstructionPool(),
    cursor: 0,
    metricsLines: 0,
    evals: [],
  };
}

function count(name: string, value: unknown): number {
  if (!Number.isSafeInteger(value) || (value as number) < 0) {
    throw new TypeError(`Cannot read loop state: "${name}" must be an integer >= 0, got ${value}`);
  }
  return value as number;
}

/**
 * Checks a loop state read back from a checkpoint.
 *
 * @param value The parsed JSON.
 * @returns The state.
 * @throws {TypeError} When a field is missing or malformed.
 *
 * @example Round trip through JSON
 * ```ts
 * import { initialLoopState, validateLoopState } from "./loop_state.ts";
 * const back = validateLoopState(JSON.parse(JSON.stringify({ ...initialLoopState(), step: 3 })));
 * if (back.step !== 3) throw new Error();
 * ```
 */
export function validateLoopState(value: unknown): SerlLoopState {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new TypeError("Cannot read loop state: expected an object");
  }
  const v = value as Record<string, unknown>;
  if (!Array.isArray(v.evals)) throw new TypeError('Cannot read loop state: "evals" is missing');
  for (const point of v.evals) {
    if (typeof point !== "object" || point === null || typeof point.pass1 !== "number") {
      throw new TypeError("Cannot read loop state: an eval point is malformed");
    }
  }
  return {
    step: count("step", v.step),
    trainerIteration: count("trainerIteration", v.trainerIteration),
    pool: validateInstructionPool(v.pool),
    cursor: count("cursor", v.cursor),
    metricsLines: count("metricsLines", v.metricsLines),
    evals: v.evals as EvalPoint[],
  };
}
