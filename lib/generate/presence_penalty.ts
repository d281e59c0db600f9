/**
 * Presence penalty as OpenAI and vLLM define it: the penalty is subtracted once from the
 * logit of every token that already occurs in the generated text (the prompt does not
 * count), however often it occurs. SeRL's self-instruction step uses 2.0 to push new
 * questions away from repeating themselves.
 *
 * @module
 */
import type { LogitsProcessor } from "./logits_processor.ts";

/**
 * A processor subtracting `penalty` from the logits of tokens already generated.
 *
 * @throws {RangeError} Unless `penalty` is finite.
 *
 * @example
 * ```ts
 * import { logitsContext } from "./logits_processor.ts";
 * import { presencePenalty } from "./presence_penalty.ts";
 * const logits = new Float32Array([1, 1, 1]);
 * presencePenalty(2)(logits, logitsContext([0, 0, 2], 3));
 * if (logits.join() !== "-1,1,-1") throw new Error(`got ${logits}`);
 * ```
 */
export function presencePenalty(penalty: number): LogitsProcessor {
  if (!Number.isFinite(penalty)) {
    throw new RangeError(`Cannot apply presence penalty ${penalty}: it must be finite`);
  }
  return (logits, ctx) => {
    for (const t of ctx.distinct) logits[t]! -= penalty;
  };
}
