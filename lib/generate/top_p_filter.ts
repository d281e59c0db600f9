/**
 * Top-p (nucleus) filtering (Holtzman et al. 2020, arXiv 1904.09751): the smallest set of
 * most likely tokens whose probability reaches `p` stays; the rest become `-Infinity`.
 * Tokens tied with the last one needed all stay. The threshold is found by a quickselect on
 * the probabilities that stops as soon as the mass above the pivot brackets `p`: O(vocab)
 * expected, no sort.
 *
 * @module
 */
import type { LogitsProcessor } from "./logits_processor.ts";
import { partitionDescending } from "./_select.ts";

/**
 * A processor keeping the nucleus of mass `p` (`p >= 1` keeps everything).
 *
 * @throws {RangeError} Unless `0 < p`.
 *
 * @example
 * ```ts
 * import { logitsContext } from "./logits_processor.ts";
 * import { topPFilter } from "./top_p_filter.ts";
 * // probabilities 0.5, 0.3, 0.2: the first two reach 0.7
 * const logits = new Float32Array([Math.log(0.5), Math.log(0.3), Math.log(0.2)]);
 * topPFilter(0.7)(logits, logitsContext([], 3));
 * if (logits[2] !== -Infinity || logits[1] === -Infinity) throw new Error(`got ${logits}`);
 * ```
 */
export function topPFilter(p: number): LogitsProcessor {
  if (!(p > 0) || Number.isNaN(p)) {
    throw new RangeError(`Cannot filter to top-p ${p}: p must be in (0, 1]`);
  }
  return (logits, ctx) => {
    if (p >= 1) return;
    const n = logits.length;
    const mass = ctx.scratch;
    let max = -Infinity;
    for (let i = 0; i < n; i++) if (logits[i]! > max) max = logits[i]!;
    let total = 0;
    for (let i = 0; i < n; i++) {
      mass[i] = Math.exp(logits[i]! - max);
      total += mass[i]!;
    }
    // Find the smallest probability value that must stay.
    let need = p * total;
    let threshold = 0;
    let lo = 0, hi = n - 1;
    while (lo <= hi) {
      const { lt, gt, pivot } = partitionDescending(mass, lo, hi);
      let above = 0;
      for (let i = lo; i < lt; i++) above += mass[i]!;
      const tied = pivot * (gt - lt + 1);
      if (above >= need) {
        hi = lt - 1;
      } else if (above + tied >= need) {
        threshold = pivot;
        break;
      } else {
        need -= above + tied;
        threshold = pivot;
        lo = gt + 1;
      }
    }
    for (let i = 0; i < n; i++) {
      if (Math.fround(Math.exp(logits[i]! - max)) < threshold) logits[i] = -Infinity;
    }
  };
}
