/**
 * The options of a policy trainer, and their resolution: every default filled in once and
 * every value checked when the trainer is made, so a bad value fails before the first
 * (expensive) step.
 *
 * @module
 */
import type { AccumulationScope } from "../rl/grad_accumulation.ts";
import { LOSS_AGGREGATIONS, type LossAggregation } from "../rl/loss_aggregation.ts";
import { adamStep, createAdamState } from "../rl/optimizer.ts";
import { cosineLearningRate } from "../rl/schedule.ts";
import type { PolicyLossHeadOptions } from "./emit_policy_loss.ts";
import { type LoraConfig, loraConfig } from "./lora.ts";

/** Options of a policy trainer (`createPolicyTrainer`). */
export interface PolicyTrainerOptions extends Omit<PolicyLossHeadOptions, "dataType"> {
  /** Peak learning rate (SeRL full fine-tuning: 5e-7; LoRA about 10x). */
  lr: number;
  /** Optimizer steps of the run, for the cosine schedule. */
  totalSteps: number;
  /**
   * Warm-up fraction of `totalSteps` (OpenRLHF `--lr_warmup_ratio`).
   * @default {0.03}
   */
  warmupRatio?: number;
  /**
   * Floor of the cosine as a fraction of `lr`.
   * @default {0.1}
   */
  minLrRatio?: number;
  /**
   * Adam β1.
   * @default {0.9}
   */
  beta1?: number;
  /**
   * Adam β2 (OpenRLHF: 0.95).
   * @default {0.95}
   */
  beta2?: number;
  /**
   * Adam ε.
   * @default {1e-8}
   */
  eps?: number;
  /**
   * Decoupled weight decay (AdamW).
   * @default {0}
   */
  weightDecay?: number;
  /**
   * Clip of the global gradient norm.
   * @default {1}
   */
  maxGradNorm?: number;
  /**
   * Aggregation of the policy loss.
   * @default {"seq-mean-token-mean"}
   */
  aggregation?: LossAggregation;
  /**
   * Aggregation of the KL loss term.
   * @default {"seq-mean-token-mean"}
   */
  klAggregation?: LossAggregation;
  /**
   * L_max of the "dr-grpo" aggregation.
   * @default {undefined}
   */
  maxLength?: number;
  /**
   * Where the aggregation's denominator is taken when a step has several micro-batches.
   * @default {"micro-batch"}
   */
  accumulationScope?: AccumulationScope;
  /**
   * Sequences per forward/backward run; a step's gradients accumulate over its micro-batches.
   * @default {16}
   */
  microBatchSize?: number;
  /**
   * Cap on a micro-batch's padded tokens (rows x longest prompt + response), so long and
   * short sequences do not share a padded run; a longer single sequence runs alone.
   * @default {Infinity}
   */
  microBatchTokens?: number;
  /**
   * LoRA instead of full fine-tuning (`{ rank, alpha?, targets? }`, see `loraConfig`).
   * @default {undefined}
   */
  lora?: { rank: number; alpha?: number; targets?: readonly string[] };
  /**
   * Seed of the LoRA initialization.
   * @default {0}
   */
  seed?: number;
  /**
   * Consecutive skipped steps (NaN or Inf gradient) that stop training.
   * @default {3}
   */
  maxConsecutiveSkips?: number;
}

/** {@linkcode PolicyTrainerOptions} with every default filled in. */
export interface PolicyTrainerSettings {
  /** Peak learning rate. */
  lr: number;
  /** Optimizer steps of the run. */
  totalSteps: number;
  /** Warm-up fraction of `totalSteps`. */
  warmupRatio: number;
  /** Floor of the cosine as a fraction of `lr`. */
  minLrRatio: number;
  /** Adam β1. */
  beta1: number;
  /** Adam β2. */
  beta2: number;
  /** Adam ε. */
  eps: number;
  /** Decoupled weight decay. */
  weightDecay: number;
  /** Clip of the global gradient norm. */
  maxGradNorm: number;
  /** Aggregation of the policy loss. */
  aggregation: LossAggregation;
  /** Aggregation of the KL loss term. */
  klAggregation: LossAggregation;
  /** L_max of "dr-grpo" (undefined for the other aggregations). */
  maxLength: number | undefined;
  /** Where the aggregation's denominator is taken. */
  accumulationScope: AccumulationScope;
  /** Sequences per forward/backward run. */
  microBatchSize: number;
  /** Cap on a micro-batch's padded tokens. */
  microBatchTokens: number;
  /** `null` for full fine-tuning. */
  lora: LoraConfig | null;
  /** Seed of the LoRA initialization. */
  seed: number;
  /** Consecutive skipped steps that stop training. */
  maxConsecutiveSkips: number;
  /** The loss head's options (only those given). */
  head: PolicyLossHeadOptions;
}

