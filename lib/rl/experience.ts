/**
 * The {@linkcode Experience} record: one rollout batch as the trainer consumes it, with
 * its validator and the conversion to an advantage estimator's input. Rows are ragged
 * (one array per response); where a caller pads responses to a common length, the action
 * mask marks the valid tokens, and padding is on the right as in OpenRLHF.
 *
 * @module
 */
import { assertFiniteList, assertRagged, assertSameShape } from "./_ragged.ts";
import type { AdvantageInput } from "./advantage_pipeline.ts";
import type { RaggedTokens } from "./ragged_tokens.ts";

/** One rollout batch of B responses (SeRL: 16 prompts × 16 responses). */
export interface Experience {
  // Trajectory
  /** (B, P_i) prompt token ids of each response (repeated across its group). */
  promptIds: RaggedTokens;
  /** (B, T_i) generated token ids; the log-prob of token t is taken after prompt + ids[<t]. */
  responseIds: RaggedTokens;
  /** (B, T_i) 1 for a token that is trained on, 0 for padding: ones then zeros, first 1. */
  actionMask: RaggedTokens;
  // Policy
  /** (B, T_i) log π_old(a_t | s_t) of the policy that generated the rollout. */
  oldLogProbs: RaggedTokens;
  /** (B, T_i) log π_ref(a_t | s_t) of the frozen reference; absent when no KL is used. */
  refLogProbs?: RaggedTokens;
  // Outcome
  /** (B) scalar reward of each response (SeRL: majority-vote reward in {0, 1}). */
  rewards: readonly number[];
  /** (B) prompt id of each response; a group is a contiguous block of equal ids. */
  groupIds: readonly number[];
}

const CONTEXT = "Cannot build experience";

function assertTokenIds(rows: RaggedTokens, what: string): void {
  for (const [i, row] of rows.entries()) {
    for (const [t, id] of row.entries()) {
      if (!Number.isInteger(id) || id < 0) {
        throw new TypeError(`${CONTEXT}: ${what}[${i}][${t}] must be a token id, got ${id}`);
      }
    }
  }
}

function assertActionMask(mask: RaggedTokens): void {
  for (const [i, row] of mask.entries()) {
    let valid = true;
    for (const [t, m] of row.entries()) {
      if (m !== 0 && m !== 1) {
        throw new TypeError(`${CONTEXT}: actionMask[${i}][${t}] must be 0 or 1, got ${m}`);
      }
      if (m === 1 && !valid) {
        throw new RangeError(
          `${CONTEXT}: actionMask[${i}] has a 1 after a 0 at token ${t} (padding must be on the right)`,
        );
      }
      if (m === 0) valid = false;
    }
    if (row[0] !== 1) throw new RangeError(`${CONTEXT}: actionMask[${i}] has no valid token`);
  }
}

/**
 * The number of responses per group, n, after checking that `groupIds` forms contiguous
 * blocks of equal size.
 *
 * @param groupIds (B) prompt id of each response.
 * @returns n.
 * @throws {RangeError} When a group is split, or groups differ in size.
 *
 * @example
 * ```ts
 * import { experienceGroupSize } from "./experience.ts";
 * if (experienceGroupSize([7, 7, 3, 3]) !== 2) throw new Error("wrong size");
 * ```
 */
export function experienceGroupSize(groupIds: readonly number[]): number {
  assertFiniteList(groupIds, "groupIds", CONTEXT);
  if (groupIds.length === 0) throw new RangeError(`${CONTEXT}: the batch has no responses`);
  const seen = new Set<number>();
  let size = -1, start = 0;
  for (let i = 1; i <= groupIds.length; i++) {
    if (i < groupIds.length && groupIds[i] === groupIds[start]) continue;
    const id = groupIds[start]!;
    if (seen.has(id)) {
      throw new RangeError(
        `${CONTEXT}: group ${id} is not contiguous (again at response ${start})`,
      );
    }
    seen.add(id);
    if (size === -1) size = i - start;
    else if (i - start !== size) {
      throw new RangeError(
        `${CONTEXT}: group ${id} has ${i - start} responses, expected ${size} like the first`,
      );
    }
    start = i;
  }
  return size;
}

