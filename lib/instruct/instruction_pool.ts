/**
 * The instruction pool: plain, JSON-serializable data and pure functions over it, so a run
 * saves it with its checkpoint and resumes exactly.
 *
 * - **pending**: accepted by the rule and ROUGE-L filters, waiting to be rolled out; it is
 *   also the within-step half of the ROUGE-L pool. A rollout batch takes from its front;
 *   the loop clears it after each training step (as the official code does).
 * - **kept**: instructions whose groups passed the difficulty filter; the generated
 *   few-shot examples of later steps. It never expires.
 *
 * One step of the loop, in these terms:
 *
 * ```text
 * while pending < rolloutBatch: pending += filterCandidateInstructions(parsed, {seeds, pending}).kept
 * {batch, pool} = takePendingInstructions(pool, rolloutBatch); roll out and vote
 * kept += filterByDifficulty(groups).kept's instructions
 * after training: clearPendingInstructions(pool)
 * ```
 *
 * @module
 */

/** Pending and kept instructions. */
export interface InstructionPool {
  /** Accepted, not yet rolled out, oldest first. */
  readonly pending: readonly string[];
  /** Passed the difficulty filter, oldest first; never expires. */
  readonly kept: readonly string[];
}

/**
 * An empty pool.
 *
 * @example
 * ```ts
 * import { createInstructionPool } from "./instruction_pool.ts";
 * const pool = createInstructionPool();
 * if (pool.pending.length + pool.kept.length !== 0) throw new Error("not empty");
 * ```
 */
export function createInstructionPool(): InstructionPool {
  return { pending: [], kept: [] };
}

/**
 * A new pool with `instructions` appended to the pending list.
 *
 * @example
 * ```ts
 * import { addPendingInstructions, createInstructionPool } from "./instruction_pool.ts";
 * const pool = addPendingInstructions(createInstructionPool(), ["a", "b"]);
 * if (pool.pending.join() !== "a,b") throw new Error("not added");
 * ```
 */
export function addPendingInstructions(
  pool: InstructionPool,
  instructions: readonly string[],
): InstructionPool {
  return { pending: [...pool.pending, ...instructions], kept: pool.kept };
}

/**
 * Takes the oldest `count` pending instructions for a rollout batch.
 *
 * @returns The batch and the pool without it.
 * @throws {RangeError} If fewer than `count` are pending, or `count` is not a
 * non-negative integer.
 *
 * @example
 * ```ts
 * import { addPendingInstructions, createInstructionPool, takePendingInstructions } from "./instruction_pool.ts";
 * const full = addPendingInstructions(createInstructionPool(), ["a", "b", "c"]);
 * const { batch, pool } = takePendingInstructions(full, 2);
 * if (batch.join() !== "a,b" || pool.pending.join() !== "c") throw new Error("wrong take");
 * ```
 */
export function takePendingInstructions(
  pool: InstructionPool,
  count: number,
): { batch: string[]; pool: InstructionPool } {
  if (!Number.isInteger(count) || count < 0) {
    throw new RangeError(
      `Cannot take pending instructions: count must be a non-negative integer: current value is ${count}`,
    );
  }
  if (pool.pending.length < count) {
    throw new RangeError(
      `Cannot take pending instructions: expected at least ${count}, got ${pool.pending.length}`,
    );
  }
  return {
    batch: pool.pending.slice(0, count),
    pool: { pending: pool.pending.slice(count), kept: pool.kept },
  };
}

/**
 * A new pool with no pending instructions (the loop does this after each training step).
 *
 * @example
 * ```ts
 * import { addPendingInstructions, clearPendingInstructions, createInstructionPool } from "./instruction_pool.ts";
 * const pool = clearPendingInstructions(addPendingInstructions(createInstructionPool(), ["a"]));
 * if (pool.pending.length !== 0) throw new Error("not cleared");
 * ```
 */
export function clearPendingInstructions(pool: InstructionPool): InstructionPool {
  return { pending: [], kept: pool.kept };
}

/**
 * A new pool with `instructions` appended to the kept list.
 *
 * @example
 * ```ts
 * import { addKeptInstructions, createInstructionPool } from "./instruction_pool.ts";
 * const pool = addKeptInstructions(createInstructionPool(), ["a"]);
 * if (pool.kept.join() !== "a") throw new Error("not kept");
 * ```
 */
export function addKeptInstructions(
  pool: InstructionPool,
  instructions: readonly string[],
): InstructionPool {
  return { pending: pool.pending, kept: [...pool.kept, ...instructions] };
}

/**
 * Checks a value read back from JSON (for example a checkpoint) and returns it as a pool.
 *
 * @param value The parsed JSON.
 * @returns A fresh pool with the same lists.
 * @throws {TypeError} If it is not `{ pending: string[], kept: string[] }` (extra keys
 * included).
 *
 * @example Round trip through JSON
 * ```ts
 * import { addKeptInstructions, createInstructionPool, validateInstructionPool } from "./instruction_pool.ts";
 * const pool = addKeptInstructions(createInstructionPool(), ["a"]);
 * const back = validateInstructionPool(JSON.parse(JSON.stringify(pool)));
 * if (back.kept[0] !== "a") throw new Error("lost data");
 * ```
 */
export function validateInstructionPool(value: unknown): InstructionPool {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new TypeError(`Cannot read instruction pool: expected an object, got ${value}`);
  }
  const keys = Object.keys(value).sort().join();
  if (keys !== "kept,pending") {
    throw new TypeError(
      `Cannot read instruction pool: expected keys kept, pending, got ${keys || "none"}`,
    );
  }
  const { pending, kept } = value as Record<string, unknown>;
  return { pending: stringList("pending", pending), kept: stringList("kept", kept) };
}

function stringList(name: string, value: unknown): string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) {
    throw new TypeError(`Cannot read instruction pool: "${name}" must be an array of strings`);
  }
  return [...value];
}
