/**
 * One optimizer step of a policy trainer: the batch is cut into micro-batches, each runs
 * forward + backward in the training session with its aggregation weights, the gradients
 * accumulate in float32, and AdamW (`lib/rl` `adamStep`: global grad-norm clip, bias
 * correction) applies them at the cosine schedule's learning rate.
 *
 * A gradient with a NaN or Inf skips the update (weights and optimizer state untouched,
 * the schedule does not advance) and is reported in the step's report, the caller's log
 * line; `maxConsecutiveSkips` skips in a row throw {@linkcode TrainingDivergedError}, so
 * the run stops while the last good checkpoint is still the latest.
 *
 * @module
 */
import * as ort from "onnxruntime-node";
import { accumulateGradients, microBatchLossWeights } from "../rl/grad_accumulation.ts";
import { adamStep } from "../rl/optimizer.ts";
import type { RaggedTokens } from "../rl/ragged_tokens.ts";
import { cosineLearningRate } from "../rl/schedule.ts";
import {
  flattenTokenRows,
  packPolicySequences,
  type PolicySequences,
} from "./pack_policy_sequences.ts";
import type { PolicyTrainer } from "./policy_trainer.ts";

/** A step's training data (valid response tokens only, rows aligned with the responses). */
export interface PolicyBatch extends PolicySequences {
  /** (B, T_i) log-probs under the policy that generated the rollout (RL objective only). */
  oldLogProbs?: RaggedTokens;
  /** (B, T_i) advantages, `computeAdvantages` (RL objective only). */
  advantages?: RaggedTokens;
  /** (B, T_i) reference log-probs; required when the trainer has a KL loss term. */
  refLogProbs?: RaggedTokens;
}

/** What {@linkcode trainPolicyStep} reports (losses and metrics over the whole step). */
export interface PolicyStepReport {
  /** False when the gradient was not finite and the update was skipped. */
  applied: boolean;
  /** Updates applied so far, this one included. */
  step: number;
  /** Learning rate of this step. */
  lr: number;
  /** Global gradient norm before clipping (NaN or Inf on a skipped step). */
  gradNorm: number;
  /** The loss (policy term + β·KL term). */
  loss: number;
  /** The policy term. */
  policyLoss: number;
  /** The KL term without β (0 without a KL term). */
  klLoss: number;
  /** Token mean of the ratio-clip indicator. */
  clipFraction: number;
  /** Token mean of `logp_old - logp`. */
  approxKl: number;
  /** Token mean of the policy's entropy at the response positions. */
  entropy: number;
  /** Response tokens trained on. */
  tokens: number;
  /** Skipped (non-finite) steps in total, after this one. */
  skippedSteps: number;
  /** Skipped steps in a row, after this one (0 when this one was applied). */
  consecutiveSkips: number;
}

/** Thrown when `maxConsecutiveSkips` steps in a row had a non-finite gradient. */
export class TrainingDivergedError extends Error {
  /** The consecutive skipped steps. */
  readonly skips: number;
  /** Updates applied before them (the last good state). */
  readonly step: number;

  /**
   * Makes the error of `skips` non-finite steps in a row after `step` updates.
   *
   * @param skips The consecutive skipped steps.
   * @param step Updates applied before them.
   */
  constructor(skips: number, step: number) {
    super(
      `Cannot continue training: ${skips} steps in a row had a NaN or Inf gradient after update ${step}`,
    );
    this.skips = skips;
    this.step = step;
    this.name = "TrainingDivergedError";
  }
}

/**
 * Splits rows (in order) into consecutive micro-batches of at most `size` rows whose padded
 * size (rows x longest row) stays within `tokens`; a row longer than `tokens` runs alone.
 *
 * @param lengths Token count of each row (prompt + response).
 * @returns `[from, to)` row ranges.
 *
 * @example
 * ```ts
 * import { microBatchRanges } from "./train_policy_step.ts";
 * const r = microBatchRanges([10, 10, 10, 100, 100], 4, 200);
 * if (JSON.stringify(r) !== "[[0,3],[3,5]]") throw new Error(JSON.stringify(r));
 * ```
 */
export function microBatchRanges(
  lengths: readonly number[],
  size: number,
  tokens: number,
): [number, number][] {
  const out: [number, number][] = [];
  let from = 0, longest = 0;
  for (let i = 0; i < lengths.length; i++) {
    const next = Math.max(longest, lengths[i]!);
    if (i > from && (i - from >= size || (i - from + 1) * next > tokens)) {
      out.push([from, i]);
      from = i;
      longest = lengths[i]!;
    } else longest = next;
  }
  if (from < lengths.length) out.push([from, lengths.length]);
  return out;
}

/**
 * Runs one optimizer step on `batch` (one rollout's training data).
 *
 * @param trainer The trainer (updated in place).
 * @param batch Sequences and per-token inputs.
 * @returns The step's report.
 * @throws {TypeError} When the trainer has a KL term and `refLogProbs` is missing.
 * @throws {RangeError} On rows whose lengths disagree.
 * @throws {TrainingDivergedError} After `maxConsecutiveSkips` non-finite steps in a row.
 *
 * @example See tests/train/train_policy_step_test.ts; a step on a tiny model:
 * ```ts
 * import { llamaConfig } from "../model/llama_config.ts";
 * import { initLlamaWeights } from "../model/llama_parameters.ts";
 * import { byteLevelTokenizerFiles } from "../model/byte_level_tokenizer.ts";
 * import { saveModelFolder } from "../model/save_model_folder.ts";
 * import { loadModel } from "../model/load_model.ts";
 * import { createPolicyTrainer, releasePolicyTrainer } from "./policy_trainer.ts";
 * import { trainPolicyStep } from "./train_policy_step.ts";
 * const config = llamaConfig({ vocabSize: 260, hiddenSize: 16, numHiddenLayers: 1,
 *   numAttentionHeads: 2, intermediateSize: 32 });
 * const dir = await Deno.makeTempDir();
 * await saveModelFolder(dir, { config, weights: initLlamaWeights(config),
 *   tokenizer: byteLevelTokenizerFiles() });
 * const trainer = await createPolicyTrainer(await loadModel(dir),
 *   { lr: 1e-3, totalSteps: 10, warmupRatio: 0 });
 * const report = await trainPolicyStep(trainer, { promptIds: [[1, 2]], responseIds: [[3, 4]],
 *   oldLogProbs: [[-5.5, -5.5]], advantages: [[1, 1]] });
 * if (!report.applied || report.step !== 1 || report.tokens !== 2) throw new Error("no step");
 * await releasePolicyTrainer(trainer);
 * ```
 */
