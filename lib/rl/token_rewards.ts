/**
 * Step 2 of the advantage pipeline: per-token rewards from a scalar (shaped) reward per
 * response and a per-token KL estimate, as OpenRLHF's `compute_reward` builds them.
 *
 * @module
 */
import { assertFiniteList, assertRagged } from "./_ragged.ts";
import type { RaggedTokens } from "./ragged_tokens.ts";

/** Options for {@linkcode tokenRewards}. */
export interface TokenRewardsOptions {
  /**
   * β, the KL coefficient; β <= 0 turns the KL term off (OpenRLHF: `kl_coef <= 0 -> 0`).
   * @default {0}
   */
  klCoef?: number;
  /**
   * The scalar reward is clamped to [-rewardClip, rewardClip] before it is placed
   * (OpenRLHF `--reward_clip_range`); `Infinity` turns the clip off.
   * @default {10}
   */
  rewardClip?: number;
}

/**
 * Per-token rewards `r[i][t] = -β·kl[i][t] + [t = T_i - 1]·clamp(R̃_i, -c, c)`: the KL
 * penalty at every token and the clipped scalar reward on the last valid token.
 *
 * @param shapedRewards (B) the scalar reward of each response after group shaping (R̃).
 * @param tokenKl (B, T_i) the KL estimate of each valid token; its row lengths give T_i.
 * @param options β and the reward clip.
 * @returns (B, T_i) per-token rewards.
 * @throws {RangeError} When the lengths disagree or an option is out of range.
 *
 * @example The reward lands on the last token, clipped
 * ```ts
 * import { tokenRewards } from "./token_rewards.ts";
 * const r = tokenRewards([12], [[0.5, 1]], { klCoef: 0.1 });
 * // [-0.1 * 0.5, -0.1 * 1 + clamp(12, -10, 10)]
 * if (r[0]![0] !== -0.05 || r[0]![1] !== 9.9) throw new Error(`got ${r}`);
 * ```
 */
export function tokenRewards(
  shapedRewards: readonly number[],
  tokenKl: RaggedTokens,
  options?: TokenRewardsOptions,
): number[][] {
  const context = "Cannot compute per-token rewards";
  const { klCoef = 0, rewardClip = 10 } = options ?? {};
  if (!Number.isFinite(klCoef)) {
    throw new RangeError(`${context}: klCoef must be finite, got ${klCoef}`);
  }
  if (!(rewardClip > 0)) {
    throw new RangeError(`${context}: rewardClip must be > 0, got ${rewardClip}`);
  }
  assertFiniteList(shapedRewards, "shapedRewards", context);
  assertRagged(tokenKl, "tokenKl", context);
  if (shapedRewards.length !== tokenKl.length) {
    throw new RangeError(
      `${context}: ${shapedRewards.length} rewards for ${tokenKl.length} responses`,
    );
  }
  const beta = klCoef > 0 ? klCoef : 0;
  return tokenKl.map((row, i) => {
    const out = row.map((k) => beta === 0 ? 0 : -beta * k);
    const last = out.length - 1;
    out[last] = out[last]! + Math.min(rewardClip, Math.max(-rewardClip, shapedRewards[i]!));
    return out;
  });
}
