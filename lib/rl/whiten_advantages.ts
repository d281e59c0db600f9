/**
 * Step 4 of the advantage pipeline: global whitening over every valid token of the batch,
 * as OpenRLHF's `compute_advantages_and_returns` does it.
 *
 * `μ = Σ A / N`, `σ² = Σ (A - μ)² / N` (population variance, token-weighted, N = number of
 * valid tokens), `A ← (A - μ) · max(σ², 1e-8)^(-1/2)`. Deviation: float64, and μ is
 * accumulated relative to the first token so a constant batch whitens to exact zeros.
 *
 * Whitening couples every response of the batch: to match SeRL, whiten the whole rollout
 * (all 256 responses) before the difficulty filter drops groups.
 *
 * @module
 */
import { assertRagged } from "./_ragged.ts";
import type { RaggedTokens } from "./ragged_tokens.ts";

/** Options for {@linkcode whitenAdvantages}. */
export interface WhitenAdvantagesOptions {
  /**
   * Divide by the standard deviation; `false` only removes the mean (OpenRLHF
   * `--no_advantage_std_norm`).
   * @default {true}
   */
  stdNorm?: boolean;
}

/** The variance floor OpenRLHF clamps σ² to before taking rsqrt. */
export const WHITEN_VARIANCE_FLOOR = 1e-8;

/**
 * Whitens per-token advantages over all tokens of all responses.
 *
 * @param advantages (B, T_i) advantages of the valid tokens.
 * @param options Whether to divide by the standard deviation.
 * @returns (B, T_i) advantages with mean 0 and (population) variance 1 over all tokens.
 *
 * @example
 * ```ts
 * import { whitenAdvantages } from "./whiten_advantages.ts";
 * // tokens 1, 2, 3: μ = 2, σ² = (1 + 0 + 1) / 3
 * const a = whitenAdvantages([[1, 2], [3]]);
 * const s = Math.sqrt(3 / 2);
 * if (Math.abs(a[0]![0]! + s) > 1e-12 || Math.abs(a[1]![0]! - s) > 1e-12) {
 *   throw new Error(`got ${a}`);
 * }
 * ```
 */
export function whitenAdvantages(
  advantages: RaggedTokens,
  options?: WhitenAdvantagesOptions,
): number[][] {
  const { stdNorm = true } = options ?? {};
  assertRagged(advantages, "advantages", "Cannot whiten advantages");
  if (advantages.length === 0) return [];
  const shift = advantages[0]![0]!;
  let count = 0, sum = 0;
  for (const row of advantages) {
    for (const a of row) sum += a - shift;
    count += row.length;
  }
  const mean = shift + sum / count;
  let scale = 1;
  if (stdNorm) {
    let squares = 0;
    for (const row of advantages) {
      for (const a of row) squares += (a - mean) * (a - mean);
    }
    scale = 1 / Math.sqrt(Math.max(squares / count, WHITEN_VARIANCE_FLOOR));
  }
  return advantages.map((row) => row.map((a) => (a - mean) * scale));
}
