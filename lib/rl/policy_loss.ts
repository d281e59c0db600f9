/**
 * The PPO clipped-surrogate policy loss, in float64, as SeRL's OpenRLHF `PolicyLoss`
 * computes it, with later OpenRLHF's options (asymmetric clip, dual clip, log-ratio clamp).
 * This is the reference the ONNX training graph is tested against, so it also returns the
 * per-token losses and aggregation weights, and {@linkcode policyLossGradient} gives
 * dLoss/dlogp per token.
 *
 * ```
 * ρ = exp(logp - logp_old)        (optionally the log-ratio clamped to ±logRatioClamp first)
 * ℓ = -min(ρA, clamp(ρ, 1 - clipLow, 1 + clipHigh)·A)
 * ℓ = -max(min(…), c·A) for A < 0 with the dual clip c
 * loss = Σ w·ℓ with w from the aggregation mode
 * ```
 *
 * @module
 */
import { clippedSurrogate, type SurrogateParams } from "./_clipped_surrogate.ts";
import { assertRagged, assertSameShape } from "./_ragged.ts";
import { type LossAggregation, lossTokenWeights } from "./loss_aggregation.ts";
import type { RaggedTokens } from "./ragged_tokens.ts";

/** The per-token inputs of {@linkcode policyLoss}, all (B, T_i) over valid tokens. */
export interface PolicyLossInput {
  /** (B, T_i) log-probs of the taken tokens under the current policy. */
  logProbs: RaggedTokens;
  /** (B, T_i) log-probs under the policy that generated the rollout. */
  oldLogProbs: RaggedTokens;
  /** (B, T_i) advantages. */
  advantages: RaggedTokens;
}

/** Options for {@linkcode policyLoss} and {@linkcode policyLossGradient}. */
export interface PolicyLossOptions {
  /** How per-token losses are averaged (SeRL effectively: "seq-mean-token-mean"). */
  aggregation: LossAggregation;
  /**
   * ε_low: the ratio is clipped below at 1 - clipLow.
   * @default {0.2}
   */
  clipLow?: number;
  /**
   * ε_high: the ratio is clipped above at 1 + clipHigh (later OpenRLHF allows ε_high ≠ ε_low).
   * @default {0.2}
   */
  clipHigh?: number;
  /**
   * c > 1 for the dual clip on negative advantages (later OpenRLHF); undefined turns it off.
   * @default {undefined}
   */
  dualClip?: number;
  /**
   * Clamp of the log-ratio before exp (later OpenRLHF uses 20); Infinity turns it off.
   * @default {Infinity}
   */
  logRatioClamp?: number;
  /**
   * L_max for the "dr-grpo" aggregation (required there).
   * @default {undefined}
   */
  maxLength?: number;
}

/** What {@linkcode policyLoss} returns. */
export interface PolicyLossResult {
  /** The aggregated loss Σ w·ℓ. */
  loss: number;
  /** Fraction of valid tokens where the clipped branch binds (surr2 < surr1), token mean. */
  clipFraction: number;
  /** Token mean of logp_old - logp (OpenRLHF's `ppo_kl` metric, k1). */
  approxKl: number;
  /** (B, T_i) per-token loss ℓ. */
  tokenLosses: number[][];
  /** (B, T_i) aggregation weights w (loss = Σ w·ℓ). */
  tokenWeights: number[][];
  /** (B, T_i) probability ratios ρ (after the optional log-ratio clamp). */
  ratios: number[][];
}

function resolve(
  input: PolicyLossInput,
  options: PolicyLossOptions,
): { params: SurrogateParams; weights: number[][] } {
  const context = "Cannot compute the policy loss";
  const { clipLow = 0.2, clipHigh = 0.2, dualClip, logRatioClamp = Infinity } = options;
  if (!(clipLow >= 0 && clipLow < 1)) {
    throw new RangeError(`${context} as clipLow must be in [0, 1): current value is ${clipLow}`);
  }
  if (!(clipHigh >= 0 && Number.isFinite(clipHigh))) {
    throw new RangeError(`${context} as clipHigh must be >= 0: current value is ${clipHigh}`);
  }
  if (dualClip !== undefined && !(dualClip > 1 && Number.isFinite(dualClip))) {
    throw new RangeError(`${context} as dualClip must be > 1: current value is ${dualClip}`);
  }
  if (!(logRatioClamp > 0)) {
    throw new RangeError(
      `${context} as logRatioClamp must be > 0: current value is ${logRatioClamp}`,
    );
  }
  const { logProbs, oldLogProbs, advantages } = input;
  assertRagged(logProbs, "logProbs", context);
  assertRagged(oldLogProbs, "oldLogProbs", context);
  assertRagged(advantages, "advantages", context);
  assertSameShape(oldLogProbs, logProbs, "oldLogProbs", "logProbs", context);
  assertSameShape(advantages, logProbs, "advantages", "logProbs", context);
  const weights = lossTokenWeights(
    logProbs.map((row) => row.length),
    options.aggregation,
    options.maxLength === undefined ? {} : { maxLength: options.maxLength },
  );
  return { params: { clipLow, clipHigh, dualClip, logRatioClamp }, weights };
}

