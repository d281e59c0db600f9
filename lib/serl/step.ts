/**
 * One SeRL step, top to bottom (spec `serl_method.md` section 1; official code
 * `ppo_trainer.py fit`):
 *
 * ```text
 * repeat until groupsPerStep kept groups are ready:
 *   1. generate candidates until rollout.prompts instructions are pending   (fillPendingPool)
 *   2. roll out nVote responses to each of the next rollout.prompts         (rolloutGroups)
 *   3. self-reward: majority vote in each group (rl_gt: ground truth)       (rolloutGroups)
 *   4. advantages over the whole rollout                                    (scoreRollout)
 *   5. difficulty filter on raw r_mean; kept instructions join the kept pool
 *   6. accumulate the kept groups, with their advantages
 * 7. train one pass over groupsPerStep groups (leftovers dropped), clear the pending pool
 * ```
 *
 * The baselines change only where problems come from (step 1): `maj_on_seeds` rolls out
 * the seed problems and `rl_gt` labelled problems, both from a stream (`problem_stream.ts`),
 * with no self-instruction. Seeds are never trained on in SeRL proper: they are only
 * few-shot examples and the ROUGE-L pool.
 *
 * Every random draw derives from `(experiment.seed, purpose, iteration, step, ...)`.
 *
 * @module
 */
import type { Experiment } from "../config/experiment.ts";
import { resolveKlPlan } from "../config/kl_placement.ts";
import { filterByDifficulty } from "../instruct/difficulty_filter.ts";
import {
  createFilterReport,
  type FilterReport,
  mergeFilterReports,
} from "../instruct/filter_report.ts";
import {
  addKeptInstructions,
  clearPendingInstructions,
  type InstructionPool,
  takePendingInstructions,
} from "../instruct/instruction_pool.ts";
import type { LanguageModel } from "../model/load_model.ts";
import { deriveSeed } from "../random.ts";
import type { PolicyTrainer } from "../train/policy_trainer.ts";
import { fillPendingPool, type InstructCompletion } from "./fill_pending_pool.ts";
import type { StreamBatch, StreamProblem } from "./problem_stream.ts";
import { advantageOptions, type ScoredGroup, scoreRollout } from "./rollout_advantages.ts";
import { rolloutGroups } from "./rollout_groups.ts";
import type { SerlSampler } from "./serl_sampler.ts";
import { trainOnGroups, type TrainOnGroupsReport } from "./train_groups.ts";

/** What a step works with (the run's fixed parts and the current models). */
export interface SerlStepContext {
  /** The resolved experiment. */
  experiment: Experiment;
  /** Seed instructions (few-shot examples and ROUGE-L pool). */
  seeds: readonly string[];
  /** The current policy (the trainer's weights), which samples everything. */
  policy: LanguageModel;
  /** The reference policy (the iteration's starting weights); needed with a KL term. */
  reference: LanguageModel | null;
  /** The trainer. */
  trainer: PolicyTrainer;
  /** The sampler (`generate`). */
  sampler: SerlSampler;
  /** The baselines' problem stream (`maj_on_seeds`, `rl_gt`); unused by SeRL. */
  problems: ((cursor: number, count: number) => StreamBatch) | null;
}

/** Where the run stands when the step starts. */
export interface SerlStepState {
  /** Iteration (0-based). */
  iteration: number;
  /** This step's number in the run (1-based). */
  step: number;
  /** Pending and kept instructions. */
  pool: InstructionPool;
  /** Position of the baselines' problem stream. */
  cursor: number;
}

