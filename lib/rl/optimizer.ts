/**
 * Adam / AdamW over Float32Array parameters, with global grad-norm clipping and a
 * non-finite-gradient skip folded into one step. Matches torch's AdamW and DeepSpeed's
 * FusedAdam (`adam_w_mode`, what OpenRLHF uses): bias-corrected moments,
 * `p ← p - lr·(m̂ / (sqrt(v̂) + ε) + wd·p)`; betas (0.9, 0.95) as OpenRLHF's `--adam_betas`.
 *
 * The state is plain data (a step count and one m and one v Float32Array per tensor), so a
 * checkpoint writes it as is. Updates run in place with no allocation per step. Moments are
 * rounded to float32 as stored and the rest of the arithmetic is float64 per element
 * (torch: float32 throughout), so values differ from torch in the last bits; a resumed run is still bit-identical to an uninterrupted one.
 *
 * @module
 */
import { globalGradNorm, gradClipScale } from "./grad_norm.ts";

/** Adam's state: what a checkpoint stores to resume bit for bit. */
export interface AdamState {
  /** Number of updates applied so far (skipped steps do not count). */
  step: number;
  /** First moments, one per parameter tensor, same lengths. */
  m: Float32Array[];
  /** Second moments, one per parameter tensor, same lengths. */
  v: Float32Array[];
}

/**
 * Fresh (zero) Adam state for the given parameters.
 *
 * @param params The trainable tensors.
 * @returns State at step 0.
 *
 * @example
 * ```ts
 * import { createAdamState } from "./optimizer.ts";
 * const s = createAdamState([new Float32Array(3)]);
 * if (s.step !== 0 || s.m[0]!.length !== 3) throw new Error("bad state");
 * ```
 */
export function createAdamState(params: readonly Float32Array[]): AdamState {
  return {
    step: 0,
    m: params.map((p) => new Float32Array(p.length)),
    v: params.map((p) => new Float32Array(p.length)),
  };
}

/**
 * Throws unless `state` fits `params` (e.g. after loading a checkpoint).
 *
 * @param params The trainable tensors.
 * @param state The state to check.
 * @throws {RangeError} On a count or length mismatch or a bad step.
 *
 * @example
 * ```ts
 * import { assertAdamState, createAdamState } from "./optimizer.ts";
 * assertAdamState([new Float32Array(2)], createAdamState([new Float32Array(2)]));
 * ```
 */
export function assertAdamState(params: readonly Float32Array[], state: AdamState): void {
  const context = "Cannot use Adam state";
  if (!Number.isSafeInteger(state.step) || state.step < 0) {
    throw new RangeError(`${context}: step must be an integer >= 0, got ${state.step}`);
  }
  if (state.m.length !== params.length || state.v.length !== params.length) {
    throw new RangeError(
      `${context}: expected ${params.length} tensors, got m ${state.m.length}, v ${state.v.length}`,
    );
  }
  for (let k = 0; k < params.length; k++) {
    const n = params[k]!.length;
    if (state.m[k]!.length !== n || state.v[k]!.length !== n) {
      throw new RangeError(
        `${context}: tensor ${k} has ${n} parameters, m has ${state.m[k]!.length}, ` +
          `v has ${state.v[k]!.length}`,
      );
    }
  }
}

/** Options for {@linkcode adamStep}. */
export interface AdamStepOptions {
  /** Learning rate of this step (from the schedule). */
  lr: number;
  /**
   * β1, decay of the first moment.
   * @default {0.9}
   */
  beta1?: number;
  /**
   * β2, decay of the second moment (OpenRLHF: 0.95).
   * @default {0.95}
   */
  beta2?: number;
  /**
   * ε added to sqrt(v̂).
   * @default {1e-8}
   */
  eps?: number;
  /**
   * Weight decay (OpenRLHF `--l2`).
   * @default {0}
   */
  weightDecay?: number;
  /**
   * Decoupled weight decay (AdamW, `p ← p - lr·wd·p`); `false` adds `wd·p` to the gradient
   * (classic Adam with L2).
   * @default {true}
   */
  decoupledWeightDecay?: boolean;
  /**
   * Clip the global gradient norm to this (`Infinity`: no clipping).
   * @default {1}
   */
  maxGradNorm?: number;
}