/**
 * The clipped-surrogate policy loss of a batch and its metrics.
 *
 * @param input Current and old log-probs and advantages, (B, T_i) each.
 * @param options Aggregation mode and clip options.
 * @returns The loss, clip fraction, approximate KL and per-token details.
 * @throws {TypeError|RangeError} On inconsistent shapes or out-of-range options.
 *
 * @example At ρ = 1 the loss is minus the weighted advantage
 * ```ts
 * import { policyLoss } from "./policy_loss.ts";
 * const { loss, clipFraction } = policyLoss(
 *   { logProbs: [[-1, -2], [-3]], oldLogProbs: [[-1, -2], [-3]], advantages: [[1, 1], [-2]] },
 *   { aggregation: "token-mean" },
 * );
 * // -(1 + 1 - 2) / 3
 * if (loss !== 0 || clipFraction !== 0) throw new Error(`got ${loss}, ${clipFraction}`);
 * ```
 */
export function policyLoss(input: PolicyLossInput, options: PolicyLossOptions): PolicyLossResult {
  const { params, weights } = resolve(input, options);
  const { logProbs, oldLogProbs, advantages } = input;
  let loss = 0, clippedCount = 0, klSum = 0, count = 0;
  const tokenLosses: number[][] = [], ratios: number[][] = [];
  for (let i = 0; i < logProbs.length; i++) {
    const lossRow: number[] = [], ratioRow: number[] = [];
    for (let t = 0; t < logProbs[i]!.length; t++) {
      const lp = logProbs[i]![t]!, old = oldLogProbs[i]![t]!;
      const token = clippedSurrogate(lp, old, advantages[i]![t]!, params);
      lossRow.push(token.loss);
      ratioRow.push(token.ratio);
      loss += weights[i]![t]! * token.loss;
      if (token.clipped) clippedCount++;
      klSum += old - lp;
      count++;
    }
    tokenLosses.push(lossRow);
    ratios.push(ratioRow);
  }
  return {
    loss,
    clipFraction: clippedCount / count,
    approxKl: klSum / count,
    tokenLosses,
    tokenWeights: weights,
    ratios,
  };
}

/**
 * dLoss/dlogp for every token: `w·dℓ/dlogp`, with `dℓ/dlogp = -ρ·A` where the surrogate
 * branch is active and 0 where the ratio clip, the dual clip or the log-ratio clamp binds.
 * The reference for the training graph's gradient at its log-prob input.
 *
 * @param input Current and old log-probs and advantages, (B, T_i) each.
 * @param options The same options as {@linkcode policyLoss}.
 * @returns (B, T_i) gradient of the aggregated loss with respect to `logProbs`.
 * @throws {TypeError|RangeError} On inconsistent shapes or out-of-range options.
 *
 * @example A clipped token gets no gradient
 * ```ts
 * import { policyLossGradient } from "./policy_loss.ts";
 * // token 0: ρ = 1, A = 1 -> -1 · w (w = 1/2); token 1: ρ = e > 1.2, A = 1 -> clipped
 * const g = policyLossGradient(
 *   { logProbs: [[-1, -1]], oldLogProbs: [[-1, -2]], advantages: [[1, 1]] },
 *   { aggregation: "token-mean" },
 * );
 * if (g[0]![0] !== -0.5 || g[0]![1] !== 0) throw new Error(`got ${g}`);
 * ```
 */
export function policyLossGradient(input: PolicyLossInput, options: PolicyLossOptions): number[][] {
  const { params, weights } = resolve(input, options);
  const { logProbs, oldLogProbs, advantages } = input;
  return logProbs.map((row, i) =>
    row.map((lp, t) =>
      weights[i]![t]! *
      clippedSurrogate(lp, oldLogProbs[i]![t]!, advantages[i]![t]!, params).gradient
    )
  );
}
