/**
 * Fitting a generation prompt into the model's context: a prompt whose tokens plus the
 * completion budget exceed `max_position_embeddings` (the tiny model's context is 1024, and
 * the kept pool can hold long generated problems) loses its first few-shot examples, one at
 * a time, and is rendered again, so it stays a well-formed numbered list ending in `n+1.`.
 * The loop counts these prompts (`shortenedPrompts` in the metrics); OpenRLHF instead cuts
 * over-long prompts at `prompt_max_len` tokens.
 *
 * @module
 */
import {
  type ApplyChatTemplate,
  type GenerationPrompt,
  renderGenerationPrompt,
} from "../instruct/generation_prompt.ts";

/** Options for {@linkcode fitGenerationPrompt}. */
export interface FitGenerationPromptOptions {
  /** The chat template the prompt was rendered with. @default undefined */
  applyChatTemplate?: ApplyChatTemplate;
}

/**
 * Drops leading examples until the prompt has at most `budget` tokens.
 *
 * @param prompt The prompt (from `buildGenerationPrompt`).
 * @param budget Most prompt tokens (context minus the completion's `maxNewTokens`).
 * @param countTokens The prompt's token count as the sampler will encode it.
 * @param options The chat template.
 * @returns The prompt (the same object when it fits) and how many examples were dropped.
 * @throws {RangeError} When even a single example does not fit.
 *
 * @example One character a token: keep the last examples that fit in 60
 * ```ts
 * import { fitGenerationPrompt } from "./fit_generation_prompt.ts";
 * import { buildGenerationPrompt } from "../instruct/generation_prompt.ts";
 * import { randomSeeded } from "../random.ts";
 * const seeds = Array.from({ length: 8 }, (_, i) => `What is ${i} plus ${i}?`);
 * const prompt = buildGenerationPrompt({ seeds, kept: [] }, randomSeeded(1));
 * const { prompt: fitted, dropped } = fitGenerationPrompt(prompt, 60, (t) => t.length);
 * if (fitted.text.length > 60 || dropped !== 7 || !fitted.text.endsWith("\n2.")) throw new Error();
 * ```
 */
export function fitGenerationPrompt(
  prompt: GenerationPrompt,
  budget: number,
  countTokens: (text: string) => number,
  options?: FitGenerationPromptOptions,
): { prompt: GenerationPrompt; dropped: number } {
  const { applyChatTemplate } = options ?? {};
  let current = prompt;
  let dropped = 0;
  while (countTokens(current.text) > budget) {
    if (current.examples.length <= 1) {
      throw new RangeError(
        `Cannot fit a generation prompt into ${budget} tokens: one example alone has ${
          countTokens(current.text)
        } (lower instruct.sampling.maxNewTokens or instruct.maxWords)`,
      );
    }
    const examples = current.examples.slice(1);
    const rendered = renderGenerationPrompt(examples.map((e) => e.text), { applyChatTemplate });
    current = { ...rendered, examples };
    dropped++;
  }
  return { prompt: current, dropped };
}
