/**
 * Step 7 of the SeRL step: one pass (per epoch) over the kept groups' sequences, shuffled
 * with a derived seed and cut into optimizer updates of `batchSize` sequences (SeRL: 16
 * groups x 16 responses / 16 = 16 updates per step).
 *
 * @module
 */
import { deriveSeed, randomSeeded, shuffled } from "../random.ts";
import type { PolicyTrainer } from "../train/policy_trainer.ts";
import { type PolicyStepReport, trainPolicyStep } from "../train/train_policy_step.ts";
import type { ScoredGroup } from "./rollout_advantages.ts";

/** Options for {@linkcode trainOnGroups}. */
export interface TrainOnGroupsOptions {
  /** Sequences per optimizer update. @default 16 */
  batchSize?: number;
  /** Passes over the sequences. @default 1 */
  epochs?: number;
  /** Run seed. @default 0 */
  seed?: number;
  /** Coordinates of the step (iteration, step); the shuffle of epoch e draws from `(seed, "shuffle", ...key, e)`. @default [] */
  key?: readonly number[];
}

/** The updates of one step, summed up. */
export interface TrainOnGroupsReport {
  /** Optimizer updates run (applied or skipped). */
  updates: number;
  /** Updates skipped for a non-finite gradient. */
  skipped: number;
  /** Sequences trained on per epoch. */
  sequences: number;
  /** Response tokens trained on per epoch. */
  tokens: number;
  /** Mean over updates of the loss. */
  loss: number;
  /** Mean over updates of the KL loss term (0 without one). */
  klLoss: number;
  /** Token-weighted mean of the ratio-clip fraction. */
  clipFraction: number;
  /** Token-weighted mean of `logp_old - logp`. */
  approxKl: number;
  /** Token-weighted mean entropy. */
  entropy: number;
  /** Mean and largest gradient norm before clipping (applied updates only; null if none). */
  gradNorm: number | null;
  /** Largest gradient norm. */
  gradNormMax: number | null;
  /** Learning rate of the last update. */
  lr: number;
}

/**
 * Trains the policy on the groups' responses.
 *
 * @param trainer The trainer (updated in place).
 * @param groups The kept groups, with advantages (and reference log-probs with a KL loss).
 * @param options Batch size, epochs, seed and coordinates.
 * @returns The summed-up report.
 * @throws {RangeError} When there is nothing to train on.
 *
 * @example Two groups of two responses, batches of 3 sequences: 2 updates
 * ```ts
 * import { byteLevelTokenizerFiles, initLlamaWeights, llamaConfig, loadModel, saveModelFolder }
 *   from "../model/mod.ts";
 * const config = llamaConfig({ vocabSize: 260, hiddenSize: 16, numHiddenLayers: 1,
 *   numAttentionHeads: 2, intermediateSize: 32 });
 * const dir = await Deno.makeTempDir();
 * await saveModelFolder(dir, { config, weights: initLlamaWeights(config),
 *   tokenizer: byteLevelTokenizerFiles() });
 * const model = await loadModel(dir);
 * import { createPolicyTrainer, releasePolicyTrainer } from "../train/policy_trainer.ts";
 * import { trainOnGroups } from "./train_groups.ts";
 * const group = (tokens: number[]) => ({ instruction: "q", gold: null, promptTokens: [1, 2],
 *   responses: [tokens, tokens].map((t) => ({ tokens: t, logProbs: t.map(() => -5.5),
 *     text: "", finishReason: "eos" as const, answer: null })),
 *   rewards: [1, 0], rMean: 0.5, label: null,
 *   advantages: [tokens.map(() => 1), tokens.map(() => -1)], refLogProbs: null });
 * const trainer = await createPolicyTrainer(model, { lr: 1e-3, totalSteps: 2 });
 * const report = await trainOnGroups(trainer, [group([3, 4]), group([5])], { batchSize: 3 });
 * if (report.updates !== 2 || report.sequences !== 4 || report.tokens !== 6) throw new Error();
 * await releasePolicyTrainer(trainer);
 * ```
 */
export async function trainOnGroups(
  trainer: PolicyTrainer,
  groups: readonly ScoredGroup[],
  options?: TrainOnGroupsOptions,
): Promise<TrainOnGroupsReport> {
  const { batchSize = 16, epochs = 1, seed = 0, key = [] } = options ?? {};
  const rows = groups.flatMap((g) =>
    g.responses.map((r, j) => ({
      promptIds: g.promptTokens,
      responseIds: r.tokens,
      oldLogProbs: r.logProbs,
      advantages: g.advantages[j]!,
      refLogProbs: g.refLogProbs?.[j] ?? null,
    }))
  );
  if (rows.length === 0) throw new RangeError("Cannot train: no sequences");
  const reports: PolicyStepReport[] = [];
  for (let epoch = 0; epoch < epochs; epoch++) {
    const order = shuffled(rows, randomSeeded(deriveSeed(seed, "shuffle", ...key, epoch)));
    for (let from = 0; from < order.length; from += batchSize) {
      const batch = order.slice(from, from + batchSize);
      const ref = batch.map((r) => r.refLogProbs);
      reports.push(
        await trainPolicyStep(trainer, {
          promptIds: batch.map((r) => r.promptIds),
          responseIds: batch.map((r) => r.responseIds),
          oldLogProbs: batch.map((r) => r.oldLogProbs),
          advantages: batch.map((r) => r.advantages),
          ...(trainer.hasKl ? { refLogProbs: ref.map((r) => r!) } : {}),
        }),
      );
    }
  }
  const tokens = reports.reduce((s, r) => s + r.tokens, 0);
  const weighted = (f: (r: PolicyStepReport) => number) =>
    reports.reduce((s, r) => s + f(r) * r.tokens, 0) / tokens;
  const applied = reports.filter((r) => r.applied);
  const norms = applied.map((r) => r.gradNorm);
  return {
    updates: reports.length,
    skipped: reports.length - applied.length,
    sequences: rows.length,
    tokens: tokens / epochs,
    loss: reports.reduce((s, r) => s + r.loss, 0) / reports.length,
    klLoss: reports.reduce((s, r) => s + r.klLoss, 0) / reports.length,
    clipFraction: weighted((r) => r.clipFraction),
    approxKl: weighted((r) => r.approxKl),
    entropy: weighted((r) => r.entropy),
    gradNorm: norms.length === 0 ? null : norms.reduce((s, x) => s + x, 0) / norms.length,
    gradNormMax: norms.length === 0 ? null : Math.max(...norms),
    lr: reports[reports.length - 1]!.lr,
  };
}
