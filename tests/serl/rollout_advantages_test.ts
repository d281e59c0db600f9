import { assert, assertAlmostEquals, assertEquals } from "../assert.ts";
import { advantageOptions, scoreRollout } from "../../lib/serl/rollout_advantages.ts";
import { rolloutGroups } from "../../lib/serl/rollout_groups.ts";
import { EXPERIMENT_DEFAULTS } from "../../lib/config/experiment_defaults.ts";
import { resolveKlPlan } from "../../lib/config/kl_placement.ts";
import { loadModel } from "../../lib/model/load_model.ts";
import { releaseModel } from "../../lib/model/model_session.ts";
import { scriptedSampler, tinySerlModel } from "./_fixture.ts";

Deno.test("advantageOptions() maps the config's off-values and the KL plan", () => {
  const rl = { ...EXPERIMENT_DEFAULTS.rl, whiten: "off" as const, rewardClip: 0 };
  const o = advantageOptions(rl, resolveKlPlan(rl));
  assertEquals([o.whiten, o.rewardClip, o.klInReward, o.klCoef, o.klEstimator], [
    false,
    Infinity,
    true,
    1e-3,
    "k1",
  ]);
  assertEquals(
    advantageOptions(EXPERIMENT_DEFAULTS.rl, resolveKlPlan(EXPERIMENT_DEFAULTS.rl)).whiten,
    undefined,
  );
});

Deno.test("scoreRollout() takes reference log-probs by a forward pass and whitens over the whole rollout", async () => {
  const model = await loadModel(await tinySerlModel());
  const problems = ["A?", "B?", "C?"].map((question) => ({ question, answer: null }));
  const groups = await rolloutGroups(model, scriptedSampler, problems, {
    nVote: 4,
    maxNewTokens: 40,
  });
  const rl = EXPERIMENT_DEFAULTS.rl;
  const scored = await scoreRollout(groups, model, advantageOptions(rl, resolveKlPlan(rl)));
  for (const g of scored) {
    g.refLogProbs!.forEach((row, j) => {
      assertEquals(row.length, g.responses[j]!.tokens.length);
      // the sampler's log-probs and a forward pass of the same weights agree
      row.forEach((v, t) => assertAlmostEquals(v, g.responses[j]!.logProbs[t]!, 1e-4));
    });
  }
  // reinforce_pp whitens over every token of the rollout: mean 0
  const all = scored.flatMap((g) => g.advantages.flat());
  assertAlmostEquals(all.reduce((s, x) => s + x, 0) / all.length, 0, 1e-6);
  const noKl = await scoreRollout(groups, null, {
    estimator: "grpo",
    klCoef: 0,
    klEstimator: "k3",
    klInReward: false,
  });
  assert(noKl.every((g) => g.refLogProbs === null));
  await releaseModel(model);
});
