/**
 * Reward alignment (SeRL paper, Fig. 3): how closely a self-reward tracks the ground truth,
 * as the cosine similarity of the two reward vectors over the same responses.
 *
 * @module
 */

/**
 * Cosine similarity of two reward vectors, `a·b / (|a| |b|)`.
 *
 * For 0/1 rewards it is `both / sqrt(onesA * onesB)`: 1 when the two reward exactly the same
 * responses, 0 when they never reward the same one. The paper reports 0.75-0.85 for majority
 * vote against ground truth.
 *
 * @param a One reward per response (e.g. majority-vote rewards).
 * @param b The other rewards of the same responses, in the same order (e.g. ground truth).
 * @returns The cosine, or null when it is undefined: either vector is all zeros (for
 * example no response is correct at all), or the vectors are empty.
 * @throws {RangeError} When the lengths differ or a reward is not finite.
 *
 * @example
 * ```ts
 * import { rewardCosine } from "./reward_cosine.ts";
 * const vote = [1, 1, 0, 1], truth = [1, 0, 0, 1];
 * const cos = rewardCosine(vote, truth)!; // 2 / sqrt(3 * 2)
 * if (Math.abs(cos - 2 / Math.sqrt(6)) > 1e-12) throw new Error(`got ${cos}`);
 * if (rewardCosine([1, 0], [0, 0]) !== null) throw new Error("undefined for a zero vector");
 * ```
 */
export function rewardCosine(a: readonly number[], b: readonly number[]): number | null {
  if (a.length !== b.length) {
    throw new RangeError(
      `Cannot compute reward cosine: expected vectors of equal length, got ${a.length} and ${b.length}`,
    );
  }
  let dot = 0, normA = 0, normB = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!, y = b[i]!;
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      throw new RangeError(`Cannot compute reward cosine: reward ${i} is not finite`);
    }
    dot += x * y;
    normA += x * x;
    normB += y * y;
  }
  if (normA === 0 || normB === 0) return null;
  return dot / Math.sqrt(normA * normB);
}
