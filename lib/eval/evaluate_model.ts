/**
 * Evaluation of a model on labelled problems (spec section 5): greedy Pass@1, and K samples
 * per problem at temperature 1.0, top-p 0.95 for sampled Pass@1, Maj@K, Pass@K and reward
 * alignment, overall and per level.
 *
 * Each decoding mode is one sampler call over all problems (for a real model: one `generate`
 * call, which batches and compacts by itself). Sample `s` of problem `i` is drawn from a
 * stream derived from (seed, mode, i, s), so a report depends on the seed and the problems,
 * not on batch sizes; evaluating a prefix of the problems gives the same results for them.
 *
 * Deviation from the paper, on purpose: the paper's sampled Pass@1 and Maj@K runs may use
 * different sampling settings; here both are computed on the same K samples (top-p 0.95), so
 * Maj@K against sampled Pass@1 compares like with like.
 *
 * @module
 */
import { deriveSeed } from "../random.ts";
import {
  type EvalGroupResult,
  type EvalProblemResult,
  type EvalSummary,
  summarizeEval,
} from "./eval_metrics.ts";
import type { EvalRecord } from "./eval_records.ts";
import { evalPrompt, type EvalSample, type EvalSampler } from "./eval_sampler.ts";
import { scoreEvalResponses } from "./score_eval_responses.ts";

/** Options of {@linkcode evaluateModel}. */
export interface EvaluateModelOptions {
  /**
   * Samples per problem for sampled Pass@1, Maj@K and reward alignment (0: no sampling).
   * @default {16}
   */
  k?: number;
  /**
   * Run greedy decoding for Pass@1.
   * @default {true}
   */
  greedy?: boolean;
  /**
   * Temperature of the K samples.
   * @default {1}
   */
  temperature?: number;
  /**
   * Nucleus mass of the K samples.
   * @default {0.95}
   */
  topP?: number;
  /**
   * Most tokens per response.
   * @default {256}
   */
  maxNewTokens?: number;
  /**
   * Seed every sample stream derives from.
   * @default {0}
   */
  seed?: number;
  /**
   * Tie-break of the majority vote (see `majorityVote`).
   * @default {"shortest"}
   */
  tieBreak?: "shortest" | "first";
}

/** The settings a report was made with (every option, resolved). */
export type EvalSettings = Required<EvaluateModelOptions>;

/** The result of {@linkcode evaluateModel}. */
export interface EvalReport extends EvalSummary {
  /** The resolved options. */
  settings: EvalSettings;
  /** Wall-clock seconds of each decoding mode (null: not run). */
  seconds: { greedy: number | null; sampled: number | null };
  /** Per-problem results, in record order. */
  results: EvalProblemResult[];
}

/**
 * Evaluates a model, through a sampler, on labelled problems.
 *
 * @param sampler The model (`modelEvalSampler(model)`, or a scripted function in tests).
 * @param records The problems: question, gold answer, level.
 * @param options K, decoding settings, seed and tie-break.
 * @returns Metrics overall and per level, the settings, timings and per-problem results.
 * @throws {RangeError} On invalid options, no records, or nothing to run.
 * @throws {TypeError} When the sampler returns the wrong number of responses.
 *
 * @example A scripted model that knows only the first problem's answer
 * ```ts
 * import { evaluateModel } from "./evaluate_model.ts";
 * import type { EvalSampler } from "./eval_sampler.ts";
 * const sampler: EvalSampler = (prompts, { n }) => Promise.resolve(prompts.map((p) =>
 *   Array.from({ length: n }, () => ({ text: p.startsWith("2 + 2") ? "\\boxed{4}" : "\\boxed{0}",
 *     tokens: 9, truncated: false }))));
 * const report = await evaluateModel(sampler, [
 *   { question: "2 + 2?", answer: "4", level: 1 },
 *   { question: "3 + 3?", answer: "6", level: 2 },
 * ], { k: 4 });
 * if (report.pass1 !== 0.5 || report.majK !== 0.5 || report.byLevel["2"]!.pass1Sampled !== 0) {
 *   throw new Error(JSON.stringify(report));
 * }
 * ```
 */
