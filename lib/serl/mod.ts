/**
 * The SeRL loop (spec `serl_method.md` section 1): one step reads top to bottom in
 * `step.ts` (self-instruction until a rollout batch is pending, `nVote` responses each,
 * majority-vote rewards, advantages over the whole rollout, the difficulty filter, kept
 * groups accumulated to a step's worth, one training pass); `runSerl` runs steps and
 * iterations in a resumable run folder with periodic evaluation, checkpoints, per-step
 * metrics and samples. The baselines `rl_gt` (ground-truth rewards on labelled problems)
 * and `maj_on_seeds` (majority vote on the seeds, no self-instruction) share the step.
 *
 * ```ts
 * import { listStreamBatch, updatesPerStep } from "./mod.ts";
 * import { EXPERIMENT_DEFAULTS } from "../config/experiment_defaults.ts";
 * if (updatesPerStep(EXPERIMENT_DEFAULTS) !== 16) throw new Error("SeRL trains 16 updates a step");
 * const batch = listStreamBatch([{ question: "q", answer: null }], 0, 2, 0);
 * if (batch.problems.length !== 2 || batch.cursor !== 2) throw new Error();
 * ```
 *
 * @module
 */
export * from "./serl_sampler.ts";
export * from "./problem_stream.ts";
export * from "./fit_generation_prompt.ts";
export * from "./fill_pending_pool.ts";
export * from "./rollout_groups.ts";
export * from "./rollout_advantages.ts";
export * from "./train_groups.ts";
export * from "./world_diagnostics.ts";
export * from "./step.ts";
export * from "./step_metrics.ts";
export * from "./step_samples.ts";
export * from "./loop_state.ts";
export * from "./run_folder.ts";
export * from "./run_data.ts";
export * from "./serl_trainer_options.ts";
export * from "./evaluate_policy.ts";
export * from "./run_summary.ts";
export * from "./run_serl.ts";