/** Everything a step produced (the metrics line and the samples file are built from it). */
export interface SerlStepResult {
  /** The pool after the step (pending cleared). */
  pool: InstructionPool;
  /** The stream position after the step. */
  cursor: number;
  /** Rollouts needed to collect the kept groups. */
  rollouts: number;
  /** Generation rounds run. */
  rounds: number;
  /** Generation prompts sampled. */
  generationPrompts: number;
  /** Generation prompts shortened to fit the model's context. */
  shortenedPrompts: number;
  /** Rule and ROUGE-L funnel of the parsed candidates. */
  instructFunnel: FilterReport;
  /** Difficulty funnel of the rolled-out groups. */
  difficultyFunnel: FilterReport;
  /** Every rolled-out group, in order. */
  groups: ScoredGroup[];
  /** Per group, whether the difficulty filter kept it. */
  kept: boolean[];
  /** Kept groups trained on (the first groupsPerStep). */
  trained: number;
  /** Instruction-generation completions (SeRL only). */
  completions: InstructCompletion[];
  /** The training updates. */
  train: TrainOnGroupsReport;
  /** Wall-clock seconds per phase. */
  seconds: { generate: number; rollout: number; score: number; train: number };
}

/**
 * Runs one step: collects kept groups over as many rollouts as needed, then trains.
 *
 * @param context The run's data, models, trainer and sampler.
 * @param state Iteration, step, pool and stream position.
 * @returns What the step did.
 * @throws {RangeError} When `loop.maxRollouts` rollouts keep fewer than
 * `loop.groupsPerStep` groups, or generation cannot fill a batch (`loop.maxRounds`).
 *
 * @example A majority-vote step on two seed problems (tests/serl/run_serl_test.ts runs SeRL)
 * ```ts
 * import { byteLevelTokenizerFiles, initLlamaWeights, llamaConfig, loadModel, saveModelFolder }
 *   from "../model/mod.ts";
 * import { EXPERIMENT_DEFAULTS, resolveExperiment } from "../config/mod.ts";
 * import { createPolicyTrainer, policyModel } from "../train/policy_trainer.ts";
 * import { generate } from "../generate/generate.ts";
 * import { listStreamBatch } from "./problem_stream.ts";
 * import { serlStep } from "./step.ts";
 * const config = llamaConfig({ vocabSize: 260, hiddenSize: 16, numHiddenLayers: 1,
 *   numAttentionHeads: 2, intermediateSize: 32 });
 * const dir = await Deno.makeTempDir();
 * await saveModelFolder(dir, { config, weights: initLlamaWeights(config),
 *   tokenizer: byteLevelTokenizerFiles() });
 * const model = await loadModel(dir);
 * const experiment = resolveExperiment(EXPERIMENT_DEFAULTS, {
 *   method: "maj_on_seeds", instruct: { filters: { difficulty: false } },
 *   rollout: { prompts: 2, nVote: 2, maxNewTokens: 4 }, train: { lr: 1e-3, batchSize: 4 },
 *   loop: { steps: 1, groupsPerStep: 2 } });
 * const seeds = [{ question: "1+1?", answer: null }, { question: "2+2?", answer: null }];
 * const trainer = await createPolicyTrainer(model, { lr: 1e-3, totalSteps: 1 });
 * const result = await serlStep({ experiment, seeds: [], policy: policyModel(trainer),
 *   reference: model, trainer, sampler: generate,
 *   problems: (cursor, count) => listStreamBatch(seeds, cursor, count, 0) },
 *   { iteration: 0, step: 1, pool: { pending: [], kept: [] }, cursor: 0 });
 * if (result.trained !== 2 || result.train.updates !== 1 || result.cursor !== 2) throw new Error();
 * ```
 */
