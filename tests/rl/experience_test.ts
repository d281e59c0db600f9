import {
  createExperience,
  type Experience,
  experienceAdvantageInput,
  experienceGroupSize,
} from "../../lib/rl/experience.ts";
import { computeAdvantages } from "../../lib/rl/compute_advantages.ts";
import { assertEquals, assertThrows } from "../assert.ts";

// 2 prompts × 2 responses, right-padded to 3 tokens
const EXPERIENCE: Experience = {
  promptIds: [[10, 11], [10, 11], [12], [12]],
  responseIds: [[1, 2, 3], [4, 0, 0], [5, 6, 0], [7, 8, 9]],
  actionMask: [[1, 1, 1], [1, 0, 0], [1, 1, 0], [1, 1, 1]],
  oldLogProbs: [[-1, -2, -3], [-4, 0, 0], [-5, -6, 0], [-7, -8, -9]],
  refLogProbs: [[-1, -2, -3], [-4, 0, 0], [-5, -6, 0], [-7, -8, -9]],
  rewards: [1, 0, 0, 1],
  groupIds: [0, 0, 1, 1],
};

Deno.test("createExperience() accepts a consistent batch and returns it", () => {
  assertEquals(createExperience(EXPERIENCE), EXPERIENCE);
  const { refLogProbs: _, ...noRef } = EXPERIENCE;
  assertEquals(createExperience(noRef).refLogProbs, undefined);
});

Deno.test("createExperience() rejects inconsistent shapes with clear messages", () => {
  const bad = (patch: Partial<Experience>) => () => createExperience({ ...EXPERIENCE, ...patch });
  assertThrows(bad({ rewards: [1, 0, 0] }), RangeError, "promptIds has 4 responses, rewards has 3");
  assertThrows(
    bad({ oldLogProbs: [[-1, -2], [-4, 0, 0], [-5, -6, 0], [-7, -8, -9]] }),
    RangeError,
    "oldLogProbs[0] has 2 tokens, responseIds[0] has 3",
  );
  assertThrows(
    bad({ refLogProbs: [[-1, -2, -3]] }),
    RangeError,
    "refLogProbs has 1 responses, responseIds has 4",
  );
  assertThrows(bad({ groupIds: [0, 0, 1] }), RangeError, "groupIds has 3 responses, rewards has 4");
  assertThrows(
    bad({ responseIds: [[1, 2, 3.5], [4, 0, 0], [5, 6, 0], [7, 8, 9]] }),
    TypeError,
    "responseIds[0][2] must be a token id",
  );
  assertThrows(
    bad({ oldLogProbs: [[-1, NaN, -3], [-4, 0, 0], [-5, -6, 0], [-7, -8, -9]] }),
    TypeError,
    "oldLogProbs[0][1] must be a finite number",
  );
});

Deno.test("createExperience() requires a right-padded action mask with a valid token", () => {
  const withMask = (actionMask: number[][]) => () =>
    createExperience({ ...EXPERIENCE, actionMask });
  assertThrows(
    withMask([[1, 0, 1], [1, 0, 0], [1, 1, 0], [1, 1, 1]]),
    RangeError,
    "actionMask[0] has a 1 after a 0 at token 2",
  );
  assertThrows(
    withMask([[1, 1, 1], [0, 0, 0], [1, 1, 0], [1, 1, 1]]),
    RangeError,
    "actionMask[1] has no valid token",
  );
  assertThrows(
    withMask([[1, 1, 2], [1, 0, 0], [1, 1, 0], [1, 1, 1]]),
    TypeError,
    "actionMask[0][2] must be 0 or 1",
  );
});

Deno.test("experienceGroupSize() needs contiguous groups of equal size", () => {
  assertEquals(experienceGroupSize([3, 3, 3, 9, 9, 9]), 3);
  assertEquals(experienceGroupSize([4]), 1);
  assertThrows(() => experienceGroupSize([0, 1, 0, 1]), RangeError, "group 0 is not contiguous");
  assertThrows(
    () => experienceGroupSize([0, 0, 1]),
    RangeError,
    "group 1 has 1 responses, expected 2",
  );
  assertThrows(() => experienceGroupSize([]), RangeError, "no responses");
});

Deno.test("experienceAdvantageInput() keeps valid tokens only", () => {
  const input = experienceAdvantageInput(EXPERIENCE);
  assertEquals(input.groupSize, 2);
  assertEquals(input.logProbs, [[-1, -2, -3], [-4], [-5, -6], [-7, -8, -9]]);
  assertEquals(input.refLogProbs, input.logProbs);
  // advantages come out per valid token: GRPO with β = 0 gives ±a on each response
  const a = computeAdvantages(input, {
    estimator: "grpo",
    klCoef: 0,
    klEstimator: "k3",
    klInReward: false,
  });
  assertEquals(a.map((row) => row.length), [3, 1, 2, 3]);
  const s = 0.5 / (Math.sqrt(0.5) + 1e-9);
  assertEquals(a, [[s, s, s], [-s], [-s, -s], [s, s, s]]);
});
