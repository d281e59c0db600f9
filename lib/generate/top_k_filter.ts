/**
 * Top-k filtering: only the `k` most likely tokens stay candidates. Tokens tied with the
 * k-th largest logit all stay (as in Hugging Face's `TopKLogitsWarper`), so a tie can leave
 * more than `k`. Selection is a quickselect over the scratch buffer: O(vocab), no sort.
 *
 * @module
 */
import type { LogitsProcessor } from "./logits_processor.ts";
import { kthLargest } from "./_select.ts";

/**
 * A processor setting every logit below the `k`-th largest to `-Infinity`.
 *
 * @throws {RangeError} Unless `k` is a positive integer.
 *
 * @example
 * ```ts
 * import { logitsContext } from "./logits_processor.ts";
 * import { topKFilter } from "./top_k_filter.ts";
 * const logits = new Float32Array([0.5, 3, -1, 2]);
 * topKFilter(2)(logits, logitsContext([], 4));
 * if (logits.join() !== "-Infinity,3,-Infinity,2") throw new Error(`got ${logits}`);
 * ```
 */
export function topKFilter(k: number): LogitsProcessor {
  if (!Number.isInteger(k) || k < 1) {
    throw new RangeError(`Cannot filter to the top ${k} tokens: k must be a positive integer`);
  }
  return (logits, ctx) => {
    const n = logits.length;
    if (k >= n) return;
    const scratch = ctx.scratch;
    scratch.set(logits);
    const threshold = kthLargest(scratch, n, k);
    for (let i = 0; i < n; i++) if (logits[i]! < threshold) logits[i] = -Infinity;
  };
}
