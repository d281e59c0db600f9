/**
 * Per-token KL estimators k1, k2, k3 (Schulman, "Approximating KL divergence", 2020,
 * http://joschu.net/blog/kl-approx.html), as OpenRLHF's `compute_approx_kl` computes them.
 *
 * With `d = logp - logp_base`: k1 = d, k2 = d²/2, k3 = exp(-d) - 1 + d. Deviations from
 * SeRL's OpenRLHF 0.7.1: float64 instead of float32; the optional clamp of the estimate to
 * [-10, 10] is later OpenRLHF's behaviour (off by default, as in SeRL). `d` itself is never
 * clamped, in either version.
 *
 * @module
 */
import { assertRagged, assertSameShape } from "./_ragged.ts";
import type { RaggedTokens } from "./ragged_tokens.ts";

/** The KL estimator names OpenRLHF's `--kl_estimator` accepts. */
export type KlEstimator = "k1" | "k2" | "k3";

/** Every {@linkcode KlEstimator}, for validating config values. */
export const KL_ESTIMATORS: readonly KlEstimator[] = ["k1", "k2", "k3"];

/** Bound of the optional clamp of the estimate (later OpenRLHF, commit d90b3d1f). */
export const KL_CLAMP = 10;

/** Options for {@linkcode approxKl} and its relatives. */
export interface ApproxKlOptions {
  /**
   * Clamp the estimate (not `d`) to [-10, 10], as later OpenRLHF does.
   * @default {false}
   */
  clamp?: boolean;
}

function assertEstimator(estimator: unknown): asserts estimator is KlEstimator {
  if (!KL_ESTIMATORS.includes(estimator as KlEstimator)) {
    throw new TypeError(
      `Cannot estimate KL: unknown estimator "${estimator}" (expected k1, k2 or k3)`,
    );
  }
}

function rawKl(d: number, estimator: KlEstimator): number {
  if (estimator === "k1") return d;
  if (estimator === "k2") return d * d / 2;
  return Math.exp(-d) - 1 + d;
}

/**
 * One token's KL estimate between the policy and a base policy.
 *
 * @param logProb log p(token) under the policy being penalised.
 * @param baseLogProb log p(token) under the base (reference) policy.
 * @param estimator "k1", "k2" or "k3".
 * @param options Clamp option.
 * @returns The estimate.
 * @throws {TypeError} On an unknown estimator.
 *
 * @example k3 at d = 1
 * ```ts
 * import { approxKl } from "./kl.ts";
 * const k3 = approxKl(-1, -2, "k3"); // exp(-1) - 1 + 1
 * if (Math.abs(k3 - Math.exp(-1)) > 1e-15) throw new Error(`got ${k3}`);
 * ```
 */
export function approxKl(
  logProb: number,
  baseLogProb: number,
  estimator: KlEstimator,
  options?: ApproxKlOptions,
): number {
  assertEstimator(estimator);
  const { clamp = false } = options ?? {};
  const k = rawKl(logProb - baseLogProb, estimator);
  return clamp ? Math.min(KL_CLAMP, Math.max(-KL_CLAMP, k)) : k;
}

/**
 * Derivative of {@linkcode approxKl} with respect to `logProb` (the base is constant):
 * k1: 1, k2: d, k3: 1 - exp(-d); 0 where the clamp is active (as torch's clamp backward,
 * which passes the gradient on the bounds themselves).
 *
 * @param logProb log p(token) under the policy.
 * @param baseLogProb log p(token) under the base policy.
 * @param estimator "k1", "k2" or "k3".
 * @param options Clamp option.
 * @returns d(estimate)/d(logProb).
 *
 * @example k2's gradient is d
 * ```ts
 * import { approxKlGradient } from "./kl.ts";
 * const g = approxKlGradient(-0.5, -1, "k2");
 * if (g !== 0.5) throw new Error(`got ${g}`);
 * ```
 */
export function approxKlGradient(
  logProb: number,
  baseLogProb: number,
  estimator: KlEstimator,
  options?: ApproxKlOptions,
): number {
  assertEstimator(estimator);
  const { clamp = false } = options ?? {};
  const d = logProb - baseLogProb;
  if (clamp && Math.abs(rawKl(d, estimator)) > KL_CLAMP) return 0;
  if (estimator === "k1") return 1;
  if (estimator === "k2") return d;
  return 1 - Math.exp(-d);
}

/**
 * {@linkcode approxKl} for every token of every response.
 *
 * @param logProbs (B, T_i) log-probs under the policy.
 * @param baseLogProbs (B, T_i) log-probs under the base policy, same shape.
 * @param estimator "k1", "k2" or "k3".
 * @param options Clamp option.
 * @returns (B, T_i) estimates.
 * @throws {RangeError} When the shapes differ.
 *
 * @example
 * ```ts
 * import { approxKlPerToken } from "./kl.ts";
 * const kl = approxKlPerToken([[-1, -2]], [[-1.5, -2]], "k2");
 * if (kl[0]![0] !== 0.125 || kl[0]![1] !== 0) throw new Error(`got ${kl}`);
 * ```
 */
export function approxKlPerToken(
  logProbs: RaggedTokens,
  baseLogProbs: RaggedTokens,
  estimator: KlEstimator,
  options?: ApproxKlOptions,
): number[][] {
  const context = "Cannot estimate KL";
  assertRagged(logProbs, "logProbs", context);
  assertRagged(baseLogProbs, "baseLogProbs", context);
  assertSameShape(baseLogProbs, logProbs, "baseLogProbs", "logProbs", context);
  return logProbs.map((row, i) =>
    row.map((lp, t) => approxKl(lp, baseLogProbs[i]![t]!, estimator, options))
  );
}
