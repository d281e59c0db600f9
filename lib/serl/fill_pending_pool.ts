/**
 * Step 1 of the SeRL step: generate candidate instructions until the pending pool holds a
 * rollout batch. Each round builds `promptsPerRound` few-shot prompts (seeds + kept pool),
 * samples one completion each, parses the numbered questions and runs the rule and ROUGE-L
 * filters against the seeds and everything pending. A model that writes nothing usable
 * fails loudly after `maxRounds` rounds instead of looping forever.
 *
 * @module
 */
import type { FinishReason } from "../generate/generate_options.ts";
import type { InstructConfig } from "../instruct/config.ts";
import {
  createFilterReport,
  type FilterReport,
  mergeFilterReports,
} from "../instruct/filter_report.ts";
import { filterCandidateInstructions } from "../instruct/filter_candidates.ts";
import { buildGenerationPrompt, type InstructMessage } from "../instruct/generation_prompt.ts";
import { addPendingInstructions, type InstructionPool } from "../instruct/instruction_pool.ts";
import { parseQuestions } from "../instruct/parse_questions.ts";
import type { LanguageModel } from "../model/load_model.ts";
import { encodePrompt } from "../model/text_tokenizer.ts";
import { deriveSeed, randomSeeded } from "../random.ts";
import { fitGenerationPrompt } from "./fit_generation_prompt.ts";
import type { SerlSampler } from "./serl_sampler.ts";

/** One generation completion, for the samples file. */
export interface InstructCompletion {
  /** The few-shot examples of its prompt. */
  examples: string[];
  /** The completion. */
  text: string;
  /** Why it ended. */
  finishReason: FinishReason;
  /** The questions parsed out of it. */
  parsed: string[];
  /** Those that passed the filters. */
  accepted: string[];
}

/** What {@linkcode fillPendingPool} needs. */
export interface FillPendingPoolInput {
  /** The policy that writes the instructions. */
  policy: LanguageModel;
  /** The sampler (`generate`). */
  sampler: SerlSampler;
  /** Seed instructions. */
  seeds: readonly string[];
  /** The pool to fill. */
  pool: InstructionPool;
  /** Self-instruction settings. */
  instruct: InstructConfig;
}

/** Options for {@linkcode fillPendingPool}. */
export interface FillPendingPoolOptions {
  /** Pending instructions wanted. @default 16 */
  target?: number;
  /** Rounds allowed before failing. @default 50 */
  maxRounds?: number;
  /** Run seed. @default 0 */
  seed?: number;
  /** Coordinates of this fill in the run (iteration, step); seeds derive from them. @default [] */
  key?: readonly number[];
  /** Index of the first round (rounds are numbered across a step). @default 0 */
  firstRound?: number;
}

/** The outcome of {@linkcode fillPendingPool}. */
export interface FillPendingPoolResult {
  /** The pool with the new instructions pending. */
  pool: InstructionPool;
  /** Rounds run. */
  rounds: number;
  /** Generation prompts sampled. */
  prompts: number;
  /** Prompts that lost leading examples to fit the context (`fitGenerationPrompt`). */
  shortenedPrompts: number;
  /** The rule and ROUGE-L funnel of every parsed candidate. */
  report: FilterReport;
  /** Every completion, in order. */
  completions: InstructCompletion[];
}

function chatTemplateOf(model: LanguageModel): ((m: InstructMessage[]) => string) | undefined {
  if (!model.tokenizer.hasChatTemplate) return undefined;
  return (messages) =>
    model.tokenizer.hf.apply_chat_template(messages, {
      tokenize: false,
      add_generation_prompt: true,
    }) as string;
}

