import { assert, assertEquals, assertThrows } from "../assert.ts";
import { EXPERIMENT_DEFAULTS } from "../../lib/config/experiment_defaults.ts";
import { resolveExperiment } from "../../lib/config/resolve_experiment.ts";
import type { ExperimentOverrides } from "../../lib/config/experiment.ts";

Deno.test("resolveExperiment() merges deeply, left to right, without touching its inputs", () => {
  const a: ExperimentOverrides = {
    rl: { estimator: "rloo" },
    instruct: { filters: { rougeL: false } },
  };
  const b: ExperimentOverrides = {
    rl: { klCoef: 0 },
    instruct: { sampling: { maxNewTokens: 64 } },
  };
  const e = resolveExperiment(EXPERIMENT_DEFAULTS, a, b);
  assertEquals(e.rl.estimator, "rloo");
  assertEquals(e.rl.klCoef, 0);
  assertEquals(e.rl.gamma, 1);
  assertEquals(e.instruct.filters.rougeL, false);
  assertEquals(e.instruct.filters.difficulty, true);
  assertEquals(e.instruct.sampling.maxNewTokens, 64);
  assertEquals(e.instruct.sampling.temperature, 0.8);
  assertEquals(EXPERIMENT_DEFAULTS.rl.estimator, "reinforce_pp");
  assertEquals(a.rl?.klCoef, undefined);
  e.instruct.blacklist = [];
  assert(EXPERIMENT_DEFAULTS.instruct.blacklist.length > 0, "the result is a copy");
});

Deno.test("resolveExperiment() replaces arrays whole", () => {
  const e = resolveExperiment(EXPERIMENT_DEFAULTS, { instruct: { difficultyBounds: [0.1, 0.9] } });
  assertEquals(e.instruct.difficultyBounds, [0.1, 0.9]);
});

Deno.test("resolveExperiment() names an unknown key by its full path and the closest valid key", () => {
  const bad = (o: unknown) => () =>
    resolveExperiment(EXPERIMENT_DEFAULTS, o as ExperimentOverrides);
  assertThrows(
    bad({ rl: { estimater: "grpo" } }),
    TypeError,
    'Unknown config key "rl.estimater"; did you mean "rl.estimator"?',
  );
  assertThrows(
    bad({ instruct: { filters: { difficulty_filter: false } } }),
    TypeError,
    'Unknown config key "instruct.filters.difficulty_filter"; did you mean "instruct.filters.difficulty"?',
  );
  assertThrows(bad({ trian: { lr: 1 } }), TypeError, 'did you mean "train"?');
  assertThrows(
    bad({ zzzzzz: 1 }),
    TypeError,
    'Unknown config key "zzzzzz"; valid keys: name, method',
  );
});

Deno.test("resolveExperiment() rejects wrong types and values", () => {
  const bad = (o: unknown) => () =>
    resolveExperiment(EXPERIMENT_DEFAULTS, o as ExperimentOverrides);
  assertThrows(bad({ train: { lr: "fast" } }), TypeError, 'Config key "train.lr" expects a number');
  assertThrows(bad({ rl: "grpo" }), TypeError, 'Config key "rl" expects an object');
  assertThrows(bad({ rl: { estimator: "ppo" } }), TypeError, '"rl.estimator": expected one of');
  assertThrows(bad({ train: { lr: 0 } }), RangeError, '"train.lr"');
  assertThrows(
    bad({ rollout: { nVote: 1 }, rl: { estimator: "grpo" } }),
    RangeError,
    '"rollout.nVote": must be an integer >= 2',
  );
  assertThrows(bad({ instruct: { rougeThreshold: 2 } }), RangeError, "rougeThreshold");
  assertThrows(bad({ name: "a/b" }), RangeError, '"name"');
  // reinforce_pp has no group baseline, so one response per prompt is allowed
  const one = resolveExperiment(EXPERIMENT_DEFAULTS, { rollout: { nVote: 1 } as never });
  assertEquals(one.rollout.nVote, 1);
});
