/**
 * Drawing a token from logits, the greedy choice, and the log-probability of a token: tight
 * loops over one row, no allocation.
 *
 * @module
 */

function assertFinite(value: number, what: string): void {
  if (!Number.isFinite(value)) {
    throw new RangeError(`Cannot ${what}: the logits hold no finite maximum (got ${value})`);
  }
}

/**
 * Samples an index with probability `softmax(logits)` using the uniform draw `u` in [0, 1).
 * `-Infinity` logits have probability 0.
 *
 * @param logits One row of logits.
 * @param u A uniform number in [0, 1), e.g. from a seeded `Prng`.
 * @param scratch A buffer at least as long as `logits` (overwritten).
 * @throws {RangeError} When no logit is finite or a logit is NaN.
 *
 * @example
 * ```ts
 * import { sampleLogits } from "./sample_logits.ts";
 * const logits = new Float32Array([0, Math.log(3)]); // probabilities 0.25, 0.75
 * const scratch = new Float32Array(2);
 * if (sampleLogits(logits, 0.2, scratch) !== 0 || sampleLogits(logits, 0.3, scratch) !== 1) {
 *   throw new Error("wrong sample");
 * }
 * ```
 */
export function sampleLogits(logits: Float32Array, u: number, scratch: Float32Array): number {
  logNormalizer(logits, scratch);
  return sampleWeights(scratch.subarray(0, logits.length), u);
}

/**
 * `log Σ exp(logits)` (the log-softmax normalizer), computed stably; when `weights` is
 * given, it receives the unnormalized probabilities `exp(logits - max)` on the way, ready
 * for {@linkcode sampleWeights}.
 *
 * @throws {RangeError} When no logit is finite or a logit is NaN.
 *
 * @example
 * ```ts
 * import { logNormalizer } from "./sample_logits.ts";
 * const z = logNormalizer(new Float32Array([0, Math.log(3)]));
 * if (Math.abs(z - Math.log(4)) > 1e-7) throw new Error(`got ${z}`);
 * ```
 */
export function logNormalizer(logits: Float32Array, weights?: Float32Array): number {
  const n = logits.length;
  let max = -Infinity;
  for (let i = 0; i < n; i++) if (logits[i]! > max) max = logits[i]!;
  assertFinite(max, "normalize logits");
  let total = 0;
  if (weights === undefined) {
    for (let i = 0; i < n; i++) total += Math.exp(logits[i]! - max);
  } else {
    for (let i = 0; i < n; i++) {
      const e = Math.exp(logits[i]! - max);
      weights[i] = e;
      total += e;
    }
  }
  if (Number.isNaN(total)) throw new RangeError("Cannot normalize logits: they hold NaN");
  return max + Math.log(total);
}

/**
 * Samples an index with probability proportional to `weights` (non-negative, not all 0)
 * using the uniform draw `u` in [0, 1).
 *
 * @example
 * ```ts
 * import { sampleWeights } from "./sample_logits.ts";
 * const w = new Float32Array([1, 0, 3]);
 * if (sampleWeights(w, 0.2) !== 0 || sampleWeights(w, 0.5) !== 2) throw new Error("wrong sample");
 * ```
 */
export function sampleWeights(weights: Float32Array, u: number): number {
  const n = weights.length;
  let total = 0;
  for (let i = 0; i < n; i++) total += weights[i]!;
  const target = u * total;
  let cumulative = 0;
  let last = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i]!;
    if (w === 0) continue;
    cumulative += w;
    last = i;
    if (cumulative > target) return i;
  }
  return last; // rounding left `target` at the very top: the last possible token
}

/**
 * The index of the largest logit (the first one on ties).
 *
 * @example
 * ```ts
 * import { argmaxLogits } from "./sample_logits.ts";
 * if (argmaxLogits(new Float32Array([1, 5, 5, -2])) !== 1) throw new Error("wrong argmax");
 * ```
 */
export function argmaxLogits(logits: Float32Array): number {
  let best = 0;
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) {
    if (logits[i]! > max) {
      max = logits[i]!;
      best = i;
    }
  }
  assertFinite(max, "pick the greedy token");
  return best;
}

/**
 * `log softmax(logits)[token]`, computed stably in float64.
 *
 * @example
 * ```ts
 * import { logSoftmaxAt } from "./sample_logits.ts";
 * const lp = logSoftmaxAt(new Float32Array([0, Math.log(3)]), 1);
 * if (Math.abs(lp - Math.log(0.75)) > 1e-7) throw new Error(`got ${lp}`);
 * ```
 */
export function logSoftmaxAt(logits: Float32Array, token: number): number {
  return logits[token]! - logNormalizer(logits);
}
