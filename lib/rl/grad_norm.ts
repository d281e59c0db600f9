/**
 * Global gradient-norm clipping over all trainable tensors, as torch's
 * `clip_grad_norm_` and DeepSpeed's `gradient_clipping` compute it: the L2 norm of all
 * gradients together, and a scale of `maxNorm / (norm + 1e-6)` when that is below 1.
 *
 * @module
 */

/** The ε torch adds to the norm before dividing. */
export const GRAD_CLIP_EPSILON = 1e-6;

/**
 * The L2 norm of all gradients taken as one vector, accumulated in float64. NaN or Inf
 * anywhere gives a non-finite norm, so this doubles as the non-finite gradient check.
 *
 * @param grads The gradient tensors.
 * @returns `sqrt(Σ g²)`.
 *
 * @example
 * ```ts
 * import { globalGradNorm } from "./grad_norm.ts";
 * const n = globalGradNorm([new Float32Array([3]), new Float32Array([0, 4])]);
 * if (n !== 5) throw new Error(`got ${n}`);
 * ```
 */
export function globalGradNorm(grads: readonly Float32Array[]): number {
  let squares = 0;
  for (const g of grads) {
    for (let j = 0; j < g.length; j++) squares += g[j]! * g[j]!;
  }
  return Math.sqrt(squares);
}

/**
 * The factor the gradients are multiplied by when clipping to `maxNorm`: 1 when the norm
 * is within bounds, `maxNorm / (norm + 1e-6)` otherwise.
 *
 * @param norm The global norm (finite).
 * @param maxNorm The bound; `Infinity` never clips.
 * @returns The scale, in (0, 1].
 *
 * @example
 * ```ts
 * import { gradClipScale } from "./grad_norm.ts";
 * if (gradClipScale(0.5, 1) !== 1) throw new Error("clipped a small gradient");
 * if (gradClipScale(4, 1) !== 1 / (4 + 1e-6)) throw new Error("wrong scale");
 * ```
 */
export function gradClipScale(norm: number, maxNorm: number): number {
  const scale = maxNorm / (norm + GRAD_CLIP_EPSILON);
  return scale < 1 ? scale : 1;
}

/**
 * Scales the gradients in place so their global norm is at most `maxNorm`, and returns
 * the norm before clipping. A non-finite norm leaves the gradients untouched (the caller
 * should skip the update).
 *
 * @param grads The gradient tensors, modified in place.
 * @param maxNorm The bound, > 0.
 * @returns The pre-clip global norm.
 * @throws {RangeError} When `maxNorm` is not > 0.
 *
 * @example
 * ```ts
 * import { clipGradNorm } from "./grad_norm.ts";
 * const g = [new Float32Array([3, 4])];
 * const norm = clipGradNorm(g, 1);
 * if (norm !== 5 || Math.abs(g[0]![0]! - 0.6) > 1e-6) throw new Error(`got ${norm}, ${g[0]}`);
 * ```
 */
export function clipGradNorm(grads: Float32Array[], maxNorm = 1): number {
  if (!(maxNorm > 0)) {
    throw new RangeError(
      `Cannot clip gradients as maxNorm must be > 0: current value is ${maxNorm}`,
    );
  }
  const norm = globalGradNorm(grads);
  if (!Number.isFinite(norm)) return norm;
  const scale = gradClipScale(norm, maxNorm);
  if (scale < 1) {
    for (const g of grads) {
      for (let j = 0; j < g.length; j++) g[j] = g[j]! * scale;
    }
  }
  return norm;
}
