/**
 * How well a model writes new problems in SeRL's self-instruction format: sample completions
 * of few-shot generation prompts (lib/instruct's prompt, the spec's sampling), parse the
 * numbered questions out, and count how many pass the rule filters and, given a checker,
 * how many are well-formed problems of the task world.
 *
 * The ROUGE-L filter is left out on purpose: it measures novelty against a pool, not the
 * quality of a question, and would make the number depend on the pool's size.
 *
 * @module
 */
import { INSTRUCT_DEFAULTS, type InstructConfig } from "../instruct/config.ts";
import { filterCandidateInstructions } from "../instruct/filter_candidates.ts";
import { buildGenerationPrompt } from "../instruct/generation_prompt.ts";
import { parseQuestions } from "../instruct/parse_questions.ts";
import { generate } from "../generate/generate.ts";
import type { LanguageModel } from "../model/load_model.ts";
import { deriveSeed, randomSeeded } from "../random.ts";

/** Samples completions of prompts: the model seam (see `generate`). */
export type CompletionSampler = (
  prompts: string[],
  options: {
    temperature: number;
    topP: number;
    presencePenalty: number;
    maxNewTokens: number;
    seed: number;
  },
) => Promise<{ text: string; finishReason: string }[]>;

/** Options for {@linkcode selfInstructQuality}. */
export interface SelfInstructQualityOptions {
  /**
   * Generation prompts to sample (one completion each).
   * @default 32
   */
  prompts?: number;
  /**
   * Seed of the few-shot draws and the sampling.
   * @default 0
   */
  seed?: number;
  /**
   * Self-instruction settings: few-shot mix, sampling, rule filters (ROUGE-L is not applied).
   * @default INSTRUCT_DEFAULTS
   */
  config?: InstructConfig;
  /**
   * Decides whether a question is a well-formed problem of the task world (for tiny-math:
   * `(q) => solveWorldProblem(q) !== null`); without it, `wellFormed` is `null`.
   * @default undefined
   */
  isWellFormed?: (question: string) => boolean;
}

/** What {@linkcode selfInstructQuality} measured. */
export interface SelfInstructQuality {
  /** Prompts sampled. */
  prompts: number;
  /** Questions parsed out of the completions (items after the prompt's `9.`). */
  questions: number;
  /** Mean questions per completion. */
  questionsPerPrompt: number;
  /** Share of questions that pass every enabled rule filter. */
  passRules: number;
  /** Share of questions that are well-formed problems (`null` without a checker). */
  wellFormed: number | null;
  /** Share of completions cut by the token limit rather than ending on their own. */
  truncated: number;
  /** A few questions as written, for a look. */
  examples: string[];
}

/**
 * Measures the self-instruction quality of a sampler.
 *
 * @param sampler Completions of prompts (a model behind `generate`, or a fake).
 * @param seeds Seed instructions for the few-shot examples.
 *
 * @example A fake model that always writes one good and one bad question
 * ```ts
 * import { selfInstructQuality } from "./self_instruct_quality.ts";
 * const sampler = async (prompts: string[]) =>
 *   prompts.map(() => ({ text: " What is 2 + 3?\n10. ?", finishReason: "eos" }));
 * const seeds = Array.from({ length: 8 }, (_, i) => `What is ${i} + 1?`);
 * const q = await selfInstructQuality(sampler, seeds, { prompts: 4, isWellFormed: (t) => t.startsWith("What") });
 * if (q.questions !== 8 || q.passRules !== 0.5 || q.wellFormed !== 0.5) throw new Error(JSON.stringify(q));
 * ```
 */
export async function selfInstructQuality(
  sampler: CompletionSampler,
  seeds: readonly string[],
  options: SelfInstructQualityOptions = {},
): Promise<SelfInstructQuality> {
  const { prompts = 32, seed = 0, config = INSTRUCT_DEFAULTS, isWellFormed } = options;
  if (!Number.isInteger(prompts) || prompts < 1) {
    throw new RangeError(
      `Cannot measure self-instruction as prompts must be >= 1: current value is ${prompts}`,
    );
  }
  const texts = Array.from(
    { length: prompts },
    (_, i) =>
      buildGenerationPrompt(
        { seeds, kept: [] },
        randomSeeded(deriveSeed(seed, "self-instruct", i)),
        {
          count: config.fewShotCount,
          mix: config.fewShotMix,
        },
      ).text,
  );
  const { temperature, topP, presencePenalty, maxNewTokens } = config.sampling;
  const completions = await sampler(texts, {
    temperature,
    topP,
    presencePenalty,
    maxNewTokens,
    seed,
  });
  const questions = completions.flatMap((c) =>
    parseQuestions(c.text, { truncated: c.finishReason === "length" })
  );
  const rulesOnly: InstructConfig = { ...config, filters: { ...config.filters, rougeL: false } };
  const { kept } = filterCandidateInstructions(questions, { seeds: [], pending: [] }, rulesOnly);
  const n = questions.length;
  return {
    prompts,
    questions: n,
    questionsPerPrompt: n / prompts,
    passRules: n === 0 ? 0 : kept.length / n,
    wellFormed: isWellFormed === undefined
      ? null
      : n === 0
      ? 0
      : questions.filter((q) => isWellFormed(q)).length / n,
    truncated: completions.filter((c) => c.finishReason === "length").length / prompts,
    examples: questions.slice(0, 8),
  };
}

/**
 * A {@linkcode CompletionSampler} over a loaded model: one completion per prompt, plain text
 * prompts (no chat template), all prompts in one batched `generate` call.
 *
 * @example
 * ```ts
 * import { llamaConfig } from "../model/llama_config.ts";
 * import { initLlamaWeights } from "../model/llama_parameters.ts";
 * import { byteLevelTokenizerFiles } from "../model/byte_level_tokenizer.ts";
 * import { saveModelFolder } from "../model/save_model_folder.ts";
 * import { loadModel } from "../model/load_model.ts";
 * import { modelCompletionSampler } from "./self_instruct_quality.ts";
 * const config = llamaConfig({ vocabSize: 260, hiddenSize: 16, numHiddenLayers: 1,
 *   numAttentionHeads: 2, intermediateSize: 32 });
 * const dir = await Deno.makeTempDir();
 * await saveModelFolder(dir, { config, weights: initLlamaWeights(config), tokenizer: byteLevelTokenizerFiles() });
 * const out = await modelCompletionSampler(await loadModel(dir))(["1."], { temperature: 1, topP: 1,
 *   presencePenalty: 0, maxNewTokens: 4, seed: 1 });
 * if (out.length !== 1 || typeof out[0]!.text !== "string") throw new Error("no completion");
 * ```
 */
export function modelCompletionSampler(model: LanguageModel): CompletionSampler {
  return async (prompts, options) => {
    const samples = await generate(model, prompts, { ...options, n: 1, chatTemplate: false });
    return samples.map(([s]) => ({ text: s!.text, finishReason: s!.finishReason }));
  };
}
