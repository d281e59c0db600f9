/**
 * Step 3 of the advantage pipeline: discounted returns-to-go, as OpenRLHF's
 * `get_cumulative_returns` computes them. For the critic-free estimators the advantage is
 * this return.
 *
 * @module
 */
import { assertRagged } from "./_ragged.ts";
import type { RaggedTokens } from "./ragged_tokens.ts";

/** Options for {@linkcode cumulativeReturns}. */
export interface CumulativeReturnsOptions {
  /**
   * γ, the discount per token, in [0, 1].
   * @default {1}
   */
  gamma?: number;
}

/**
 * Returns-to-go `G[i][t] = Σ_{s=t}^{T_i-1} γ^(s-t)·r[i][s]` of each response.
 *
 * @param rewards (B, T_i) per-token rewards.
 * @param options The discount.
 * @returns (B, T_i) returns.
 * @throws {RangeError} When γ is outside [0, 1].
 *
 * @example
 * ```ts
 * import { cumulativeReturns } from "./cumulative_returns.ts";
 * const g = cumulativeReturns([[1, 2, 4]], { gamma: 0.5 });
 * // [1 + 0.5·2 + 0.25·4, 2 + 0.5·4, 4]
 * if (g[0]!.join() !== "3,4,4") throw new Error(`got ${g}`);
 * ```
 */
export function cumulativeReturns(
  rewards: RaggedTokens,
  options?: CumulativeReturnsOptions,
): number[][] {
  const context = "Cannot compute returns";
  const { gamma = 1 } = options ?? {};
  if (!(gamma >= 0 && gamma <= 1)) {
    throw new RangeError(`${context}: gamma must be in [0, 1], got ${gamma}`);
  }
  assertRagged(rewards, "rewards", context);
  return rewards.map((row) => {
    const out = new Array<number>(row.length);
    let acc = 0;
    for (let t = row.length - 1; t >= 0; t--) {
      acc = row[t]! + gamma * acc;
      out[t] = acc;
    }
    return out;
  });
}
