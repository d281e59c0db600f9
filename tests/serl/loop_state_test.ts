import { assertEquals, assertThrows } from "../assert.ts";
import { initialLoopState, validateLoopState } from "../../lib/serl/loop_state.ts";

Deno.test("validateLoopState() round-trips a state through JSON", () => {
  const state = {
    ...initialLoopState(),
    step: 4,
    trainerIteration: 1,
    cursor: 64,
    metricsLines: 4,
    pool: { pending: [], kept: ["What is 2 plus 3?"] },
    evals: [{
      step: 0,
      set: "eval" as const,
      problems: 4,
      pass1: 0.25,
      byLevel: { "1": 1 },
      noAnswerShare: 0,
    }],
  };
  assertEquals(validateLoopState(JSON.parse(JSON.stringify(state))), state);
});

Deno.test("validateLoopState() rejects malformed states", () => {
  const ok = initialLoopState();
  assertThrows(() => validateLoopState(null), TypeError);
  assertThrows(() => validateLoopState({ ...ok, step: -1 }), TypeError, '"step"');
  assertThrows(() => validateLoopState({ ...ok, evals: undefined }), TypeError, '"evals"');
  assertThrows(() => validateLoopState({ ...ok, evals: [{}] }), TypeError, "eval point");
  assertThrows(() => validateLoopState({ ...ok, pool: { kept: [] } }), TypeError, "pool");
});
