import { assert, assertEquals, assertThrows } from "../assert.ts";
import { EXPERIMENT_DEFAULTS } from "../../lib/config/experiment_defaults.ts";
import {
  EXPERIMENT_SCALES,
  experimentScale,
  OFFICIAL_CODE_PRESET,
} from "../../lib/config/experiment_presets.ts";
import { resolveExperiment } from "../../lib/config/resolve_experiment.ts";
import { INSTRUCT_OFFICIAL_CODE } from "../../lib/instruct/config.ts";

Deno.test("OFFICIAL_CODE_PRESET sets every fidelity switch of spec section 7", () => {
  const e = resolveExperiment(EXPERIMENT_DEFAULTS, OFFICIAL_CODE_PRESET);
  assertEquals(e.instruct.fewShotMix, INSTRUCT_OFFICIAL_CODE.fewShotMix);
  assertEquals(e.instruct.capitalize, INSTRUCT_OFFICIAL_CODE.capitalize);
  assertEquals(e.vote, { tieBreak: "first", noAnswer: "firstGetsOne" });
  const d = EXPERIMENT_DEFAULTS;
  assertEquals(
    [d.instruct.fewShotMix, d.instruct.capitalize, d.vote.tieBreak, d.vote.noAnswer],
    ["paper", "firstChar", "shortest", "allZero"],
  );
});

Deno.test("the scales resolve and only change sizes", () => {
  for (const name of Object.keys(EXPERIMENT_SCALES)) {
    const e = resolveExperiment(EXPERIMENT_DEFAULTS, experimentScale(name));
    assertEquals(e.rl, EXPERIMENT_DEFAULTS.rl);
    assertEquals(e.vote, EXPERIMENT_DEFAULTS.vote);
    assertEquals(e.instruct.filters, EXPERIMENT_DEFAULTS.instruct.filters);
    assert(e.loop.steps >= 1);
  }
  const full = resolveExperiment(EXPERIMENT_DEFAULTS, experimentScale("full"));
  assertEquals([full.loop.steps, full.loop.iterations, full.rollout.nVote], [125, 3, 16]);
  assertThrows(() => experimentScale("huge"), TypeError, 'Unknown scale "huge"');
});