export async function serlStep(
  context: SerlStepContext,
  state: SerlStepState,
): Promise<SerlStepResult> {
  const { experiment: e, seeds, policy, reference, trainer, sampler } = context;
  const key = [state.iteration, state.step];
  const plan = resolveKlPlan(e.rl);
  if (plan.needsReference && reference === null) {
    throw new TypeError("Cannot run a SeRL step: the KL term needs a reference model");
  }
  const seconds = { generate: 0, rollout: 0, score: 0, train: 0 };
  const clock = (phase: keyof typeof seconds, since: number) => {
    seconds[phase] += (performance.now() - since) / 1000;
  };
  let pool = state.pool, cursor = state.cursor;
  let instructFunnel = createFilterReport(), difficultyFunnel = createFilterReport();
  let rounds = 0, generationPrompts = 0, shortenedPrompts = 0;
  const completions: InstructCompletion[] = [];
  const groups: ScoredGroup[] = [], kept: boolean[] = [], ready: ScoredGroup[] = [];

  let rollout = 0;
  for (; ready.length < e.loop.groupsPerStep; rollout++) {
    if (rollout >= e.loop.maxRollouts) {
      throw new RangeError(
        `Cannot finish step ${state.step}: ${rollout} rollouts (loop.maxRollouts) kept ${ready.length} of ${e.loop.groupsPerStep} groups; ` +
          `difficulty filter: ${difficultyFunnel.counts.tooHard} too hard, ${difficultyFunnel.counts.tooEasy} too easy of ${difficultyFunnel.input}`,
      );
    }
    // 1. Problems: self-instruction until a rollout batch is pending (SeRL), or the stream.
    let t = performance.now();
    let problems: StreamProblem[];
    if (e.method === "serl") {
      const filled = await fillPendingPool(
        { policy, sampler, seeds, pool, instruct: e.instruct },
        {
          target: e.rollout.prompts,
          maxRounds: e.loop.maxRounds,
          seed: e.seed,
          key,
          firstRound: rounds,
        },
      );
      rounds += filled.rounds;
      generationPrompts += filled.prompts;
      shortenedPrompts += filled.shortenedPrompts;
      instructFunnel = mergeFilterReports(instructFunnel, filled.report);
      completions.push(...filled.completions);
      const taken = takePendingInstructions(filled.pool, e.rollout.prompts);
      pool = taken.pool;
      problems = taken.batch.map((question) => ({ question, answer: null }));
    } else {
      const batch = context.problems!(cursor, e.rollout.prompts);
      cursor = batch.cursor;
      problems = batch.problems;
    }
    clock("generate", t);

    // 2-3. Roll out nVote responses to each problem; reward by majority vote (or the label).
    t = performance.now();
    const rolled = await rolloutGroups(policy, sampler, problems, {
      nVote: e.rollout.nVote,
      temperature: e.rollout.temperature,
      topP: e.rollout.topP,
      maxNewTokens: e.rollout.maxNewTokens,
      maxBatchSize: e.rollout.maxBatchSize,
      seed: deriveSeed(e.seed, "rollout", ...key, rollout),
      reward: e.method === "rl_gt" ? "gold" : "vote",
      vote: e.vote,
    });
    clock("rollout", t);

    // 4. Advantages over the whole rollout (reference log-probs first, with a KL term).
    t = performance.now();
    const scored = await scoreRollout(
      rolled,
      plan.needsReference ? reference : null,
      advantageOptions(e.rl, plan),
    );
    clock("score", t);

    // 5. Difficulty filter on raw r_mean (inclusive band); kept instructions join the pool.
    const filtered = filterByDifficulty(scored, e.instruct);
    difficultyFunnel = mergeFilterReports(difficultyFunnel, filtered.report);
    const keptSet = new Set(filtered.kept);
    groups.push(...scored);
    kept.push(...scored.map((g) => keptSet.has(g)));
    if (e.method === "serl") {
      pool = addKeptInstructions(pool, filtered.kept.map((g) => g.instruction));
    }

    // 6. Accumulate kept groups (with their advantages) until a step's worth is ready.
    ready.push(...filtered.kept);
  }

  // 7. Train one pass over groupsPerStep groups; leftover kept groups are dropped.
  const t = performance.now();
  const trainedGroups = ready.slice(0, e.loop.groupsPerStep);
  const train = await trainOnGroups(trainer, trainedGroups, {
    batchSize: e.train.batchSize,
    epochs: e.train.epochs,
    seed: e.seed,
    key,
  });
  clock("train", t);
  return {
    pool: clearPendingInstructions(pool),
    cursor,
    rollouts: rollout,
    rounds,
    generationPrompts,
    shortenedPrompts,
    instructFunnel,
    difficultyFunnel,
    groups,
    kept,
    trained: trainedGroups.length,
    completions,
    train,
    seconds,
  };
}
