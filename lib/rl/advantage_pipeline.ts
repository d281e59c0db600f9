/**
 * The advantage pipeline shared by all critic-free estimators (SeRL's OpenRLHF 0.7.1,
 * `experience_maker.py` `compute_advantages_and_returns`), after group shaping:
 * per-token reward with the KL penalty ({@linkcode tokenRewards}), returns-to-go
 * ({@linkcode cumulativeReturns}), advantage = return, then optional global whitening
 * ({@linkcode whitenAdvantages}). Each estimator only decides the shaped scalar reward R̃
 * and its defaults; see `ADVANTAGE_ESTIMATORS`.
 *
 * @module
 */
import { assertAdvantageInput } from "./_advantage_input.ts";
import type { RaggedTokens } from "./ragged_tokens.ts";
import { cumulativeReturns } from "./cumulative_returns.ts";
import { approxKlPerToken, type KlEstimator } from "./kl.ts";
import { tokenRewards } from "./token_rewards.ts";
import { whitenAdvantages } from "./whiten_advantages.ts";

/** What an advantage estimator reads: one rollout batch, groups as contiguous blocks. */
export interface AdvantageInput {
  /** (B) scalar reward R_i of each response; responses i·n … i·n+n-1 share a prompt. */
  rewards: readonly number[];
  /** n, the number of responses per prompt (`n_samples_per_prompt`). */
  groupSize: number;
  /** (B, T_i) log-probs of the valid response tokens under the old policy (rollout time). */
  logProbs: RaggedTokens;
  /** (B, T_i) log-probs under the reference policy; needed when the KL enters the reward. */
  refLogProbs?: RaggedTokens;
}

/** Options shared by every advantage estimator. */
export interface AdvantageOptions {
  /** β (`init_kl_coef`); β <= 0 means no KL term. SeRL scripts use 1e-3. */
  klCoef: number;
  /** The KL estimator (`--kl_estimator`); SeRL uses k1 in the reward, k3 as GRPO's loss. */
  klEstimator: KlEstimator;
  /**
   * Put `-β·k(logp_old - logp_ref)` into every token's reward. Set it to `false` when the
   * KL is a loss term instead (OpenRLHF `--use_kl_loss`, SeRL's GRPO script).
   * @default {true}
   */
  klInReward?: boolean;
  /**
   * γ, the per-token discount. Only `reinforce_pp` honours it; the group estimators throw
   * on γ ≠ 1 (OpenRLHF silently forces 1.0 for them).
   * @default {1}
   */
  gamma?: number;
  /**
   * Whiten over all tokens of the batch. Defaults per estimator as in SeRL's OpenRLHF:
   * on for reinforce_pp, reinforce_pp_baseline and rloo, off for grpo and dr_grpo.
   * @default {depends on the estimator}
   */
  whiten?: boolean;
  /**
   * When whitening, divide by σ (`false` = `--no_advantage_std_norm`).
   * @default {true}
   */
  stdNorm?: boolean;
  /**
   * Clip of the shaped scalar reward (`--reward_clip_range`); `Infinity` turns it off.
   * @default {10}
   */
  rewardClip?: number;
  /**
   * Clamp the per-token KL estimate to [-10, 10] (later OpenRLHF).
   * @default {false}
   */
  klClamp?: boolean;
}

/** The one signature of every advantage estimator: (B, T_i) advantages. */
export type AdvantageEstimator = (
  input: AdvantageInput,
  options: AdvantageOptions,
) => number[][];

/**
 * Runs steps 2 to 4 of the pipeline on already-shaped scalar rewards R̃. Building block
 * for custom estimators; the named estimators call it.
 *
 * @param shapedRewards (B) R̃ of each response.
 * @param input The batch (its `rewards` are only validated here, R̃ replaces them).
 * @param options Pipeline options; `whiten` defaults to `true` here.
 * @returns (B, T_i) advantages.
 * @throws {TypeError|RangeError} On inconsistent shapes or out-of-range options.
 *
 * @example R̃ = R with no KL and no whitening is the reward on every token
 * ```ts
 * import { advantagesFromShapedRewards } from "./advantage_pipeline.ts";
 * const a = advantagesFromShapedRewards([1, 0], {
 *   rewards: [1, 0], groupSize: 2, logProbs: [[-1, -2], [-3]],
 * }, { klCoef: 0, klEstimator: "k1", whiten: false });
 * if (a[0]!.join() !== "1,1" || a[1]!.join() !== "0") throw new Error(`got ${a}`);
 * ```
 */
export function advantagesFromShapedRewards(
  shapedRewards: readonly number[],
  input: AdvantageInput,
  options: AdvantageOptions,
): number[][] {
  const {
    klCoef,
    klEstimator,
    klInReward = true,
    gamma = 1,
    whiten = true,
    stdNorm = true,
    rewardClip = 10,
    klClamp = false,
  } = options;
  assertAdvantageInput(input, options, "Cannot compute advantages", 1);
  if (shapedRewards.length !== input.rewards.length) {
    throw new RangeError(
      `Cannot compute advantages: ${shapedRewards.length} shaped rewards for ` +
        `${input.rewards.length} responses`,
    );
  }
  const useKl = klInReward && klCoef > 0;
  const tokenKl = useKl
    ? approxKlPerToken(input.logProbs, input.refLogProbs!, klEstimator, { clamp: klClamp })
    : input.logProbs.map((row) => row.map(() => 0));
  const rewards = tokenRewards(shapedRewards, tokenKl, { klCoef: useKl ? klCoef : 0, rewardClip });
  const returns = cumulativeReturns(rewards, { gamma });
  return whiten ? whitenAdvantages(returns, { stdNorm }) : returns;
}
