/**
 * Supervised pretraining of serl's bundled tiny model on the tiny-math corpus, with the
 * same onnxruntime training step as RL (`lib/train`, objective `"nll"`: token-mean negative
 * log-likelihood of each example's completion: the solution given its question, or a whole
 * problem list), AdamW and a cosine schedule.
 *
 * The run is resumable: example `i` of step `s` is corpus example `s * batchSize + i`, and
 * a checkpoint (weights, Adam moments, step) is written every `checkpointEvery` steps, so
 * a run killed at any moment restarts from its last checkpoint on exactly the data it would
 * have seen. Progress goes to `metrics.jsonl` in the run folder, one line per logged step.
 *
 * @module
 */
import { join } from "node:path";
import { writeFileAtomic } from "../atomic_write.ts";
import { generate } from "../generate/generate.ts";
import { byteLevelTokenizerFiles } from "../model/byte_level_tokenizer.ts";
import { llamaConfig, type LlamaConfigInput } from "../model/llama_config.ts";
import { initLlamaWeights, llamaParameterCount } from "../model/llama_parameters.ts";
import { type LanguageModel, loadModel } from "../model/load_model.ts";
import { releaseModel } from "../model/model_session.ts";
import { saveModelFolder } from "../model/save_model_folder.ts";
import { answersEquivalent } from "../reward/equivalent.ts";
import { extractAnswer } from "../reward/extract.ts";
import {
  latestPolicyCheckpoint,
  loadPolicyCheckpoint,
  policyCheckpoint,
  policyCheckpointDir,
  restorePolicyTrainer,
  savePolicyCheckpoint,
} from "../train/policy_checkpoint.ts";
import { createPolicyTrainer, policyModel, releasePolicyTrainer } from "../train/policy_trainer.ts";
import { trainPolicyStep } from "../train/train_policy_step.ts";
import type { WorldRecord } from "../world/generate_world_problem.ts";
import { type PretrainCorpusOptions, pretrainExample } from "./pretrain_corpus.ts";

/** Options for {@linkcode pretrain}. */
export interface PretrainOptions {
  /** Architecture of the model (vocabulary size comes from the byte-level tokenizer). */
  architecture: Omit<LlamaConfigInput, "vocabSize">;
  /** Folder for checkpoints, `metrics.jsonl` and the initial model. */
  runDir: string;
  /** Optimizer steps in the schedule. */
  steps: number;
  /**
   * Stop after this many steps (the schedule still spans `steps`): the bundled model stops
   * early on purpose, to keep headroom for self-play (see its model card).
   * @default steps
   */
  stopAtStep?: number;
  /**
   * Stop early after this many seconds (the schedule still spans `steps`).
   * @default Infinity
   */
  maxSeconds?: number;
  /**
   * Texts per step.
   * @default 32
   */
  batchSize?: number;
  /**
   * Most texts per forward/backward pass (texts are sorted by length, so a pass pads little).
   * @default 32
   */
  microBatchSize?: number;
  /**
   * Most padded tokens per forward/backward pass.
   * @default 4096
   */
  microBatchTokens?: number;
  /**
   * Peak learning rate.
   * @default 1e-3
   */
  lr?: number;
  /**
   * Share of the schedule spent warming up.
   * @default 0.02
   */
  warmupRatio?: number;
  /**
   * AdamW decoupled weight decay.
   * @default 0.01
   */
  weightDecay?: number;
  /**
   * Seed of the weights' initialization (the corpus has its own in `corpus`).
   * @default 0
   */
  seed?: number;
  /**
   * Corpus options (seed, list share, excluded problems).
   * @default {}
   */
  corpus?: PretrainCorpusOptions;
  /**
   * Write a checkpoint every this many steps.
   * @default 200
   */
  checkpointEvery?: number;
  /**
   * Log a metrics line every this many steps.
   * @default 20
   */
  logEvery?: number;
  /**
   * Greedy accuracy on `dev` every this many steps (0: never).
   * @default 0
   */
  evalEvery?: number;
  /**
   * Problems for the periodic greedy check (never trained on: add them to `corpus.exclude`).
   * @default []
   */
  dev?: readonly WorldRecord[];
  /**
   * Called with every metrics line (for progress output).
   * @default undefined
   */
  onLog?: (line: PretrainLogLine) => void;
}

/** One `metrics.jsonl` line. */
export interface PretrainLogLine {
  step: number;
  loss: number;
  lr: number;
  gradNorm: number;
  tokens: number;
  tokensPerSecond: number;
  /** Seconds of training since the run began, summed over the sessions of a resumed run. */
  elapsedSeconds: number;
  devAccuracy?: number;
}

/** What {@linkcode pretrain} returns. */
export interface PretrainResult {
  /** The trained model (weights in memory; save it with `saveLanguageModel`). */
  model: LanguageModel;
  /** Steps completed. */
  steps: number;
  /** Every logged line. */
  log: PretrainLogLine[];
  /** Parameters of the model. */
  parameters: number;
}

/**
 * Runs (or resumes) a pretraining run.
 *
 * @throws {RangeError} On invalid options.
 */
