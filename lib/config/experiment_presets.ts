/**
 * Presets (named override sets): `officialCode`, every fidelity switch of spec section 7 set
 * the way the official SeRL code behaves; and the scales `smoke`, `small` and `full`, which
 * only change sizes (steps, prompts, votes, lengths, evaluation), never the method.
 *
 * @module
 */
import type { ExperimentOverrides } from "./experiment.ts";

/**
 * The official code's behaviour where it differs from the paper's description: few-shot
 * mix 6 seed + 2 generated, vote tie-break to the first response, response 0 rewarded when
 * no response has an answer, Python `capitalize()`. (Advantage whitening before the
 * difficulty filter and seq-mean-token-mean loss aggregation are the same in both.)
 *
 * @example
 * ```ts
 * import { OFFICIAL_CODE_PRESET } from "./experiment_presets.ts";
 * if (OFFICIAL_CODE_PRESET.vote?.tieBreak !== "first") throw new Error("wrong preset");
 * ```
 */
export const OFFICIAL_CODE_PRESET: Readonly<ExperimentOverrides> = Object.freeze(
  {
    instruct: { fewShotMix: "officialCode", capitalize: "python" },
    vote: { tieBreak: "first", noAnswer: "firstGetsOne" },
  } satisfies ExperimentOverrides,
);

/** The name of a scale. */
export type ExperimentScale = "smoke" | "small" | "full";

/**
 * The scales.
 *
 * - `smoke`: tests and a first look: 2 steps of 4 groups of 4 votes, short responses,
 *   8 eval problems; well under a minute on a tiny model.
 * - `small`: the default demo: 20 steps of the paper's step (16 problems x 16 votes, 16
 *   kept groups), all 500 eval problems before, every 5 steps and after; 5-6 minutes end to
 *   end on a shared 2-core CPU with the bundled tiny model (LOG.md).
 * - `full`: the paper's step counts (3 iterations of 125 steps of 16 groups x 16 votes),
 *   the whole eval set every 25 steps.
 *
 * @example
 * ```ts
 * import { EXPERIMENT_SCALES } from "./experiment_presets.ts";
 * if (EXPERIMENT_SCALES.full.loop?.steps !== 125) throw new Error("not the paper's steps");
 * ```
 */
export const EXPERIMENT_SCALES: Readonly<Record<ExperimentScale, ExperimentOverrides>> = Object
  .freeze<Record<ExperimentScale, ExperimentOverrides>>({
    smoke: {
      instruct: { promptsPerRound: 2, sampling: { maxNewTokens: 96 } },
      rollout: { prompts: 4, nVote: 4, maxNewTokens: 32 },
      train: { batchSize: 8 },
      loop: {
        steps: 2,
        iterations: 1,
        groupsPerStep: 4,
        maxRollouts: 8,
        evalEvery: 0,
        evalLimit: 8,
        evalMaxNewTokens: 32,
        checkpointEvery: 1,
        samplesPerStep: 2,
      },
    },
    small: {
      rollout: { prompts: 16, nVote: 16 },
      loop: {
        steps: 20,
        iterations: 1,
        groupsPerStep: 16,
        evalEvery: 5,
        evalLimit: 0,
        checkpointEvery: 5,
      },
    },
    full: {
      rollout: { prompts: 16, nVote: 16 },
      loop: {
        steps: 125,
        iterations: 3,
        groupsPerStep: 16,
        evalEvery: 25,
        evalLimit: 0,
        checkpointEvery: 10,
      },
    },
  });

/**
 * Looks up a scale by name.
 *
 * @throws {TypeError} For an unknown name.
 *
 * @example
 * ```ts
 * import { experimentScale } from "./experiment_presets.ts";
 * if (experimentScale("smoke").loop?.steps !== 2) throw new Error();
 * ```
 */
export function experimentScale(name: string): ExperimentOverrides {
  if (!Object.hasOwn(EXPERIMENT_SCALES, name)) {
    throw new TypeError(
      `Unknown scale "${name}": expected one of ${Object.keys(EXPERIMENT_SCALES).join(", ")}`,
    );
  }
  return EXPERIMENT_SCALES[name as ExperimentScale];
}
