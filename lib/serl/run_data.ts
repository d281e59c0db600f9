/**
 * The data of a run, read once at its start: seed instructions, evaluation sets (limited),
 * and the baselines' problem stream.
 *
 * @module
 */
import type { Experiment } from "../config/experiment.ts";
import { type EvalRecord, loadEvalRecords } from "../eval/eval_records.ts";
import { deriveSeed } from "../random.ts";
import {
  listStreamBatch,
  type StreamBatch,
  streamExclusionKey,
  worldStreamBatch,
} from "./problem_stream.ts";

/** What a run reads from disk. */
export interface RunData {
  /** Seed instructions (the first `data.seedLimit`, or all). */
  seeds: string[];
  /** The eval set, limited to `loop.evalLimit` problems. */
  eval: EvalRecord[];
  /** The OOD eval set (limited the same way), or empty. */
  evalOod: EvalRecord[];
  /** The baselines' problem stream (null for SeRL and eval runs). */
  problems: ((cursor: number, count: number) => StreamBatch) | null;
}

/**
 * Reads the data an experiment names.
 *
 * @param experiment The resolved experiment.
 * @returns The data.
 * @throws {Deno.errors.NotFound} When a file is missing.
 * @throws {SyntaxError | TypeError} On a malformed line (naming the file and line).
 *
 * @example tiny-math's files
 * ```ts
 * import { loadRunData } from "./run_data.ts";
 * import { EXPERIMENT_DEFAULTS } from "../config/experiment_defaults.ts";
 * import { resolveExperiment } from "../config/resolve_experiment.ts";
 * const root = new URL("../../", import.meta.url).pathname;
 * const e = resolveExperiment(EXPERIMENT_DEFAULTS, { method: "rl_gt", loop: { evalLimit: 10 },
 *   data: { seeds: `${root}seeds/tiny-math/seed_500.jsonl`, eval: `${root}seeds/tiny-math/eval_500.jsonl` } });
 * const data = await loadRunData(e);
 * if (data.seeds.length !== 500 || data.eval.length !== 10) throw new Error();
 * if (data.problems!(0, 3).problems.length !== 3) throw new Error();
 * ```
 */
export async function loadRunData(experiment: Readonly<Experiment>): Promise<RunData> {
  const { data, loop, method, seed } = experiment;
  const limit = <T>(xs: T[], n: number) => (n === 0 ? xs : xs.slice(0, n));
  const seeds = limit((await loadEvalRecords(data.seeds)).map((r) => r.question), data.seedLimit);
  const evalAll = await loadEvalRecords(data.eval);
  const oodAll = data.evalOod === "" ? [] : await loadEvalRecords(data.evalOod);
  let problems: RunData["problems"] = null;
  const streamSeed = deriveSeed(seed, "problems");
  if (method === "maj_on_seeds") {
    const list = seeds.map((question) => ({ question, answer: null }));
    problems = (cursor, count) => listStreamBatch(list, cursor, count, streamSeed);
  } else if (method === "rl_gt" && data.labelled === "world") {
    const exclude = new Set([...evalAll, ...oodAll].map((r) => streamExclusionKey(r.question)));
    problems = (cursor, count) => worldStreamBatch(cursor, count, streamSeed, { exclude });
  } else if (method === "rl_gt") {
    const list = (await loadEvalRecords(data.labelled)).map((r) => ({
      question: r.question,
      answer: r.answer,
    }));
    problems = (cursor, count) => listStreamBatch(list, cursor, count, streamSeed);
  }
  return {
    seeds,
    eval: limit(evalAll, loop.evalLimit),
    evalOod: limit(oodAll, loop.evalLimit),
    problems,
  };
}