export async function pretrain(options: PretrainOptions): Promise<PretrainResult> {
  const {
    architecture,
    runDir,
    steps,
    stopAtStep = steps,
    maxSeconds = Infinity,
    batchSize = 32,
    microBatchSize = 32,
    microBatchTokens = 4096,
    lr = 1e-3,
    warmupRatio = 0.02,
    weightDecay = 0.01,
    seed = 0,
    corpus = {},
    checkpointEvery = 200,
    logEvery = 20,
    evalEvery = 0,
    dev = [],
    onLog,
  } = options;
  if (!Number.isSafeInteger(steps) || steps < 1) {
    throw new RangeError(`Cannot pretrain: steps must be a positive integer, got ${steps}`);
  }
  if (!Number.isSafeInteger(stopAtStep) || stopAtStep < 1 || stopAtStep > steps) {
    throw new RangeError(`Cannot pretrain: stopAtStep must be in [1, ${steps}], got ${stopAtStep}`);
  }
  const tokenizer = byteLevelTokenizerFiles();
  const config = llamaConfig({ ...architecture, vocabSize: tokenizer.vocabSize });
  const initDir = join(runDir, "init");
  await Deno.mkdir(runDir, { recursive: true });
  try {
    await Deno.stat(join(initDir, "config.json"));
  } catch {
    await saveModelFolder(initDir, {
      config,
      weights: initLlamaWeights(config, { seed }),
      tokenizer,
    });
  }
  const base = await loadModel(initDir);
  const eos = base.eosTokenIds[0]!;
  const trainer = await createPolicyTrainer(base, {
    objective: "nll",
    lr,
    totalSteps: steps,
    warmupRatio,
    weightDecay,
    aggregation: "token-mean",
    accumulationScope: "step",
    microBatchSize,
    microBatchTokens,
    seed,
  });
  const checkpoints = join(runDir, "checkpoints");
  // Resume from the last checkpoint at or before where this run stops.
  const latest = await latestPolicyCheckpoint(checkpoints, { atMost: stopAtStep });
  if (latest !== null) restorePolicyTrainer(trainer, await loadPolicyCheckpoint(latest));
  const resumedAt = trainer.adam.step;
  const log = (await readLog(join(runDir, "metrics.jsonl"))).filter((l) => l.step <= resumedAt);
  const started = performance.now();
  // Minutes in the log count the whole run across resumes; `maxSeconds` counts this session.
  const elapsedBefore = log.at(-1)?.elapsedSeconds ?? 0;
  let tokensSince = 0, timeSince = performance.now();
  try {
    while (trainer.adam.step < stopAtStep && (performance.now() - started) / 1000 < maxSeconds) {
      const step = trainer.adam.step;
      const encode = (t: string) => [...base.tokenizer.hf.encode(t, { add_special_tokens: false })];
      // A list has no prompt: its first token stands in, as the model needs one to start from.
      const rows = Array.from({ length: batchSize }, (_, i) => {
        const ex = pretrainExample(step * batchSize + i, corpus);
        const completion = [...encode(ex.completion), eos];
        return ex.prompt === ""
          ? { prompt: completion.slice(0, 1), response: completion.slice(1) }
          : { prompt: encode(ex.prompt), response: completion };
      }).sort((a, b) => a.prompt.length + a.response.length - b.prompt.length - b.response.length);
      // Sorted by length so that each micro-batch pads little; the loss is a token mean over the step.
      const report = await trainPolicyStep(trainer, {
        promptIds: rows.map((r) => r.prompt),
        responseIds: rows.map((r) => r.response),
      });
      tokensSince += report.tokens;
      const done = trainer.adam.step;
      const last = done === stopAtStep;
      if (done % logEvery === 0 || last) {
        const now = performance.now();
        const line: PretrainLogLine = {
          step: done,
          loss: report.loss,
          lr: report.lr,
          gradNorm: report.gradNorm,
          tokens: report.tokens,
          tokensPerSecond: tokensSince / ((now - timeSince) / 1000),
          elapsedSeconds: elapsedBefore + (now - started) / 1000,
        };
        if (evalEvery > 0 && dev.length > 0 && (done % evalEvery === 0 || last)) {
          line.devAccuracy = await greedyAccuracy(policyModel(trainer), dev);
        }
        tokensSince = 0;
        timeSince = performance.now();
        log.push(line);
        await writeFileAtomic(
          join(runDir, "metrics.jsonl"),
          log.map((l) => JSON.stringify(l)).join("\n") + "\n",
        );
        onLog?.(line);
      }
      // After the metrics line: a kill between the two then redoes this step's line from the
      // previous checkpoint, where the other order would resume past a line never written.
      if (done % checkpointEvery === 0 || last) {
        await savePolicyCheckpoint(
          policyCheckpointDir(checkpoints, done),
          policyCheckpoint(trainer),
        );
      }
    }
    const model = policyModel(trainer);
    return { model, steps: trainer.adam.step, log, parameters: llamaParameterCount(config) };
  } finally {
    await releasePolicyTrainer(trainer);
    await releaseModel(base);
  }
}

async function readLog(path: string): Promise<PretrainLogLine[]> {
  try {
    return (await Deno.readTextFile(path)).split("\n").filter((l) => l.trim() !== "").map((l) =>
      JSON.parse(l)
    );
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return [];
    throw e;
  }
}

/** Share of `problems` whose greedy answer (question + newline, 160 new tokens) is right. */
export async function greedyAccuracy(
  model: LanguageModel,
  problems: readonly WorldRecord[],
): Promise<number> {
  const samples = await generate(model, problems.map((p) => `${p.problem}\n`), {
    temperature: 0,
    maxNewTokens: 160,
  });
  let right = 0;
  samples.forEach(([s], i) => {
    const answer = extractAnswer(s!.text);
    if (answer !== null && answersEquivalent(answer, problems[i]!.answer)) right++;
  });
  await releaseModel(model);
  return right / problems.length;
}
