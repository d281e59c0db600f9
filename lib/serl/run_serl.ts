/**
 * A whole run: evaluation before, `loop.steps x loop.iterations` SeRL steps (or a
 * baseline's), periodic evaluation, checkpoints, evaluation after, the final model and a
 * summary, all in one run folder (`run_folder.ts`).
 *
 * Resuming: the latest checkpoint holds the trainer (weights, optimizer) and the loop state
 * (pools, step, stream position, metrics line count, evaluations); lines of `metrics.jsonl`
 * written after it are dropped and their steps re-run. Every draw derives from
 * `(seed, purpose, iteration, step, ...)`, so a resumed run writes the same lines and ends
 * with the same weights as an uninterrupted one (timings aside).
 *
 * Iterations: iteration k > 0 starts from the weights at the end of iteration k - 1, saved
 * as a model folder (`iterations/<k>/`), with a fresh optimizer and schedule; that folder is
 * also iteration k's reference model. The kept pool carries over (it never expires).
 *
 * Stopping: when `signal` aborts, the current step finishes, a checkpoint is written and the
 * run returns `status: "stopped"`.
 *
 * @module
 */
import { join } from "node:path";
import { writeFileAtomic } from "../atomic_write.ts";
import type { Experiment } from "../config/experiment.ts";
import { type LanguageModel, loadModel } from "../model/load_model.ts";
import { releaseModel } from "../model/model_session.ts";
import { saveLanguageModel } from "../model/save_model_folder.ts";
import {
  latestPolicyCheckpoint,
  loadPolicyCheckpoint,
  policyCheckpoint,
  policyCheckpointDir,
  restorePolicyTrainer,
  savePolicyCheckpoint,
} from "../train/policy_checkpoint.ts";
import {
  createPolicyTrainer,
  policyModel,
  type PolicyTrainer,
  releasePolicyTrainer,
} from "../train/policy_trainer.ts";
import { evaluatePolicy } from "./evaluate_policy.ts";
import { initialLoopState, type SerlLoopState, validateLoopState } from "./loop_state.ts";
import { loadRunData } from "./run_data.ts";
import {
  prepareRunFolder,
  pruneCheckpoints,
  readJsonLines,
  runFolderPaths,
  writeJsonLines,
} from "./run_folder.ts";
import { type RunSummary, summarizeRun } from "./run_summary.ts";
import { defaultSerlSampler, type SerlSampler } from "./serl_sampler.ts";
import { serlTrainerOptions } from "./serl_trainer_options.ts";
import { serlStep } from "./step.ts";
import { type EvalPoint, type StepMetrics, stepMetrics } from "./step_metrics.ts";
import { stepSamples } from "./step_samples.ts";

/** Progress reports of a run (the CLI prints them; the library never does). */
export type SerlEvent =
  | { type: "start"; runDir: string; fromStep: number; totalSteps: number }
  | { type: "eval"; point: EvalPoint }
  | { type: "step"; metrics: StepMetrics; totalSteps: number }
  | { type: "checkpoint"; step: number; dir: string }
  | { type: "iteration"; iteration: number };

/** Options for {@linkcode runSerl}. */
export interface RunSerlOptions {
  /** The run folder. */
  runDir: string;
  /** Continue the run in `runDir` from its latest checkpoint. @default false */
  resume?: boolean;
  /** Stop after the current step (checkpointed) when aborted. @default undefined */
  signal?: AbortSignal;
  /** The sampler of every completion. @default generate */
  sampler?: SerlSampler;
  /** Progress callback. @default undefined */
  onEvent?: (event: SerlEvent) => void;
}

/** How a run ended. */
export interface SerlRunResult {
  /** `"done"` (summary written) or `"stopped"` (checkpointed; resume to continue). */
  status: "done" | "stopped";
  /** Steps done. */
  steps: number;
  /** The summary, when done. */
  summary: RunSummary | null;
}