export async function evaluateModel(
  sampler: EvalSampler,
  records: readonly Pick<EvalRecord, "question" | "answer" | "level">[],
  options?: EvaluateModelOptions,
): Promise<EvalReport> {
  const {
    k = 16,
    greedy = true,
    temperature = 1,
    topP = 0.95,
    maxNewTokens = 256,
    seed = 0,
    tieBreak = "shortest",
  } = options ?? {};
  if (!Number.isInteger(k) || k < 0) {
    throw new RangeError(`Cannot evaluate as k must be an integer >= 0: current value is ${k}`);
  }
  if (!Number.isInteger(maxNewTokens) || maxNewTokens < 1) {
    throw new RangeError(
      `Cannot evaluate as maxNewTokens must be a positive integer: current value is ${maxNewTokens}`,
    );
  }
  if (!(temperature >= 0) || !Number.isFinite(temperature)) {
    throw new RangeError(
      `Cannot evaluate as temperature must be >= 0: current value is ${temperature}`,
    );
  }
  if (!(topP > 0 && topP <= 1)) {
    throw new RangeError(`Cannot evaluate as topP must be in (0, 1]: current value is ${topP}`);
  }
  if (!greedy && k === 0) {
    throw new RangeError("Cannot evaluate: nothing to run, greedy is off and k is 0");
  }
  if (records.length === 0) throw new RangeError("Cannot evaluate: no problems");
  const prompts = records.map((r) => evalPrompt(r.question));

  const run = async (mode: "greedy" | "sampled", n: number) => {
    const start = performance.now();
    const samples = await sampler(prompts, {
      n,
      temperature: mode === "greedy" ? 0 : temperature,
      topP: mode === "greedy" ? 1 : topP,
      maxNewTokens,
      seed: deriveSeed(seed, "eval", mode),
    });
    checkSamples(samples, prompts.length, n, mode);
    const groups = samples.map((group, i): EvalGroupResult => {
      const texts = group.map((s) => s.text);
      return {
        ...scoreEvalResponses(records[i]!.answer, texts, { tieBreak }),
        texts,
        tokens: group.map((s) => s.tokens),
        truncated: group.map((s) => s.truncated),
      };
    });
    return { groups, seconds: (performance.now() - start) / 1000 };
  };
  const greedyRun = greedy ? await run("greedy", 1) : null;
  const sampledRun = k > 0 ? await run("sampled", k) : null;
  const results = records.map((r, i): EvalProblemResult => ({
    index: i,
    level: r.level,
    gold: r.answer,
    greedy: greedyRun?.groups[i] ?? null,
    sampled: sampledRun?.groups[i] ?? null,
  }));
  return {
    ...summarizeEval(results),
    settings: { k, greedy, temperature, topP, maxNewTokens, seed, tieBreak },
    seconds: { greedy: greedyRun?.seconds ?? null, sampled: sampledRun?.seconds ?? null },
    results,
  };
}

/** The sampler's output is untrusted: one group per prompt, n samples each, well typed. */
function checkSamples(samples: EvalSample[][], prompts: number, n: number, mode: string): void {
  const fail = (why: string) => new TypeError(`Cannot evaluate ${mode} responses: ${why}`);
  if (!Array.isArray(samples) || samples.length !== prompts) {
    throw fail(
      `expected ${prompts} groups, got ${Array.isArray(samples) ? samples.length : typeof samples}`,
    );
  }
  samples.forEach((group, i) => {
    if (!Array.isArray(group) || group.length !== n) {
      throw fail(
        `expected ${n} responses for problem ${i}, got ${
          Array.isArray(group) ? group.length : typeof group
        }`,
      );
    }
    for (const s of group) {
      if (
        typeof s?.text !== "string" || !Number.isInteger(s.tokens) || s.tokens < 0 ||
        typeof s.truncated !== "boolean"
      ) {
        throw fail(`problem ${i} has a response that is not { text, tokens, truncated }`);
      }
    }
  });
}
