/**
 * Self-instruction (SeRL spec section 2): the model writes new problems from few-shot
 * prompts, and online filters keep the useful ones.
 *
 * - `buildGenerationPrompt`: few-shot examples from the seeds and the kept pool (paper or
 *   official-code mix), rendered as plain text or through a chat template.
 * - `parseQuestions`: the numbered items of a completion.
 * - `filterCandidateInstructions`: whitespace collapse and capitalization, the five rule
 *   filters, and ROUGE-L (exact, bit-parallel) against the seeds and pending instructions.
 * - `filterByDifficulty`: the mean-reward band after rollout.
 * - `InstructionPool`: pending and kept instructions as plain JSON data.
 * - `InstructConfig`: every switch and parameter, with the paper's defaults.
 *
 * ```ts
 * import { filterCandidateInstructions, parseQuestions } from "./mod.ts";
 * const completion = " How many sides does a hexagon have?\n10. Plot y=2x.";
 * const { kept } = filterCandidateInstructions(parseQuestions(completion), {
 *   seeds: ["How many sides does a triangle have?"],
 *   pending: [],
 * });
 * if (kept.length !== 0) throw new Error("the hexagon is too close to the triangle");
 * ```
 *
 * @module
 */
export * from "./config.ts";
export * from "./difficulty_filter.ts";
export * from "./few_shot.ts";
export * from "./filter_candidates.ts";
export * from "./filter_report.ts";
export * from "./generation_prompt.ts";
export * from "./instruction_pool.ts";
export * from "./normalize_instruction.ts";
export * from "./parse_questions.ts";
export * from "./resolve_instruct_config.ts";
export * from "./rouge_index.ts";
export * from "./rouge_l.ts";
export * from "./rule_filters.ts";
