/**
 * The KL loss term, for when the KL to the reference policy is a loss rather than part of
 * the reward (OpenRLHF `--use_kl_loss`; SeRL's GRPO script with k3). The total loss is
 * `L = L_pg + β·KL_agg`; this computes KL_agg (without β) and its gradient.
 *
 * SeRL's OpenRLHF 0.7.1 (`ppo_actor.py`) takes each sequence's token mean, then the mean
 * over the micro-batch's sequences: the "seq-mean-token-mean" aggregation, the default
 * here. Later OpenRLHF aggregates like the policy loss ("token-mean" by default).
 *
 * @module
 */
import { assertRagged, assertSameShape } from "./_ragged.ts";
import { approxKl, approxKlGradient, type KlEstimator } from "./kl.ts";
import { type LossAggregation, lossTokenWeights } from "./loss_aggregation.ts";
import type { RaggedTokens } from "./ragged_tokens.ts";

/** The per-token inputs of {@linkcode klLoss}, (B, T_i) over valid tokens. */
export interface KlLossInput {
  /** (B, T_i) log-probs under the current policy (the gradient flows through these). */
  logProbs: RaggedTokens;
  /** (B, T_i) log-probs under the frozen reference policy. */
  refLogProbs: RaggedTokens;
}

/** Options for {@linkcode klLoss} and {@linkcode klLossGradient}. */
export interface KlLossOptions {
  /** The KL estimator (k3 for GRPO; OpenRLHF recommends k2 or k3 as a loss). */
  estimator: KlEstimator;
  /**
   * Clamp each estimate to [-10, 10] (later OpenRLHF).
   * @default {false}
   */
  clamp?: boolean;
  /**
   * Aggregation over tokens and sequences.
   * @default {"seq-mean-token-mean"}
   */
  aggregation?: LossAggregation;
  /**
   * L_max for the "dr-grpo" aggregation.
   * @default {undefined}
   */
  maxLength?: number;
}

/** What {@linkcode klLoss} returns. */
export interface KlLossResult {
  /** KL_agg = Σ w·k (multiply by β for the loss term). */
  loss: number;
  /** (B, T_i) per-token estimates k(logp - logp_ref). */
  tokenKl: number[][];
  /** (B, T_i) aggregation weights w. */
  tokenWeights: number[][];
}

function resolveWeights(input: KlLossInput, options: KlLossOptions): number[][] {
  const context = "Cannot compute the KL loss";
  const { logProbs, refLogProbs } = input;
  assertRagged(logProbs, "logProbs", context);
  assertRagged(refLogProbs, "refLogProbs", context);
  assertSameShape(refLogProbs, logProbs, "refLogProbs", "logProbs", context);
  const { aggregation = "seq-mean-token-mean", maxLength } = options;
  return lossTokenWeights(
    logProbs.map((row) => row.length),
    aggregation,
    maxLength === undefined ? {} : { maxLength },
  );
}

/**
 * The aggregated KL estimate between the current and the reference policy.
 *
 * @param input Current and reference log-probs, (B, T_i).
 * @param options Estimator, clamp and aggregation.
 * @returns KL_agg with per-token details.
 * @throws {TypeError|RangeError} On inconsistent shapes or an unknown estimator.
 *
 * @example k1, per-sequence mean then mean over sequences
 * ```ts
 * import { klLoss } from "./kl_loss.ts";
 * const { loss } = klLoss(
 *   { logProbs: [[-1], [-1, -1]], refLogProbs: [[-2], [-1, -3]] },
 *   { estimator: "k1" },
 * );
 * // sequence means: 1 and (0 + 2) / 2 = 1; mean 1
 * if (loss !== 1) throw new Error(`got ${loss}`);
 * ```
 */
export function klLoss(input: KlLossInput, options: KlLossOptions): KlLossResult {
  const weights = resolveWeights(input, options);
  const { estimator, clamp = false } = options;
  const tokenKl = input.logProbs.map((row, i) =>
    row.map((lp, t) => approxKl(lp, input.refLogProbs[i]![t]!, estimator, { clamp }))
  );
  let loss = 0;
  for (let i = 0; i < tokenKl.length; i++) {
    for (let t = 0; t < tokenKl[i]!.length; t++) loss += weights[i]![t]! * tokenKl[i]![t]!;
  }
  return { loss, tokenKl, tokenWeights: weights };
}

/**
 * d(KL_agg)/dlogp for every token: `w·dk/dlogp` (k1: 1, k2: d, k3: 1 - exp(-d); 0 where
 * the clamp binds).
 *
 * @param input Current and reference log-probs, (B, T_i).
 * @param options The same options as {@linkcode klLoss}.
 * @returns (B, T_i) gradient with respect to `logProbs`.
 * @throws {TypeError|RangeError} On inconsistent shapes or an unknown estimator.
 *
 * @example k3's gradient vanishes where the policies agree
 * ```ts
 * import { klLossGradient } from "./kl_loss.ts";
 * const g = klLossGradient({ logProbs: [[-1, -1]], refLogProbs: [[-1, -2]] }, {
 *   estimator: "k3",
 * });
 * // token 1: d = 1, w = 1/2 -> (1 - e^-1) / 2
 * if (g[0]![0] !== 0 || Math.abs(g[0]![1]! - (1 - Math.exp(-1)) / 2) > 1e-15) {
 *   throw new Error(`got ${g}`);
 * }
 * ```
 */
export function klLossGradient(input: KlLossInput, options: KlLossOptions): number[][] {
  const weights = resolveWeights(input, options);
  const { estimator, clamp = false } = options;
  return input.logProbs.map((row, i) =>
    row.map((lp, t) =>
      weights[i]![t]! * approxKlGradient(lp, input.refLogProbs[i]![t]!, estimator, { clamp })
    )
  );
}
