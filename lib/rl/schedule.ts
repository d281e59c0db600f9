/**
 * The learning-rate schedule of SeRL's OpenRLHF: transformers'
 * `get_scheduler("cosine_with_min_lr", num_warmup_steps=ceil(total·warmup_ratio),
 * num_training_steps=total, min_lr=0.1·lr)`, i.e. a linear warm-up from 0, then a half
 * cosine from lr down to the floor:
 *
 * ```
 * W = ceil(total · warmupRatio)
 * step < W:  lr · step / max(1, W)
 * else:      p = (step - W) / max(1, total - W)
 *            lr · (minLrRatio + (1 - minLrRatio) · (1 + cos(π·p)) / 2)
 * ```
 *
 * `step` counts the optimizer updates already taken, so the first update uses step 0,
 * which is lr 0 whenever W > 0 (torch's LambdaLR does the same).
 *
 * @module
 */

/** Options for {@linkcode cosineLearningRate}. */
export interface CosineLearningRateOptions {
  /** Peak learning rate (SeRL: 5e-7 for full fine-tuning). */
  lr: number;
  /** Total number of optimizer steps of the run. */
  totalSteps: number;
  /**
   * Fraction of `totalSteps` spent warming up (OpenRLHF `--lr_warmup_ratio`), rounded up.
   * @default {0.03}
   */
  warmupRatio?: number;
  /**
   * The floor as a fraction of `lr` (OpenRLHF hard-codes min_lr = 0.1 · lr).
   * @default {0.1}
   */
  minLrRatio?: number;
}

/**
 * Learning rate for the update after `step` completed updates.
 *
 * @param step Number of optimizer updates taken so far, 0 … totalSteps.
 * @param options Peak lr, total steps, warm-up ratio and floor.
 * @returns The learning rate.
 * @throws {RangeError} When `step` is outside [0, totalSteps] or an option is invalid.
 *
 * @example Warm-up end, midpoint and end of a 200-step run (6 warm-up steps)
 * ```ts
 * import { cosineLearningRate } from "./schedule.ts";
 * const o = { lr: 1, totalSteps: 200 };
 * if (cosineLearningRate(6, o) !== 1) throw new Error("warm-up end");
 * // (6 + 194 / 2): 0.1 + 0.9 · (1 + cos(π/2)) / 2
 * if (Math.abs(cosineLearningRate(103, o) - 0.55) > 1e-12) throw new Error("midpoint");
 * if (Math.abs(cosineLearningRate(200, o) - 0.1) > 1e-12) throw new Error("end");
 * ```
 */
export function cosineLearningRate(step: number, options: CosineLearningRateOptions): number {
  const { lr, totalSteps, warmupRatio = 0.03, minLrRatio = 0.1 } = options;
  const context = "Cannot compute the learning rate";
  if (!(lr >= 0 && Number.isFinite(lr))) {
    throw new RangeError(`${context} as lr must be >= 0: current value is ${lr}`);
  }
  if (!Number.isSafeInteger(totalSteps) || totalSteps < 1) {
    throw new RangeError(
      `${context} as totalSteps must be an integer >= 1: current value is ${totalSteps}`,
    );
  }
  if (!(warmupRatio >= 0 && warmupRatio <= 1)) {
    throw new RangeError(
      `${context} as warmupRatio must be in [0, 1]: current value is ${warmupRatio}`,
    );
  }
  if (!(minLrRatio >= 0 && minLrRatio <= 1)) {
    throw new RangeError(
      `${context} as minLrRatio must be in [0, 1]: current value is ${minLrRatio}`,
    );
  }
  if (!Number.isSafeInteger(step) || step < 0 || step > totalSteps) {
    throw new RangeError(
      `${context} as step must be in [0, ${totalSteps}]: current value is ${step}`,
    );
  }
  const warmup = cosineWarmupSteps(totalSteps, warmupRatio);
  if (step < warmup) return lr * step / Math.max(1, warmup);
  const progress = (step - warmup) / Math.max(1, totalSteps - warmup);
  const cosine = 0.5 * (1 + Math.cos(Math.PI * progress));
  return lr * Math.max(0, cosine * (1 - minLrRatio) + minLrRatio);
}

/**
 * Number of warm-up steps: `ceil(totalSteps · warmupRatio)`, as OpenRLHF computes it.
 *
 * @param totalSteps Total optimizer steps.
 * @param warmupRatio Fraction spent warming up.
 * @returns The warm-up length in steps (the float product is rounded up as Python does,
 *   so e.g. 100 · 0.07 = 7.000000000000001 gives 8, as in OpenRLHF).
 *
 * @example
 * ```ts
 * import { cosineWarmupSteps } from "./schedule.ts";
 * if (cosineWarmupSteps(100, 0.03) !== 3 || cosineWarmupSteps(10, 0.03) !== 1) {
 *   throw new Error("wrong warm-up");
 * }
 * ```
 */
export function cosineWarmupSteps(totalSteps: number, warmupRatio: number): number {
  return Math.ceil(totalSteps * warmupRatio);
}
