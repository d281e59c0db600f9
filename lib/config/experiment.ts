/**
 * The experiment schema: one typed, JSON-serializable record per run, one section per
 * concern. Every field has a documented default ({@linkcode EXPERIMENT_DEFAULTS}, which
 * follows the paper's description); experiment files, presets, scales and `--key=value`
 * overrides are partial records merged over it by `resolveExperiment`.
 *
 * Values that mean "off" are spelled as numbers or strings (`0`, `"auto"`), never
 * `undefined` or `Infinity`, so a run's `config.json` round-trips exactly.
 *
 * @module
 */
import type { InstructConfig } from "../instruct/config.ts";
import type { AdvantageEstimatorName } from "../rl/compute_advantages.ts";
import type { KlEstimator } from "../rl/kl.ts";
import type { LossAggregation } from "../rl/loss_aggregation.ts";
import type { AccumulationScope } from "../rl/grad_accumulation.ts";
import type { ExecutionProvider } from "../onnx/session.ts";

/**
 * What a run does.
 *
 * - `"serl"`: self-instruction + majority-vote self-reward + RL (the method).
 * - `"rl_gt"`: RL with ground-truth rewards on labelled problems (`data.labelled`).
 * - `"maj_on_seeds"`: majority-vote rewards on the seed problems, no self-instruction.
 * - `"eval"`: evaluation of `model.dir` only (no training).
 */
export type ExperimentMethod = "serl" | "rl_gt" | "maj_on_seeds" | "eval";

/** Which model, where it runs. */
export interface ModelSection {
  /** Model folder (config.json, tokenizer, onnx/model.onnx). @default "seeds/models/tiny-math" */
  dir: string;
  /** Execution provider. @default "cpu" */
  provider: ExecutionProvider;
  /**
   * Intra-op threads per onnxruntime session, 0 = onnxruntime's choice (one per physical
   * core). Runs are bit-reproducible at any thread count (tested with 1 and 2; an earlier
   * nondeterminism came from onnxruntime's racy ScatterND reduction, which the gradient
   * rules no longer use). @default 0
   */
  threads: number;
}

/** Where the problems come from (JSONL paths relative to the working directory). */
export interface DataSection {
  /** Seed problems: few-shot examples and ROUGE-L pool, never trained on. @default "seeds/tiny-math/seed_500.jsonl" */
  seeds: string;
  /** Use only the first N seeds, 0 = all. @default 0 */
  seedLimit: number;
  /** In-distribution evaluation set. @default "seeds/tiny-math/eval_500.jsonl" */
  eval: string;
  /** Out-of-distribution evaluation set, evaluated before and after training; "" = none. @default "" */
  evalOod: string;
  /** Labelled problems of the `rl_gt` baseline: `"world"` (a generated tiny-math stream) or a JSONL path. @default "world" */
  labelled: string;
}

/** Step 2 of the SeRL step: how instructions are answered. */
export interface RolloutSection {
  /** Instructions per rollout (`rollout_batch_size`). @default 16 */
  prompts: number;
  /** Responses per instruction, the voters (`n_samples_per_prompt`). @default 16 */
  nVote: number;
  /** Sampling temperature. @default 1 */
  temperature: number;
  /** Nucleus mass. @default 1 */
  topP: number;
  /** Most tokens per response. @default 1024 */
  maxNewTokens: number;
  /** Most rows decoded together. @default 256 */
  maxBatchSize: number;
}

/** Step 3: the majority vote (spec section 3). */
export interface VoteSection {
  /** Tie-break: `"shortest"` answer (paper) or `"first"` response (official code). @default "shortest" */
  tieBreak: "shortest" | "first";
  /** No answer in a whole group: `"allZero"` (paper) or `"firstGetsOne"` (official code). @default "allZero" */
  noAnswer: "allZero" | "firstGetsOne";
}

/** Step 4: advantages and where the KL penalty goes (rl_math.md). */
export interface RlSection {
  /** Advantage estimator. @default "reinforce_pp" */
  estimator: AdvantageEstimatorName;
  /** β, the KL coefficient; 0 = no KL and no reference model. @default 0.001 */
  klCoef: number;
  /**
   * Where the KL goes: `"reward"` (k1 in the per-token reward), `"loss"` (a loss term), or
   * `"auto"`: reward for reinforce_pp / reinforce_pp_baseline / rloo, loss for grpo /
   * dr_grpo (the SeRL scripts). @default "auto"
   */
  klPlacement: "auto" | "reward" | "loss";
  /** KL estimator; `"auto"`: k1 in the reward, k3 as a loss. @default "auto" */
  klEstimator: "auto" | KlEstimator;
  /** γ (reinforce_pp only). @default 1 */
  gamma: number;
  /** Global whitening: `"auto"` = the estimator's SeRL default, `"on"`, `"off"`. @default "auto" */
  whiten: "auto" | "on" | "off";
  /** Whitening divides by σ. @default true */
  stdNorm: boolean;
  /** Whiten RLOO (SeRL's OpenRLHF 0.7.1: true; later OpenRLHF: false). @default true */
  rlooWhiten: boolean;
  /** Clip of the shaped scalar reward, 0 = none. @default 10 */
  rewardClip: number;
  /** Clamp the per-token KL estimate to [-10, 10] (later OpenRLHF). @default false */
  klClamp: boolean;
}

