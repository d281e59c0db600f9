/**
 * The learning check of the train area: a tiny random model learns a toy task with a
 * verifiable reward through the whole RL loop (batched sampling, old and reference
 * log-probs, advantages, a training step, a fresh policy model).
 *
 * Task: whatever the prompt, answer with the letter "a" only. Reward: the fraction of the
 * response's tokens that are "a". (The all-or-nothing version, 1 only when every token is
 * "a", never fires for a random model over 260 tokens, so it gives no signal to start
 * from; the fraction is the same verifiable check, graded per token.) A response is
 * `MAX_NEW_TOKENS` tokens (no EOS), so the fraction is over a fixed length.
 *
 * @module
 */
import { generate } from "../../lib/generate/generate.ts";
import { byteLevelTokenizerFiles } from "../../lib/model/byte_level_tokenizer.ts";
import { llamaConfig } from "../../lib/model/llama_config.ts";
import { initLlamaWeights } from "../../lib/model/llama_parameters.ts";
import { loadModel } from "../../lib/model/load_model.ts";
import { releaseModel } from "../../lib/model/model_session.ts";
import { saveModelFolder } from "../../lib/model/save_model_folder.ts";
import { deriveSeed } from "../../lib/random.ts";
import {
  type AdvantageEstimatorName,
  computeAdvantages,
  type ComputeAdvantagesOptions,
} from "../../lib/rl/compute_advantages.ts";
import {
  createPolicyTrainer,
  policyModel,
  releasePolicyTrainer,
} from "../../lib/train/policy_trainer.ts";
import type { PolicyTrainerOptions } from "../../lib/train/policy_trainer_options.ts";
import { responseLogProbs } from "../../lib/train/response_log_probs.ts";
import { trainPolicyStep } from "../../lib/train/train_policy_step.ts";

const TARGET = "a".charCodeAt(0);
/** Tokens per response. */
export const MAX_NEW_TOKENS = 6;
const PROMPTS = ["a?", "go", "x:", "say"].map((p) => [...new TextEncoder().encode(p)]);
const SAMPLES = 8;

/** One run's rewards per RL step. */
export interface LearningRun {
  meanRewards: number[];
  seconds: number;
}

/** Options of one learning run. */
export interface LearningOptions {
  estimator: AdvantageEstimatorName;
  advantage: Omit<ComputeAdvantagesOptions, "estimator">;
  trainer: Omit<PolicyTrainerOptions, "totalSteps">;
  maxSteps: number;
  /** Stop once a rollout's mean reward exceeds this. */
  stopAt: number;
  seed?: number;
  /** Standard deviation of the random init (larger gives a frozen LM head room to move). */
  initStd?: number;
}

/** Runs the RL loop until the rollout mean reward passes `stopAt` or `maxSteps` steps. */
export async function runLearning(options: LearningOptions): Promise<LearningRun> {
  const {
    estimator,
    advantage,
    trainer: trainerOptions,
    maxSteps,
    stopAt,
    seed = 1,
    initStd = 0.02,
  } = options;
  const t0 = performance.now();
  const config = llamaConfig({
    vocabSize: 260,
    hiddenSize: 32,
    numHiddenLayers: 2,
    numAttentionHeads: 4,
    numKeyValueHeads: 2,
    intermediateSize: 64,
  });
  const dir = await Deno.makeTempDir();
  await saveModelFolder(dir, {
    config,
    weights: initLlamaWeights(config, { seed, std: initStd }),
    tokenizer: byteLevelTokenizerFiles(),
  });
  const base = await loadModel(dir, { threads: 1 });
  const trainer = await createPolicyTrainer(base, { ...trainerOptions, totalSteps: maxSteps });
  const meanRewards: number[] = [];
  try {
    for (let step = 0; step < maxSteps; step++) {
      const policy = policyModel(trainer);
      const samples = await generate(policy, PROMPTS, {
        n: SAMPLES,
        maxNewTokens: MAX_NEW_TOKENS,
        eosTokenIds: [],
        seed: deriveSeed(seed, "rollout", step),
      });
      const flat = samples.flat();
      const sequences = {
        promptIds: flat.map((s) => s.promptTokens),
        responseIds: flat.map((s) => s.tokens),
      };
      const rewards = flat.map((s) =>
        s.tokens.filter((t) => t === TARGET).length / s.tokens.length
      );
      meanRewards.push(rewards.reduce((a, b) => a + b, 0) / rewards.length);
      if (meanRewards.at(-1)! > stopAt) {
        await releaseModel(policy);
        break;
      }
      const oldLogProbs = await responseLogProbs(policy, sequences);
      await releaseModel(policy);
      const refLogProbs = await responseLogProbs(base, sequences);
      const advantages = computeAdvantages(
        { rewards, groupSize: SAMPLES, logProbs: oldLogProbs, refLogProbs },
        { ...advantage, estimator },
      );
      await trainPolicyStep(trainer, { ...sequences, oldLogProbs, advantages, refLogProbs });
    }
  } finally {
    await releasePolicyTrainer(trainer);
    await releaseModel(base);
    await Deno.remove(dir, { recursive: true });
  }
  return { meanRewards, seconds: (performance.now() - t0) / 1000 };
}