/** What {@linkcode adamStep} reports. */
export interface AdamStepResult {
  /** False when the gradient had a NaN or Inf: nothing was changed. */
  applied: boolean;
  /** Global gradient norm before clipping (NaN or Inf when not applied). */
  gradNorm: number;
}

/**
 * One optimizer step: checks the gradients (a NaN or Inf skips the step and leaves params
 * and state untouched; the caller counts consecutive skips), clips their global norm,
 * then updates params and state in place. The gradients themselves are not modified.
 *
 * @param params The trainable tensors, updated in place.
 * @param grads Their gradients, same shapes.
 * @param state The Adam state, updated in place.
 * @param options Learning rate and hyperparameters.
 * @returns Whether the step was applied and the pre-clip gradient norm.
 * @throws {RangeError} On shape mismatches or out-of-range hyperparameters.
 *
 * @example The first step moves each parameter by about lr against its gradient's sign
 * ```ts
 * import { adamStep, createAdamState } from "./optimizer.ts";
 * const p = [new Float32Array([1, 1])];
 * const s = createAdamState(p);
 * const r = adamStep(p, [new Float32Array([0.1, -0.2])], s, { lr: 0.01 });
 * if (!r.applied || Math.abs(p[0]![0]! - 0.99) > 1e-6 || Math.abs(p[0]![1]! - 1.01) > 1e-6) {
 *   throw new Error(`got ${p[0]}`);
 * }
 * ```
 */
export function adamStep(
  params: Float32Array[],
  grads: readonly Float32Array[],
  state: AdamState,
  options: AdamStepOptions,
): AdamStepResult {
  const {
    lr,
    beta1 = 0.9,
    beta2 = 0.95,
    eps = 1e-8,
    weightDecay = 0,
    decoupledWeightDecay = true,
    maxGradNorm = 1,
  } = options;
  const context = "Cannot take an Adam step";
  if (!(lr >= 0 && Number.isFinite(lr))) {
    throw new RangeError(`${context}: lr must be >= 0, got ${lr}`);
  }
  if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
    throw new RangeError(`${context}: betas must be in [0, 1), got ${beta1}, ${beta2}`);
  }
  if (!(eps > 0) || !(weightDecay >= 0) || !(maxGradNorm > 0)) {
    throw new RangeError(
      `${context}: eps and maxGradNorm must be > 0 and weightDecay >= 0, ` +
        `got ${eps}, ${maxGradNorm}, ${weightDecay}`,
    );
  }
  if (grads.length !== params.length) {
    throw new RangeError(`${context}: ${params.length} tensors, ${grads.length} gradients`);
  }
  for (let k = 0; k < params.length; k++) {
    if (grads[k]!.length !== params[k]!.length) {
      throw new RangeError(
        `${context}: tensor ${k} has ${params[k]!.length} parameters, ` +
          `its gradient ${grads[k]!.length}`,
      );
    }
  }
  assertAdamState(params, state);

  const gradNorm = globalGradNorm(grads);
  if (!Number.isFinite(gradNorm)) return { applied: false, gradNorm };
  const clip = gradClipScale(gradNorm, maxGradNorm);

  const step = state.step + 1;
  const stepSize = lr / (1 - beta1 ** step);
  const invSqrtBc2 = 1 / Math.sqrt(1 - beta2 ** step);
  const decay = decoupledWeightDecay ? lr * weightDecay : 0;
  const l2 = decoupledWeightDecay ? 0 : weightDecay;
  const oneMinusBeta1 = 1 - beta1, oneMinusBeta2 = 1 - beta2;
  for (let k = 0; k < params.length; k++) {
    const p = params[k]!, g = grads[k]!, m = state.m[k]!, v = state.v[k]!;
    const n = p.length;
    for (let j = 0; j < n; j++) {
      const pj = p[j]!;
      const gj = g[j]! * clip + l2 * pj;
      const mj = Math.fround(beta1 * m[j]! + oneMinusBeta1 * gj);
      const vj = Math.fround(beta2 * v[j]! + oneMinusBeta2 * gj * gj);
      m[j] = mj;
      v[j] = vj;
      p[j] = pj - decay * pj - stepSize * mj / (Math.sqrt(vj) * invSqrtBc2 + eps);
    }
  }
  state.step = step;
  return { applied: true, gradNorm };
}