export async function trainPolicyStep(
  trainer: PolicyTrainer,
  batch: PolicyBatch,
): Promise<PolicyStepReport> {
  const { settings, names, shapes, params, adam, counters, hasKl, session } = trainer;
  const {
    lr: peakLr,
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
    maxConsecutiveSkips,
  } = settings;
  const { promptIds, responseIds, oldLogProbs, advantages, refLogProbs } = batch;
  const supervised = settings.head.objective === "nll";
  if (!supervised && (oldLogProbs === undefined || advantages === undefined)) {
    throw new TypeError("Cannot train a policy step: the batch has no oldLogProbs or advantages");
  }
  if (hasKl && refLogProbs === undefined) {
    throw new TypeError(
      "Cannot train a step: the trainer has a KL term and the batch has no refLogProbs",
    );
  }
  const rowLengths = responseIds.map((r, i) => r.length + promptIds[i]!.length);
  const parts = microBatchRanges(rowLengths, microBatchSize, microBatchTokens);
  const lengths = parts.map(([a, b]) => responseIds.slice(a, b).map((r) => r.length));
  const extra = { scope: accumulationScope, ...(maxLength === undefined ? {} : { maxLength }) };
  const lossWeights = microBatchLossWeights(lengths, aggregation, extra);
  const klWeights = hasKl ? microBatchLossWeights(lengths, klAggregation, extra) : [];
  const paramFeeds = Object.fromEntries(
    names.map((name, k) => [name, new ort.Tensor("float32", params[k]!, [...shapes.get(name)!])]),
  );

  let grads: Float32Array[] | null = null;
  let loss = 0, policyLoss = 0, klLoss = 0, clipped = 0, kl = 0, entropy = 0, tokens = 0;
  for (const [index, [from, to]] of parts.entries()) {
    const rows = { promptIds: promptIds.slice(from, to), responseIds: responseIds.slice(from, to) };
    const packed = packPolicySequences(rows);
    const vector = (values: RaggedTokens, what: string) => {
      const v = flattenTokenRows(values, rows.responseIds, what);
      return new ort.Tensor("float32", v, [v.length]);
    };
    const ids = (data: BigInt64Array, dims: number[]) => new ort.Tensor("int64", data, dims);
    const grid = [packed.batch, packed.seq];
    const feeds: Record<string, ort.Tensor> = {
      ...paramFeeds,
      "input_ids": ids(packed.inputIds, grid),
      "attention_mask": ids(packed.attentionMask, grid),
      "position_ids": ids(packed.positionIds, grid),
      "response_positions": ids(packed.responsePositions, [packed.tokens]),
      "response_tokens": ids(packed.responseTokens, [packed.tokens]),
      "loss_weights": vector(lossWeights[index]!, "loss weights"),
    };
    if (!supervised) {
      feeds["old_log_probs"] = vector(oldLogProbs!.slice(from, to), "oldLogProbs");
      feeds.advantages = vector(advantages!.slice(from, to), "advantages");
    }
    if (hasKl) {
      feeds["ref_log_probs"] = vector(refLogProbs!.slice(from, to), "refLogProbs");
      feeds["kl_weights"] = vector(klWeights[index]!, "KL weights");
    }
    const out = await session.ort.run(feeds);
    const scalar = (name: string) => (out[name]!.data as Float32Array)[0]!;
    const g = names.map((name) => out[`grad.${name}`]!.data as Float32Array);
    if (grads === null) grads = g;
    else accumulateGradients(grads, g);
    loss += scalar("loss");
    policyLoss += scalar("policy_loss");
    if (hasKl) klLoss += scalar("kl_loss");
    clipped += scalar("clip_fraction") * packed.tokens;
    kl += scalar("approx_kl") * packed.tokens;
    entropy += scalar("entropy") * packed.tokens;
    tokens += packed.tokens;
  }

  const lr = cosineLearningRate(Math.min(adam.step, totalSteps), {
    lr: peakLr,
    totalSteps,
    warmupRatio,
    minLrRatio,
  });
  const { applied, gradNorm } = adamStep(params, grads!, adam, {
    lr,
    beta1,
    beta2,
    eps,
    weightDecay,
    maxGradNorm,
  });
  if (applied) counters.consecutiveSkips = 0;
  else {
    counters.skippedSteps++;
    counters.consecutiveSkips++;
    if (counters.consecutiveSkips >= maxConsecutiveSkips) {
      throw new TrainingDivergedError(counters.consecutiveSkips, adam.step);
    }
  }
  return {
    applied,
    step: adam.step,
    lr,
    gradNorm,
    loss,
    policyLoss,
    klLoss,
    clipFraction: clipped / tokens,
    approxKl: kl / tokens,
    entropy: entropy / tokens,
    tokens,
    skippedSteps: counters.skippedSteps,
    consecutiveSkips: counters.consecutiveSkips,
  };
}
