/**
 * The mathematics of serl's RL step, as pure functions over plain data: the
 * {@linkcode Experience} record, KL estimators, the advantage estimators of SeRL's
 * OpenRLHF (REINFORCE++, REINFORCE++-baseline, RLOO, GRPO, Dr.GRPO) behind one signature
 * in {@linkcode ADVANTAGE_ESTIMATORS}, the clipped-surrogate policy loss and KL loss with
 * their gradients, Adam/AdamW with grad-norm clipping, the cosine learning-rate schedule,
 * and gradient accumulation weights. The ONNX training step builds on these.
 *
 * ```ts
 * import { computeAdvantages, policyLoss } from "./mod.ts";
 * const advantages = computeAdvantages(
 *   { rewards: [1, 0, 0, 0], groupSize: 4, logProbs: [[-1], [-1], [-1, -2], [-3]] },
 *   { estimator: "grpo", klCoef: 0, klEstimator: "k3", klInReward: false },
 * );
 * const logProbs = [[-1], [-1], [-1, -2], [-3]];
 * const { loss } = policyLoss(
 *   { logProbs, oldLogProbs: logProbs, advantages },
 *   { aggregation: "seq-mean-token-mean" },
 * );
 * // ρ = 1 everywhere, so the loss is minus the mean advantage per sequence: 0
 * if (Math.abs(loss) > 1e-12) throw new Error(`got ${loss}`);
 * ```
 *
 * @module
 */
export * from "./advantage_pipeline.ts";
export * from "./compute_advantages.ts";
export * from "./cumulative_returns.ts";
export * from "./dr_grpo.ts";
export * from "./experience.ts";
export * from "./grad_accumulation.ts";
export * from "./grad_norm.ts";
export * from "./grpo.ts";
export * from "./kl.ts";
export * from "./kl_loss.ts";
export * from "./loss_aggregation.ts";
export * from "./optimizer.ts";
export * from "./policy_loss.ts";
export * from "./ragged_tokens.ts";
export * from "./reinforce_pp.ts";
export * from "./reinforce_pp_baseline.ts";
export * from "./rloo.ts";
export * from "./schedule.ts";
export * from "./token_rewards.ts";
export * from "./whiten_advantages.ts";
