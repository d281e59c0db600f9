/**
 * A small rollout batch shared by the estimator tests: 2 groups of n = 2 responses with
 * ragged lengths, and hand-worked intermediate values.
 *
 * @module
 */
import type { AdvantageInput } from "../../lib/rl/advantage_pipeline.ts";

// group A = responses 0, 1 (rewards 1, 0); group B = responses 2, 3 (rewards 1, 1)
// d = logp_old - logp_ref: [0.2, -0.2], [-0.5], [0], [0.1, -0.1]
// With β = 0.1 and k1, the KL part of each token reward, -β·d:
//   [-0.02, 0.02], [0.05], [0], [-0.01, 0.01]
export const BATCH: AdvantageInput = {
  rewards: [1, 0, 1, 1],
  groupSize: 2,
  logProbs: [[-0.5, -1.0], [-2.0], [-1.0], [-0.3, -0.3]],
  refLogProbs: [[-0.7, -0.8], [-1.5], [-1.0], [-0.4, -0.2]],
};

/** β = 0.1, k1 in the reward. */
export const KL_K1 = { klCoef: 0.1, klEstimator: "k1" } as const;

/** Flattens ragged rows, for comparing with assertAllClose. */
export function flat(rows: readonly (readonly number[])[]): number[] {
  return rows.flat();
}