/**
 * Fills in the defaults of `options` and checks every value.
 *
 * @throws {RangeError} On out-of-range numbers.
 * @throws {TypeError} On an unknown aggregation or LoRA target, or "dr-grpo" without
 *   `maxLength`.
 *
 * @example
 * ```ts
 * import { resolvePolicyTrainerOptions } from "./policy_trainer_options.ts";
 * const s = resolvePolicyTrainerOptions({ lr: 1e-6, totalSteps: 100, lora: { rank: 8 } });
 * if (s.beta2 !== 0.95 || s.microBatchSize !== 16 || s.lora?.alpha !== 16) throw new Error("bad defaults");
 * ```
 */
export function resolvePolicyTrainerOptions(options: PolicyTrainerOptions): PolicyTrainerSettings {
  const {
    lr,
    totalSteps,
    warmupRatio = 0.03,
    minLrRatio = 0.1,
    beta1 = 0.9,
    beta2 = 0.95,
    eps = 1e-8,
    weightDecay = 0,
    maxGradNorm = 1,
    aggregation = "seq-mean-token-mean",
    klAggregation = "seq-mean-token-mean",
    maxLength,
    accumulationScope = "micro-batch",
    microBatchSize = 16,
    microBatchTokens = Infinity,
    lora,
    seed = 0,
    maxConsecutiveSkips = 3,
    klCoef,
    klEstimator,
    klClamp,
    clipLow,
    clipHigh,
    dualClip,
    logRatioClamp,
    objective,
  } = options;
  const context = "Cannot create a policy trainer";
  if (!(microBatchTokens >= 1)) {
    throw new RangeError(
      `${context} as microBatchTokens must be >= 1: current value is ${microBatchTokens}`,
    );
  }
  if (objective !== undefined && objective !== "clipped-surrogate" && objective !== "nll") {
    throw new TypeError(
      `${context}: unknown objective "${objective}" (expected clipped-surrogate, nll)`,
    );
  }
  for (
    const [name, v] of [["microBatchSize", microBatchSize], [
      "maxConsecutiveSkips",
      maxConsecutiveSkips,
    ]] as const
  ) {
    if (!Number.isSafeInteger(v) || v < 1) {
      throw new RangeError(`${context} as ${name} must be an integer >= 1: current value is ${v}`);
    }
  }
  for (const a of [aggregation, klAggregation]) {
    if (!LOSS_AGGREGATIONS.includes(a)) {
      throw new TypeError(
        `${context}: unknown aggregation "${a}" (expected ${LOSS_AGGREGATIONS.join(", ")})`,
      );
    }
    if (a === "dr-grpo" && !(Number.isSafeInteger(maxLength) && maxLength! >= 1)) {
      throw new TypeError(
        `${context}: the dr-grpo aggregation needs maxLength (L_max), got ${maxLength}`,
      );
    }
  }
  if (accumulationScope !== "micro-batch" && accumulationScope !== "step") {
    throw new TypeError(`${context}: unknown accumulation scope "${accumulationScope}"`);
  }
  // The schedule and the optimizer check their own options; a dry run does it now.
  cosineLearningRate(0, { lr, totalSteps, warmupRatio, minLrRatio });
  adamStep([], [], createAdamState([]), { lr, beta1, beta2, eps, weightDecay, maxGradNorm });
  const head = Object.fromEntries(
    Object.entries({
      klCoef,
      klEstimator,
      klClamp,
      clipLow,
      clipHigh,
      dualClip,
      logRatioClamp,
      objective,
    })
      .filter(([, v]) => v !== undefined),
  ) as PolicyLossHeadOptions;
  return {
    lr,
    totalSteps,
    warmupRatio,
    minLrRatio,
    beta1,
    beta2,
    eps,
    weightDecay,
    maxGradNorm,
    aggregation,
    klAggregation,
    maxLength,
    accumulationScope,
    microBatchSize,
    microBatchTokens,
    lora: lora === undefined ? null : loraConfig(lora),
    seed,
    maxConsecutiveSkips,
    head,
  };
}
