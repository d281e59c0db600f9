/**
 * The options of `generate()` (in `generate.ts`) and the samples it returns.
 *
 * @module
 */
import type { LogitsProcessor } from "./logits_processor.ts";

/** Why a sample ended. */
export type FinishReason = "eos" | "stop" | "length";

/** One generated sample. */
export interface GeneratedSample {
  /** The prompt's token ids (shared by the samples of one prompt). */
  promptTokens: readonly number[];
  /** Generated token ids, the EOS token included when it ended the sample. */
  tokens: number[];
  /** `log p(tokens[i] | prompt, tokens[<i])` at temperature 1 from the raw logits (see `generate.ts`). */
  logProbs: number[];
  /** Decoded text, special tokens skipped; cut before the stop string when one ended it. */
  text: string;
  /** `"eos"`, `"stop"` (a stop string appeared) or `"length"` (`maxNewTokens` reached). */
  finishReason: FinishReason;
}

/** Options for {@linkcode generate}. */
export interface GenerateOptions {
  /**
   * Samples per prompt.
   * @default 1
   */
  n?: number;
  /**
   * Most tokens generated per sample.
   * @default 256
   */
  maxNewTokens?: number;
  /**
   * Sampling temperature; 0 is greedy decoding (argmax, no random draws).
   * @default 1
   */
  temperature?: number;
  /**
   * Keep only the k most likely tokens (0: off).
   * @default 0
   */
  topK?: number;
  /**
   * Keep the nucleus of probability mass p (1: off).
   * @default 1
   */
  topP?: number;
  /**
   * Subtracted once from the logit of every token already generated (OpenAI / vLLM
   * semantics; 0: off).
   * @default 0
   */
  presencePenalty?: number;
  /**
   * Strings that end a sample when they appear in its text (excluded from `text`).
   * @default []
   */
  stop?: readonly string[];
  /**
   * Tokens that end a sample.
   * @default model.eosTokenIds
   */
  eosTokenIds?: readonly number[];
  /**
   * Seed of the per-sample random streams.
   * @default 0
   */
  seed?: number;
  /**
   * Render string prompts through the tokenizer's chat template.
   * @default model.tokenizer.hasChatTemplate
   */
  chatTemplate?: boolean;
  /**
   * Extra processors, applied after presence penalty, temperature, top-k and top-p.
   * @default []
   */
  logitsProcessors?: readonly LogitsProcessor[];
  /**
   * Most rows decoded together (prompts are split into batches of whole samples).
   * @default 256
   */
  maxBatchSize?: number;
}
