/**
 * The loop's periodic evaluation: greedy Pass@1 on the first `limit` problems of an eval
 * set (tiny-math: `eval_500`), overall and per level.
 *
 * @module
 */
import type { EvalRecord } from "../eval/eval_records.ts";
import { modelEvalSampler } from "../eval/eval_sampler.ts";
import { evaluateModel } from "../eval/evaluate_model.ts";
import type { LanguageModel } from "../model/load_model.ts";
import type { EvalPoint } from "./step_metrics.ts";

/** Options for {@linkcode evaluatePolicy}. */
export interface EvaluatePolicyOptions {
  /** Steps done (0: before training). @default 0 */
  step?: number;
  /** Which set the records are. @default "eval" */
  set?: "eval" | "evalOod";
  /** Most tokens per response. @default 1024 */
  maxNewTokens?: number;
  /** Most rows decoded together. @default 256 */
  maxBatchSize?: number;
}

/**
 * Greedy Pass@1 of a model on records.
 *
 * @param model The model.
 * @param records The problems (already limited).
 * @param options Step, set name and decoding limits.
 * @returns The eval point.
 *
 * @example
 * ```ts
 * import { byteLevelTokenizerFiles, initLlamaWeights, llamaConfig, loadModel, saveModelFolder }
 *   from "../model/mod.ts";
 * const config = llamaConfig({ vocabSize: 260, hiddenSize: 16, numHiddenLayers: 1,
 *   numAttentionHeads: 2, intermediateSize: 32 });
 * const dir = await Deno.makeTempDir();
 * await saveModelFolder(dir, { config, weights: initLlamaWeights(config),
 *   tokenizer: byteLevelTokenizerFiles() });
 * const model = await loadModel(dir);
 * import { evaluatePolicy } from "./evaluate_policy.ts";
 * const point = await evaluatePolicy(model, [{ question: "1+1?", answer: "2", level: 1 }],
 *   { step: 5, maxNewTokens: 4 });
 * if (point.step !== 5 || point.problems !== 1 || !("1" in point.byLevel)) throw new Error();
 * ```
 */
export async function evaluatePolicy(
  model: LanguageModel,
  records: readonly Pick<EvalRecord, "question" | "answer" | "level">[],
  options?: EvaluatePolicyOptions,
): Promise<EvalPoint> {
  const { step = 0, set = "eval", maxNewTokens = 1024, maxBatchSize = 256 } = options ?? {};
  const report = await evaluateModel(modelEvalSampler(model, { maxBatchSize }), records, {
    k: 0,
    maxNewTokens,
  });
  return {
    step,
    set,
    problems: report.problems,
    pass1: report.pass1!,
    byLevel: Object.fromEntries(
      Object.entries(report.byLevel).map(([level, m]) => [level, m.pass1!]),
    ),
    noAnswerShare: report.greedy!.noAnswerShare,
  };
}
