/**
 * The logits-processor contract: a function that reshapes one row's next-token logits
 * before sampling. Processors work in place on the row the generator hands them (a scratch
 * copy; the raw logits, from which log-probs are taken, are never touched) and may instead
 * return a new array. Filtering sets logits to `-Infinity`.
 *
 * @module
 */

/** What a processor may read about the row being sampled. */
export interface LogitsContext {
  /** Tokens generated so far in this sample (the prompt excluded). */
  generated: readonly number[];
  /** `seen[t] === 1` iff token `t` occurs in `generated`. */
  seen: Uint8Array;
  /** The distinct tokens of `generated`, in order of first occurrence. */
  distinct: readonly number[];
  /** A work buffer as long as the logits, free for the processor to overwrite. */
  scratch: Float32Array;
}

/** Reshapes one row of logits (in place, or by returning a replacement). */
export type LogitsProcessor = (logits: Float32Array, ctx: LogitsContext) => void | Float32Array;

/**
 * A context for calling processors outside the generator (tests, custom samplers).
 *
 * @example
 * ```ts
 * import { logitsContext } from "./logits_processor.ts";
 * const ctx = logitsContext([2, 2, 0], 4);
 * if (ctx.seen.join() !== "1,0,1,0" || ctx.distinct.join() !== "2,0") throw new Error("wrong context");
 * ```
 */
export function logitsContext(generated: readonly number[], vocabSize: number): LogitsContext {
  const seen = new Uint8Array(vocabSize);
  const distinct: number[] = [];
  for (const t of generated) {
    if (!(Number.isInteger(t) && t >= 0 && t < vocabSize)) {
      throw new RangeError(
        `Cannot build a logits context: token ${t} is outside [0, ${vocabSize})`,
      );
    }
    if (seen[t] === 0) distinct.push(t);
    seen[t] = 1;
  }
  return { generated, seen, distinct, scratch: new Float32Array(vocabSize) };
}