/**
 * Runs (or resumes) an experiment in a run folder.
 *
 * @param experiment The resolved experiment.
 * @param options Run folder, resume, stop signal, sampler and progress callback.
 * @returns How the run ended.
 * @throws {RangeError} When generation or the difficulty filter cannot feed a step (see
 * `serlStep`), or on a bad config; `TrainingDivergedError` when training diverges (the last
 * checkpoint stays the latest).
 *
 * @example An evaluation-only run (tests/serl/run_serl_test.ts runs SeRL end to end)
 * ```ts
 * import { byteLevelTokenizerFiles, initLlamaWeights, llamaConfig, loadModel, saveModelFolder }
 *   from "../model/mod.ts";
 * const config = llamaConfig({ vocabSize: 260, hiddenSize: 16, numHiddenLayers: 1,
 *   numAttentionHeads: 2, intermediateSize: 32 });
 * const dir = await Deno.makeTempDir();
 * await saveModelFolder(dir, { config, weights: initLlamaWeights(config),
 *   tokenizer: byteLevelTokenizerFiles() });
 * import { EXPERIMENT_DEFAULTS, resolveExperiment } from "../config/mod.ts";
 * import { runSerl } from "./run_serl.ts";
 * const data = `${dir}/eval.jsonl`;
 * await Deno.writeTextFile(data, '{"problem":"1+1?","answer":"2","level":1}\n');
 * const experiment = resolveExperiment(EXPERIMENT_DEFAULTS, { method: "eval",
 *   model: { dir }, data: { eval: data }, loop: { evalMaxNewTokens: 4 } });
 * const result = await runSerl(experiment, { runDir: `${dir}/run` });
 * if (result.status !== "done" || result.summary?.before?.problems !== 1) throw new Error();
 * ```
 */
export async function runSerl(
  experiment: Readonly<Experiment>,
  options: RunSerlOptions,
): Promise<SerlRunResult> {
  const { runDir, resume = false, signal, sampler = defaultSerlSampler, onEvent } = options;
  const started = performance.now();
  const e = experiment;
  const paths = runFolderPaths(runDir);
  await prepareRunFolder(paths, e, resume);
  if (resume) {
    try {
      const summary = JSON.parse(await Deno.readTextFile(paths.summary)) as RunSummary;
      return { status: "done", steps: summary.steps, summary };
    } catch (err) {
      if (!(err instanceof Deno.errors.NotFound)) throw err;
    }
  }
  const data = await loadRunData(e);
  const base = await loadModel(e.model.dir, {
    provider: e.model.provider,
    threads: e.model.threads,
  });
  const total = e.method === "eval" ? 0 : e.loop.steps * e.loop.iterations;
  const evalOptions = {
    maxNewTokens: e.loop.evalMaxNewTokens,
    maxBatchSize: e.rollout.maxBatchSize,
  };
  const evaluate = async (model: LanguageModel, step: number, set: "eval" | "evalOod") => {
    const records = set === "eval" ? data.eval : data.evalOod;
    const point = await evaluatePolicy(model, records, { ...evalOptions, step, set });
    onEvent?.({ type: "eval", point });
    return point;
  };
  const evaluateAll = async (model: LanguageModel, step: number) => [
    await evaluate(model, step, "eval"),
    ...(data.evalOod.length > 0 ? [await evaluate(model, step, "evalOod")] : []),
  ];

  let state: SerlLoopState = initialLoopState();
  const checkpointDir = resume ? await latestPolicyCheckpoint(paths.checkpoints) : null;
  const checkpoint = checkpointDir === null ? null : await loadPolicyCheckpoint(checkpointDir);
  if (checkpoint !== null) state = validateLoopState(checkpoint.extra);
  onEvent?.({ type: "start", runDir, fromStep: state.step, totalSteps: total });

  if (e.method === "eval") {
    if (state.evals.length === 0) state.evals = await evaluateAll(base, 0);
    await releaseModel(base);
    return await finish(e, paths, state, [], started);
  }

  const iterationModel = (k: number) =>
    k === 0 ? Promise.resolve(base) : loadModel(join(paths.iterations, String(k)), {
      provider: e.model.provider,
      threads: e.model.threads,
    });
  let trainer = await createPolicyTrainer(
    await iterationModel(state.trainerIteration),
    serlTrainerOptions(e, state.trainerIteration),
  );
  if (checkpoint !== null) restorePolicyTrainer(trainer, checkpoint);
  const lines = await readJsonLines(paths.metrics, state.metricsLines);
  await writeJsonLines(paths.metrics, lines);
  const metrics: StepMetrics[] = lines.map((l) => JSON.parse(l));

  if (state.step === 0 && state.evals.length === 0) {
    state.evals = await withPolicy(trainer, (m) => evaluateAll(m, 0));
    await writeJsonLines(paths.evals, state.evals.map((p) => JSON.stringify(p)));
  }

  while (state.step < total) {
    const t0 = performance.now();
    const iteration = Math.floor(state.step / e.loop.steps);
    if (iteration !== state.trainerIteration) {
      trainer = await nextIterationTrainer(trainer, iteration, paths.iterations, iterationModel, e);
      state = { ...state, trainerIteration: iteration };
      onEvent?.({ type: "iteration", iteration });
    }
    const step = state.step + 1;
    const result = await withPolicy(trainer, (policy) =>
      serlStep({
        experiment: e,
        seeds: data.seeds,
        policy,
        reference: trainer.model,
        trainer,
        sampler,
        problems: data.problems,
      }, { iteration, step, pool: state.pool, cursor: state.cursor }));
    const due = (e.loop.evalEvery > 0 && step % e.loop.evalEvery === 0) || step === total;
    const te = performance.now();
    const point = due ? await withPolicy(trainer, (m) => evaluate(m, step, "eval")) : null;
    const line = stepMetrics(result, {
      step,
      iteration,
      method: e.method,
      eval: point,
      seconds: (performance.now() - t0) / 1000,
    });
    line.seconds.eval = (performance.now() - te) / 1000;
    const samples = stepSamples(result, { step, iteration, count: e.loop.samplesPerStep });
    await writeFileAtomic(
      join(paths.samples, `step-${String(step).padStart(4, "0")}.json`),
      JSON.stringify(samples, null, 1) + "\n",
    );
    metrics.push(line);
    lines.push(JSON.stringify(line));
    await writeJsonLines(paths.metrics, lines);
    state = {
      ...state,
      step,
      pool: result.pool,
      cursor: result.cursor,
      metricsLines: lines.length,
      evals: point === null ? state.evals : [...state.evals, point],
    };
    if (point !== null) {
      await writeJsonLines(paths.evals, state.evals.map((p) => JSON.stringify(p)));
    }
    onEvent?.({ type: "step", metrics: line, totalSteps: total });
    const stopping = signal?.aborted === true;
    if (step % e.loop.checkpointEvery === 0 || step === total || stopping) {
      const dir = policyCheckpointDir(paths.checkpoints, step);
      await savePolicyCheckpoint(dir, policyCheckpoint(trainer, { ...state }));
      await pruneCheckpoints(paths.checkpoints, e.loop.keepCheckpoints);
      onEvent?.({ type: "checkpoint", step, dir });
    }
    if (stopping && step < total) {
      await releasePolicyTrainer(trainer);
      if (trainer.model !== base) await releaseModel(trainer.model);
      await releaseModel(base);
      return { status: "stopped", steps: step, summary: null };
    }
  }
  const final = policyModel(trainer);
  await saveModelAtomic(final, paths.model);
  if (data.evalOod.length > 0) {
    state.evals = [...state.evals, await evaluate(final, total, "evalOod")];
  }
  await releaseModel(final);
  await releasePolicyTrainer(trainer);
  if (trainer.model !== base) await releaseModel(trainer.model);
  await releaseModel(base);
  return await finish(e, paths, state, metrics, started);
}