/** Step 7: the optimizer and the policy loss. */
export interface TrainSection {
  /** `"full"` fine-tuning (paper) or `"lora"`. @default "full" */
  mode: "full" | "lora";
  /** LoRA rank (mode "lora"). @default 8 */
  loraRank: number;
  /** LoRA alpha (mode "lora"). @default 16 */
  loraAlpha: number;
  /** Peak learning rate (paper: 5e-7 for 3B full fine-tuning). @default 5e-7 */
  lr: number;
  /** Warm-up fraction of the iteration's updates. @default 0.03 */
  warmupRatio: number;
  /** Cosine floor as a fraction of lr. @default 0.1 */
  minLrRatio: number;
  /** Adam β1. @default 0.9 */
  beta1: number;
  /** Adam β2. @default 0.95 */
  beta2: number;
  /** AdamW weight decay. @default 0 */
  weightDecay: number;
  /** Global grad-norm clip. @default 1 */
  maxGradNorm: number;
  /** Sequences per optimizer update (`train_batch_size`). @default 16 */
  batchSize: number;
  /** Passes over a step's groups. @default 1 */
  epochs: number;
  /** Sequences per forward/backward run (does not change the maths). @default 16 */
  microBatchSize: number;
  /** Cap on a micro-batch's padded tokens, 0 = none. @default 0 */
  microBatchTokens: number;
  /** Loss aggregation (SeRL's micro-batch 1 gives seq-mean-token-mean). @default "seq-mean-token-mean" */
  aggregation: LossAggregation;
  /** Where the aggregation denominator is taken. @default "micro-batch" */
  accumulationScope: AccumulationScope;
  /** Lower ratio clip ε. @default 0.2 */
  clipLow: number;
  /** Upper ratio clip ε. @default 0.2 */
  clipHigh: number;
  /** Dual-clip c (> 1), 0 = off. @default 0 */
  dualClip: number;
}

/** The loop: steps, iterations, failure caps, evaluation, checkpoints, samples. */
export interface LoopSection {
  /** Training steps per iteration (paper: 2000 instructions / 16 = 125). @default 125 */
  steps: number;
  /** Iterations, each restarting from the previous iteration's weights. @default 1 */
  iterations: number;
  /** Kept groups trained on per step. @default 16 */
  groupsPerStep: number;
  /** Most generation rounds to fill one rollout's pending pool before failing. @default 50 */
  maxRounds: number;
  /** Most rollouts per step to collect `groupsPerStep` kept groups before failing. @default 32 */
  maxRollouts: number;
  /** Evaluate every N steps (and before and after), 0 = only before and after. @default 25 */
  evalEvery: number;
  /** Evaluate on the first N problems, 0 = all. @default 0 */
  evalLimit: number;
  /** Most tokens per evaluation response. @default 1024 */
  evalMaxNewTokens: number;
  /** Checkpoint every N steps (and at the end and on Ctrl-C). @default 10 */
  checkpointEvery: number;
  /** Checkpoints kept on disk (oldest deleted first). @default 2 */
  keepCheckpoints: number;
  /** Groups (with their responses) saved per step in samples/. @default 4 */
  samplesPerStep: number;
}

/** A whole experiment: everything a run reads, written to its `config.json`. */
export interface Experiment {
  /** Name (the run folder is `runs/<name>/<run-id>/`). @default "main" */
  name: string;
  /** What the run does. @default "serl" */
  method: ExperimentMethod;
  /** Run seed; every random draw derives from it. @default 0 */
  seed: number;
  /** The model. */
  model: ModelSection;
  /** The problem files. */
  data: DataSection;
  /** Self-instruction (lib/instruct's settings, paper defaults). */
  instruct: InstructConfig;
  /** Rollout sampling. */
  rollout: RolloutSection;
  /** Majority vote. */
  vote: VoteSection;
  /** Advantages and KL. */
  rl: RlSection;
  /** Optimizer and loss. */
  train: TrainSection;
  /** Loop sizes, evaluation, checkpoints. */
  loop: LoopSection;
}

/** A partial {@linkcode Experiment}, at any depth (what files, presets and flags give). */
export type ExperimentOverrides = DeepPartial<Experiment>;

/** Every field optional, recursively (arrays are replaced whole). */
export type DeepPartial<T> = T extends readonly unknown[] ? T
  : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> }
  : T;
