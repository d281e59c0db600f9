/**
 * Step 4 of the SeRL step: advantages over the whole rollout, before the difficulty filter
 * (so dropped groups still shape the whitening statistics, as SeRL's code does).
 *
 * Old log-probs: the sampler's temperature-1 log-probs of the sampled tokens. They are the
 * same policy's as the trainer's (no update happens between a step's rollouts and its
 * training), computed by the decode graph instead of a separate forward pass; the two agree
 * to float rounding, so the first update's ratio is 1 up to ~1e-6.
 *
 * Reference log-probs: a forward-only pass of the reference model (the iteration's starting
 * weights) over every response, only when the run has a KL term.
 *
 * @module
 */
import type { RlSection } from "../config/experiment.ts";
import type { KlPlan } from "../config/kl_placement.ts";
import type { LanguageModel } from "../model/load_model.ts";
import { computeAdvantages, type ComputeAdvantagesOptions } from "../rl/compute_advantages.ts";
import { responseLogProbs } from "../train/response_log_probs.ts";
import type { RolloutGroup } from "./rollout_groups.ts";

/** A rolled-out group with its per-token training inputs. */
export interface ScoredGroup extends RolloutGroup {
  /** (nVote, T_i) advantages. */
  advantages: number[][];
  /** (nVote, T_i) reference log-probs, or null without a KL term. */
  refLogProbs: number[][] | null;
}

/**
 * The advantage options of an experiment's RL section and KL plan.
 *
 * @example
 * ```ts
 * import { advantageOptions } from "./rollout_advantages.ts";
 * import { EXPERIMENT_DEFAULTS } from "../config/experiment_defaults.ts";
 * import { resolveKlPlan } from "../config/kl_placement.ts";
 * const rl = { ...EXPERIMENT_DEFAULTS.rl, estimator: "grpo" as const };
 * const o = advantageOptions(rl, resolveKlPlan(rl));
 * if (o.klInReward !== false || o.klCoef !== 0 || o.whiten !== undefined) throw new Error();
 * ```
 */
export function advantageOptions(rl: RlSection, plan: KlPlan): ComputeAdvantagesOptions {
  return {
    estimator: rl.estimator,
    klCoef: plan.rewardCoef,
    klEstimator: plan.estimator,
    klInReward: plan.placement === "reward",
    gamma: rl.gamma,
    ...(rl.whiten === "auto" ? {} : { whiten: rl.whiten === "on" }),
    stdNorm: rl.stdNorm,
    rewardClip: rl.rewardClip === 0 ? Infinity : rl.rewardClip,
    klClamp: rl.klClamp,
    rlooWhiten: rl.rlooWhiten,
  };
}

/**
 * Reference log-probs (when `reference` is given) and advantages of every response of a
 * rollout.
 *
 * @param groups The rollout's groups (all of them, before the difficulty filter).
 * @param reference The reference model, or null for no KL term.
 * @param options The advantage options (`advantageOptions`).
 * @returns The groups with advantages and reference log-probs, in order.
 *
 * @example See tests/serl/rollout_advantages_test.ts.
 * ```ts
 * import { scoreRollout } from "./rollout_advantages.ts";
 * const [g] = await scoreRollout([{ instruction: "q", gold: null, promptTokens: [1],
 *   responses: [[2], [3]].map((tokens) => ({ tokens, logProbs: [-1], text: "", finishReason: "eos" as const, answer: null })),
 *   rewards: [1, 0], rMean: 0.5, label: "x" }], null,
 *   { estimator: "grpo", klCoef: 0, klEstimator: "k3", klInReward: false });
 * if (!(g!.advantages[0]![0]! > 0 && g!.advantages[1]![0]! < 0)) throw new Error();
 * ```
 */
export async function scoreRollout(
  groups: readonly RolloutGroup[],
  reference: LanguageModel | null,
  options: ComputeAdvantagesOptions,
): Promise<ScoredGroup[]> {
  if (groups.length === 0) return [];
  const nVote = groups[0]!.responses.length;
  const responses = groups.flatMap((g) => g.responses);
  const promptIds = groups.flatMap((g) => g.responses.map(() => g.promptTokens));
  const refFlat = reference === null ? null : await responseLogProbs(reference, {
    promptIds,
    responseIds: responses.map((r) => r.tokens),
  });
  const advantages = computeAdvantages({
    rewards: groups.flatMap((g) => g.rewards),
    groupSize: nVote,
    logProbs: responses.map((r) => r.logProbs),
    ...(refFlat === null ? {} : { refLogProbs: refFlat }),
  }, options);
  return groups.map((g, i) => ({
    ...g,
    advantages: advantages.slice(i * nVote, (i + 1) * nVote),
    refLogProbs: refFlat === null ? null : refFlat.slice(i * nVote, (i + 1) * nVote),
  }));
}