/**
 * Checks an {@linkcode Experience} and returns it: every per-response array has B rows,
 * every per-token array the shape of `responseIds`, token ids are non-negative integers,
 * the mask is right-padded with at least one valid token, and groups are contiguous and of
 * equal size.
 *
 * @param experience The fields.
 * @returns The same object, typed and checked.
 * @throws {TypeError|RangeError} With the first inconsistency found.
 *
 * @example
 * ```ts
 * import { createExperience } from "./experience.ts";
 * const e = createExperience({
 *   promptIds: [[5, 6], [5, 6]], responseIds: [[1, 2], [3, 0]], actionMask: [[1, 1], [1, 0]],
 *   oldLogProbs: [[-1, -2], [-3, 0]], rewards: [1, 0], groupIds: [0, 0],
 * });
 * if (e.rewards.length !== 2) throw new Error("lost rewards");
 * ```
 */
export function createExperience(experience: Experience): Experience {
  const { promptIds, responseIds, actionMask, oldLogProbs, refLogProbs, rewards, groupIds } =
    experience;
  assertFiniteList(rewards, "rewards", CONTEXT);
  const b = rewards.length;
  assertRagged(promptIds, "promptIds", CONTEXT);
  assertRagged(responseIds, "responseIds", CONTEXT);
  for (const [name, rows] of [["promptIds", promptIds], ["responseIds", responseIds]] as const) {
    if (rows.length !== b) {
      throw new RangeError(`${CONTEXT}: ${name} has ${rows.length} responses, rewards has ${b}`);
    }
    assertTokenIds(rows, name);
  }
  assertRagged(actionMask, "actionMask", CONTEXT);
  assertSameShape(actionMask, responseIds, "actionMask", "responseIds", CONTEXT);
  assertActionMask(actionMask);
  assertRagged(oldLogProbs, "oldLogProbs", CONTEXT);
  assertSameShape(oldLogProbs, responseIds, "oldLogProbs", "responseIds", CONTEXT);
  if (refLogProbs !== undefined) {
    assertRagged(refLogProbs, "refLogProbs", CONTEXT);
    assertSameShape(refLogProbs, responseIds, "refLogProbs", "responseIds", CONTEXT);
  }
  if (groupIds.length !== b) {
    throw new RangeError(`${CONTEXT}: groupIds has ${groupIds.length} responses, rewards has ${b}`);
  }
  experienceGroupSize(groupIds);
  return experience;
}

/** Keeps the valid (mask 1) prefix of each row. */
function validPrefix(rows: RaggedTokens, mask: RaggedTokens): number[][] {
  return rows.map((row, i) => {
    const end = mask[i]!.indexOf(0);
    return row.slice(0, end === -1 ? row.length : end);
  });
}

/**
 * The input of an advantage estimator from a checked experience: rewards, group size, and
 * the old and reference log-probs of the valid tokens only.
 *
 * @param experience A valid experience (it is checked again).
 * @returns The estimator input.
 * @throws {TypeError|RangeError} When the experience is inconsistent.
 *
 * @example Padding is dropped
 * ```ts
 * import { createExperience, experienceAdvantageInput } from "./experience.ts";
 * const input = experienceAdvantageInput(createExperience({
 *   promptIds: [[5], [5]], responseIds: [[1, 2], [3, 0]], actionMask: [[1, 1], [1, 0]],
 *   oldLogProbs: [[-1, -2], [-3, 0]], rewards: [1, 0], groupIds: [4, 4],
 * }));
 * if (input.groupSize !== 2 || input.logProbs[1]!.length !== 1) throw new Error("wrong input");
 * ```
 */
export function experienceAdvantageInput(experience: Experience): AdvantageInput {
  createExperience(experience);
  const { actionMask, oldLogProbs, refLogProbs, rewards, groupIds } = experience;
  const input: AdvantageInput = {
    rewards,
    groupSize: experienceGroupSize(groupIds),
    logProbs: validPrefix(oldLogProbs, actionMask),
  };
  if (refLogProbs !== undefined) input.refLogProbs = validPrefix(refLogProbs, actionMask);
  return input;
}
