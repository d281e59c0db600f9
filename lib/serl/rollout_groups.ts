/**
 * Steps 2 and 3 of the SeRL step: answer each instruction `nVote` times, then reward every
 * response, by majority vote inside its group (SeRL, `maj_on_seeds`) or against the label
 * (`rl_gt`).
 *
 * Prompt format: the raw question + `"\n"`, no chat template and no system prompt (the
 * official evaluation's "pure" format; the tiny model is pretrained on exactly this).
 *
 * @module
 */
import type { FinishReason } from "../generate/generate_options.ts";
import type { LanguageModel } from "../model/load_model.ts";
import { extractAnswer } from "../reward/extract.ts";
import { groundTruthReward } from "../reward/ground_truth.ts";
import { majorityVote, type MajorityVoteOptions } from "../reward/vote.ts";
import type { SerlSampler } from "./serl_sampler.ts";
import type { StreamProblem } from "./problem_stream.ts";

/** One response of a group. */
export interface RolloutResponse {
  /** Generated token ids (EOS included when it ended the response). */
  tokens: number[];
  /** Their log-probs under the sampling policy at temperature 1 (the old log-probs). */
  logProbs: number[];
  /** Decoded text. */
  text: string;
  /** Why it ended. */
  finishReason: FinishReason;
  /** The extracted final answer, or null. */
  answer: string | null;
}

/** One instruction, its responses and their rewards. */
export interface RolloutGroup {
  /** The instruction (question) answered. */
  instruction: string;
  /** Its label (rl_gt), or null. */
  gold: string | null;
  /** The prompt's token ids. */
  promptTokens: number[];
  /** `nVote` responses, in sample order. */
  responses: RolloutResponse[];
  /** Raw 0/1 reward of each response. */
  rewards: number[];
  /** Mean raw reward (the difficulty filter's `r_mean`). */
  rMean: number;
  /** The group's pseudo-label (the majority answer; for rl_gt the gold), or null. */
  label: string | null;
}

/** Options for {@linkcode rolloutGroups}. */
export interface RolloutGroupsOptions {
  /** Responses per instruction. @default 16 */
  nVote?: number;
  /** Sampling temperature. @default 1 */
  temperature?: number;
  /** Nucleus mass. @default 1 */
  topP?: number;
  /** Most tokens per response. @default 1024 */
  maxNewTokens?: number;
  /** Most rows decoded together. @default 256 */
  maxBatchSize?: number;
  /** Seed of this rollout's sample streams. @default 0 */
  seed?: number;
  /** `"vote"` (majority vote) or `"gold"` (ground truth; every problem needs a label). @default "vote" */
  reward?: "vote" | "gold";
  /** Majority-vote switches. @default {} */
  vote?: MajorityVoteOptions;
}

/**
 * Rolls out and rewards a batch of problems.
 *
 * @param policy The current policy.
 * @param sampler The sampler (`generate`).
 * @param problems The problems (with labels for `reward: "gold"`).
 * @param options Sampling and reward settings.
 * @returns One group per problem, in order.
 * @throws {TypeError} With `reward: "gold"` and a problem without a label.
 *
 * @example Three votes on each of two problems
 * ```ts
 * import { byteLevelTokenizerFiles, initLlamaWeights, llamaConfig, loadModel, saveModelFolder }
 *   from "../model/mod.ts";
 * const config = llamaConfig({ vocabSize: 260, hiddenSize: 16, numHiddenLayers: 1,
 *   numAttentionHeads: 2, intermediateSize: 32 });
 * const dir = await Deno.makeTempDir();
 * await saveModelFolder(dir, { config, weights: initLlamaWeights(config),
 *   tokenizer: byteLevelTokenizerFiles() });
 * const model = await loadModel(dir);
 * import { generate } from "../generate/generate.ts";
 * import { rolloutGroups } from "./rollout_groups.ts";
 * const groups = await rolloutGroups(model, generate,
 *   [{ question: "1+1?", answer: null }, { question: "2+2?", answer: null }],
 *   { nVote: 3, maxNewTokens: 4 });
 * for (const g of groups) {
 *   const mean = g.rewards.reduce((s, r) => s + r, 0) / 3;
 *   if (g.responses.length !== 3 || g.rMean !== mean) throw new Error("wrong group");
 * }
 * ```
 */
export async function rolloutGroups(
  policy: LanguageModel,
  sampler: SerlSampler,
  problems: readonly StreamProblem[],
  options?: RolloutGroupsOptions,
): Promise<RolloutGroup[]> {
  const {
    nVote = 16,
    temperature = 1,
    topP = 1,
    maxNewTokens = 1024,
    maxBatchSize = 256,
    seed = 0,
    reward = "vote",
    vote = {},
  } = options ?? {};
  if (reward === "gold") {
    const unlabelled = problems.find((p) => p.answer === null);
    if (unlabelled !== undefined) {
      throw new TypeError(`Cannot reward by ground truth: "${unlabelled.question}" has no label`);
    }
  }
  const samples = await sampler(policy, problems.map((p) => `${p.question}\n`), {
    n: nVote,
    temperature,
    topP,
    maxNewTokens,
    maxBatchSize,
    seed,
    chatTemplate: false,
  });
  return problems.map((problem, g) => {
    const responses: RolloutResponse[] = samples[g]!.map((s) => ({
      tokens: s.tokens,
      logProbs: s.logProbs,
      text: s.text,
      finishReason: s.finishReason,
      answer: extractAnswer(s.text),
    }));
    let rewards: number[];
    let label: string | null;
    if (reward === "gold") {
      rewards = responses.map((r) => groundTruthReward(r.text, problem.answer!));
      label = problem.answer;
    } else {
      const result = majorityVote(responses.map((r) => r.answer), vote);
      rewards = result.rewards;
      label = result.answer;
    }
    const hits = rewards.reduce((s, r) => s + r, 0);
    return {
      instruction: problem.question,
      gold: problem.answer,
      promptTokens: [...samples[g]![0]!.promptTokens],
      responses,
      rewards,
      rMean: hits / nVote,
      label,
    };
  });
}
