/**
 * Evaluation (spec section 5): greedy Pass@1, sampled Pass@1 and Maj@K on the same K samples
 * (temperature 1.0, top-p 0.95), Pass@K, reward alignment between majority-vote and
 * ground-truth rewards (paper Fig. 3), each overall and per level; loaders for MATH-style
 * JSONL; a text table.
 *
 * - `loadEvalRecords`, `parseEvalJsonl`: labelled problems from JSONL.
 * - `evaluateModel(sampler, records, options)`: the whole evaluation.
 * - `modelEvalSampler(model)`: the sampler of a loaded model (one `generate` call per mode);
 *   `evalPrompt`: the prompt format (raw question + `"\n"`, no chat template).
 * - `scoreEvalResponses`, `evalMetrics`, `summarizeEval`, `rewardCosine`: the pure parts.
 * - `formatEvalTable`: a report for the terminal.
 *
 * ```ts
 * import { evaluateModel, parseEvalJsonl } from "./mod.ts";
 * const records = parseEvalJsonl('{"problem": "What is 5 * 7?", "answer": "35", "level": 2}');
 * const report = await evaluateModel((prompts, { n }) => Promise.resolve(prompts.map(() =>
 *   Array.from({ length: n }, () => ({ text: "5 * 7 = 35. \\boxed{35}", tokens: 12, truncated: false })))),
 *   records);
 * if (report.pass1 !== 1 || report.majK !== 1 || report.byLevel["2"]!.problems !== 1) throw new Error();
 * ```
 *
 * @module
 */
export * from "./eval_records.ts";
export * from "./eval_sampler.ts";
export * from "./score_eval_responses.ts";
export * from "./reward_cosine.ts";
export * from "./eval_metrics.ts";
export * from "./evaluate_model.ts";
export * from "./format_eval_table.ts";
export * from "./self_instruct_quality.ts";