/** Runs `f` on a fresh model with the trainer's current weights, then releases it. */
async function withPolicy<T>(
  trainer: PolicyTrainer,
  f: (model: LanguageModel) => Promise<T>,
): Promise<T> {
  const model = policyModel(trainer);
  try {
    return await f(model);
  } finally {
    await releaseModel(model);
  }
}

/** Saves the current weights as iteration `k`'s start and makes its trainer. */
async function nextIterationTrainer(
  trainer: PolicyTrainer,
  k: number,
  iterationsDir: string,
  load: (k: number) => Promise<LanguageModel>,
  e: Readonly<Experiment>,
): Promise<PolicyTrainer> {
  const end = policyModel(trainer);
  await saveModelAtomic(end, join(iterationsDir, String(k)));
  await releaseModel(end);
  await releasePolicyTrainer(trainer);
  if (k > 1) await releaseModel(trainer.model);
  return await createPolicyTrainer(await load(k), serlTrainerOptions(e, k));
}

/** Writes a model folder into a temporary folder, then renames it over `dir`. */
async function saveModelAtomic(model: LanguageModel, dir: string): Promise<void> {
  const tmp = `${dir}.${Deno.pid}.tmp`;
  await Deno.remove(tmp, { recursive: true }).catch(() => {});
  await saveLanguageModel(model, tmp);
  await Deno.remove(dir, { recursive: true }).catch(() => {});
  await Deno.rename(tmp, dir);
}

/** Writes `evals.jsonl` and `summary.json` (the mark of a finished run). */
async function finish(
  e: Readonly<Experiment>,
  paths: ReturnType<typeof runFolderPaths>,
  state: SerlLoopState,
  metrics: StepMetrics[],
  started: number,
): Promise<SerlRunResult> {
  await writeJsonLines(paths.evals, state.evals.map((p) => JSON.stringify(p)));
  const summary = summarizeRun({
    experiment: e.name,
    method: e.method,
    steps: metrics,
    evals: state.evals,
    seconds: (performance.now() - started) / 1000,
  });
  await writeFileAtomic(paths.summary, JSON.stringify(summary, null, 2) + "\n");
  return { status: "done", steps: metrics.length, summary };
}
