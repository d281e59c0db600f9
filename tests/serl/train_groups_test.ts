import { assert, assertEquals, assertNotEquals } from "../assert.ts";
import { trainOnGroups } from "../../lib/serl/train_groups.ts";
import { advantageOptions, scoreRollout } from "../../lib/serl/rollout_advantages.ts";
import { rolloutGroups } from "../../lib/serl/rollout_groups.ts";
import { EXPERIMENT_DEFAULTS } from "../../lib/config/experiment_defaults.ts";
import { resolveKlPlan } from "../../lib/config/kl_placement.ts";
import { loadModel } from "../../lib/model/load_model.ts";
import { createPolicyTrainer, releasePolicyTrainer } from "../../lib/train/policy_trainer.ts";
import { scriptedSampler, tinySerlModel } from "./_fixture.ts";

async function scored() {
  const model = await loadModel(await tinySerlModel());
  const problems = ["A?", "B?", "C?"].map((question) => ({ question, answer: null }));
  const groups = await rolloutGroups(model, scriptedSampler, problems, {
    nVote: 4,
    maxNewTokens: 40,
  });
  const rl = { ...EXPERIMENT_DEFAULTS.rl, klCoef: 0 };
  return {
    model,
    groups: await scoreRollout(groups, null, advantageOptions(rl, resolveKlPlan(rl))),
  };
}

Deno.test("trainOnGroups() runs ceil(sequences / batchSize) updates per epoch, reproducibly", async () => {
  const { model, groups } = await scored();
  const run = async (seed: number) => {
    const trainer = await createPolicyTrainer(model, { lr: 1e-3, totalSteps: 10, warmupRatio: 0 });
    const report = await trainOnGroups(trainer, groups, {
      batchSize: 5,
      epochs: 2,
      seed,
      key: [0, 1],
    });
    const weights = Float32Array.from(trainer.params[0]!);
    await releasePolicyTrainer(trainer);
    return { report, weights };
  };
  const a = await run(1), b = await run(1), c = await run(2);
  assertEquals(a.report.updates, 6); // 12 sequences in batches of 5, twice
  assertEquals(a.report.sequences, 12);
  assertEquals(a.report.skipped, 0);
  assert(a.report.gradNorm! > 0 && a.report.gradNormMax! >= a.report.gradNorm!);
  assertEquals(a.weights, b.weights);
  assertNotEquals(a.weights, c.weights, "the shuffle seed changes the batches");
  assertNotEquals(a.weights, model.weights.get([...model.weights.keys()][0]!)!, "trained");
});
