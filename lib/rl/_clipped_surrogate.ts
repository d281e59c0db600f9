/**
 * One token of the PPO clipped surrogate, with its derivative. Private to the area; the
 * public functions are `policyLoss` and `policyLossGradient`.
 *
 * @module
 */

/** Resolved options of the clipped surrogate (all validated by the caller). */
export interface SurrogateParams {
  clipLow: number;
  clipHigh: number;
  /** c > 1, or undefined for no dual clip. */
  dualClip: number | undefined;
  /** Bound of the log-ratio clamp; Infinity for none. */
  logRatioClamp: number;
}

/** One token's loss ℓ, dℓ/dlogp, ratio and whether the ratio clip binds. */
export interface SurrogateToken {
  loss: number;
  gradient: number;
  ratio: number;
  clipped: boolean;
}

/**
 * ℓ = -min(ρA, clamp(ρ, 1-ε_low, 1+ε_high)·A), with the dual clip `-max(min(…), c·A)` for
 * A < 0. Gradient conventions follow torch: clamp passes the gradient on its bounds, and
 * where both branches of a min/max tie they carry the same derivative except at the dual
 * clip's tie point, where this takes the surrogate branch.
 */
export function clippedSurrogate(
  logProb: number,
  oldLogProb: number,
  advantage: number,
  params: SurrogateParams,
): SurrogateToken {
  const { clipLow, clipHigh, dualClip, logRatioClamp } = params;
  const logRatio = logProb - oldLogProb;
  const clampedLogRatio = Math.min(logRatioClamp, Math.max(-logRatioClamp, logRatio));
  const ratio = Math.exp(clampedLogRatio);
  const dRatio = Math.abs(logRatio) <= logRatioClamp ? ratio : 0;
  const surr1 = ratio * advantage;
  const surr2 = Math.min(1 + clipHigh, Math.max(1 - clipLow, ratio)) * advantage;
  const clipped = surr2 < surr1;
  let objective = clipped ? surr2 : surr1;
  let gradient = clipped ? 0 : -dRatio * advantage;
  if (dualClip !== undefined && advantage < 0 && dualClip * advantage > objective) {
    objective = dualClip * advantage;
    gradient = 0;
  }
  return { loss: -objective, gradient, ratio, clipped };
}
