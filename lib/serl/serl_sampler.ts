/**
 * The sampling seam of the loop: every completion of a run (instructions and rollouts)
 * comes from one function with `generate`'s signature. The default is `generate` itself;
 * tests substitute `generate` with extra logits processors (constrained decoding of a
 * random model), so the whole loop runs for real on a model that cannot write yet.
 *
 * @module
 */
import { generate } from "../generate/generate.ts";
import type { GeneratedSample, GenerateOptions } from "../generate/generate_options.ts";
import type { LanguageModel } from "../model/load_model.ts";

/** `generate`'s signature, for string prompts. */
export type SerlSampler = (
  model: LanguageModel,
  prompts: readonly string[],
  options: GenerateOptions,
) => Promise<GeneratedSample[][]>;

/**
 * The default sampler: `generate`.
 *
 * @example
 * ```ts
 * import { defaultSerlSampler } from "./serl_sampler.ts";
 * import { generate } from "../generate/generate.ts";
 * if (defaultSerlSampler !== generate) throw new Error("not generate");
 * ```
 */
export const defaultSerlSampler: SerlSampler = generate;