/**
 * Runs generation rounds until `target` instructions are pending. The few-shot prompt `p`
 * of round `r` draws from `(seed, "fewshot", ...key, r, p)`, the round's completions from
 * `(seed, "instruct", ...key, r)`.
 *
 * @param input Policy, sampler, seeds, pool and settings.
 * @param options Target, round cap, seed and coordinates.
 * @returns The filled pool, the funnel and the completions.
 * @throws {RangeError} When `maxRounds` rounds leave the pool short (the message gives the
 * funnel).
 *
 * @example A random model writes no usable problem: the fill fails loudly
 * ```ts
 * import { byteLevelTokenizerFiles, initLlamaWeights, llamaConfig, loadModel, saveModelFolder }
 *   from "../model/mod.ts";
 * const config = llamaConfig({ vocabSize: 260, hiddenSize: 16, numHiddenLayers: 1,
 *   numAttentionHeads: 2, intermediateSize: 32 });
 * const dir = await Deno.makeTempDir();
 * await saveModelFolder(dir, { config, weights: initLlamaWeights(config),
 *   tokenizer: byteLevelTokenizerFiles() });
 * const model = await loadModel(dir);
 * import { fillPendingPool } from "./fill_pending_pool.ts";
 * import { generate } from "../generate/generate.ts";
 * import { INSTRUCT_DEFAULTS } from "../instruct/config.ts";
 * let message = "";
 * try {
 *   await fillPendingPool({ policy: model, sampler: generate, seeds: ["What is 2 plus 3?"],
 *     pool: { pending: [], kept: [] },
 *     instruct: { ...INSTRUCT_DEFAULTS, fewShotCount: 1,
 *       sampling: { ...INSTRUCT_DEFAULTS.sampling, maxNewTokens: 8 } } },
 *     { target: 4, maxRounds: 2 });
 * } catch (e) {
 *   message = (e as Error).message;
 * }
 * if (!message.includes("loop.maxRounds")) throw new Error(message);
 * ```
 */
export async function fillPendingPool(
  input: FillPendingPoolInput,
  options?: FillPendingPoolOptions,
): Promise<FillPendingPoolResult> {
  const { target = 16, maxRounds = 50, seed = 0, key = [], firstRound = 0 } = options ?? {};
  const { policy, sampler, seeds, instruct } = input;
  const { sampling } = instruct;
  const applyChatTemplate = chatTemplateOf(policy);
  let pool = input.pool;
  let report = createFilterReport();
  const completions: InstructCompletion[] = [];
  let rounds = 0, shortenedPrompts = 0;
  const budget = policy.config.maxPositionEmbeddings - sampling.maxNewTokens;
  const countTokens = (text: string) =>
    encodePrompt(policy.tokenizer, text, { chatTemplate: false }).length;
  while (pool.pending.length < target) {
    if (rounds >= maxRounds) {
      const c = report.counts;
      throw new RangeError(
        `Cannot fill the rollout batch: ${rounds} generation rounds (loop.maxRounds) gave ${pool.pending.length} of ${target} instructions; ` +
          `${report.input} parsed, rejected: empty ${c.empty}, wordCount ${c.wordCount}, blacklist ${c.blacklist}, ` +
          `writeProgram ${c.writeProgram}, leadingChar ${c.leadingChar}, rougeL ${c.rougeL}`,
      );
    }
    const round = firstRound + rounds++;
    const prompts = Array.from({ length: instruct.promptsPerRound }, (_, p) => {
      const built = buildGenerationPrompt(
        { seeds, kept: pool.kept },
        randomSeeded(deriveSeed(seed, "fewshot", ...key, round, p)),
        { count: instruct.fewShotCount, mix: instruct.fewShotMix, applyChatTemplate },
      );
      const fitted = fitGenerationPrompt(built, budget, countTokens, { applyChatTemplate });
      if (fitted.dropped > 0) shortenedPrompts++;
      return fitted.prompt;
    });
    const samples = await sampler(policy, prompts.map((p) => p.text), {
      n: 1,
      temperature: sampling.temperature,
      topP: sampling.topP,
      maxNewTokens: sampling.maxNewTokens,
      presencePenalty: sampling.presencePenalty,
      seed: deriveSeed(seed, "instruct", ...key, round),
      chatTemplate: false,
    });
    samples.forEach(([sample], p) => {
      const parsed = parseQuestions(sample!.text, { truncated: sample!.finishReason === "length" });
      const { kept, report: r } = filterCandidateInstructions(
        parsed,
        { seeds, pending: pool.pending },
        instruct,
      );
      pool = addPendingInstructions(pool, kept);
      report = mergeFilterReports(report, r);
      completions.push({
        examples: prompts[p]!.examples.map((e) => e.text),
        text: sample!.text,
        finishReason: sample!.finishReason,
        parsed,
        accepted: kept,
      });
    });
  }
  return {
    pool,
    rounds,
    prompts: rounds * instruct.promptsPerRound,
    shortenedPrompts,
    report,
    completions,
  };
}
