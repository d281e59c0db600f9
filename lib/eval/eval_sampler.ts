/**
 * The one seam between evaluation and a model: an {@linkcode EvalSampler} answers a batch of
 * prompts `n` times each. {@linkcode modelEvalSampler} wraps a loaded {@linkcode LanguageModel}
 * with `generate`; tests pass a scripted function instead.
 *
 * Prompt format (spec section 4, the official evaluation's "pure" format):
 * {@linkcode evalPrompt} is the raw question plus `"\n"`, with no chat template and no system
 * prompt. For an instruct model, `chatTemplate: true` renders that prompt as one user message
 * through the tokenizer's template instead.
 *
 * @module
 */
import { generate } from "../generate/generate.ts";
import type { LanguageModel } from "../model/load_model.ts";

/** Sampling settings of one {@linkcode EvalSampler} call. */
export interface EvalSamplingOptions {
  /** Samples per prompt. */
  n: number;
  /** Sampling temperature; 0 is greedy decoding. */
  temperature: number;
  /** Nucleus mass (1: off). */
  topP: number;
  /** Most tokens per sample. */
  maxNewTokens: number;
  /**
   * Seed of the call. Sample `s` of prompt `p` must depend only on (seed, p, s), not on how
   * the sampler batches the prompts.
   */
  seed: number;
}

/** One answer of the model to one prompt. */
export interface EvalSample {
  /** The response text (the prompt excluded). */
  text: string;
  /** Its length in tokens. */
  tokens: number;
  /** True when it was cut at `maxNewTokens`. */
  truncated: boolean;
}

/** Answers `prompts`, `options.n` samples each, returned per prompt in sample order. */
export type EvalSampler = (
  prompts: readonly string[],
  options: EvalSamplingOptions,
) => Promise<EvalSample[][]>;

/**
 * The prompt a question is asked with: the raw question and a newline.
 *
 * @param question The problem text.
 * @returns `question + "\n"`.
 *
 * @example
 * ```ts
 * import { evalPrompt } from "./eval_sampler.ts";
 * if (evalPrompt("What is 5 * 7?") !== "What is 5 * 7?\n") throw new Error();
 * ```
 */
export function evalPrompt(question: string): string {
  return `${question}\n`;
}

/** Options of {@linkcode modelEvalSampler}. */
export interface ModelEvalSamplerOptions {
  /**
   * Render each prompt as a user message through the tokenizer's chat template (instruct
   * models). Off by default whatever the tokenizer has: the paper evaluates without one.
   * @default {false}
   */
  chatTemplate?: boolean;
  /**
   * Strings that end a sample (besides the model's EOS tokens).
   * @default {[]}
   */
  stop?: readonly string[];
  /**
   * Most rows `generate` decodes together; it splits a call into batches of whole samples
   * and compacts finished rows away by itself.
   * @default {256}
   */
  maxBatchSize?: number;
}

/**
 * An {@linkcode EvalSampler} backed by a loaded model: every call is one `generate` call over
 * all its prompts, whose per-sample streams `deriveSeed(seed, "generate", p, s)` make the
 * result independent of `maxBatchSize`.
 *
 * @param model A model from `loadModel`.
 * @param options Chat template, stop strings and batch size.
 * @returns The sampler.
 *
 * @example Greedy answers of a tiny random model
 * ```ts
 * import { byteLevelTokenizerFiles, initLlamaWeights, llamaConfig, loadModel, saveModelFolder }
 *   from "../model/mod.ts";
 * import { modelEvalSampler } from "./eval_sampler.ts";
 * const config = llamaConfig({ vocabSize: 260, hiddenSize: 16, numHiddenLayers: 1,
 *   numAttentionHeads: 2, intermediateSize: 32 });
 * const dir = await Deno.makeTempDir();
 * await saveModelFolder(dir, { config, weights: initLlamaWeights(config, { seed: 1 }),
 *   tokenizer: byteLevelTokenizerFiles() });
 * const sampler = modelEvalSampler(await loadModel(dir));
 * const options = { n: 1, temperature: 0, topP: 1, maxNewTokens: 4, seed: 0 };
 * const [[a]] = await sampler(["1+1=\n"], options);
 * const [[b]] = await sampler(["1+1=\n"], options);
 * if (a!.text !== b!.text || a!.tokens > 4) throw new Error("greedy is not deterministic");
 * ```
 */
export function modelEvalSampler(
  model: LanguageModel,
  options?: ModelEvalSamplerOptions,
): EvalSampler {
  const { chatTemplate = false, stop = [], maxBatchSize = 256 } = options ?? {};
  return async (prompts, sampling) => {
    if (prompts.length === 0) return [];
    const results = await generate(model, prompts, {
      n: sampling.n,
      temperature: sampling.temperature,
      topP: sampling.topP,
      maxNewTokens: sampling.maxNewTokens,
      seed: sampling.seed,
      stop,
      chatTemplate,
      maxBatchSize,
    });
    return results.map((samples) =>
      samples.map((s) => ({
        text: s.text,
        tokens: s.tokens.length,
        truncated: s.finishReason === "length",
      }))
    );
  };
}
