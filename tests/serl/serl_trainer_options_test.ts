import { assertEquals } from "../assert.ts";
import { serlTrainerOptions, updatesPerStep } from "../../lib/serl/serl_trainer_options.ts";
import { EXPERIMENT_DEFAULTS } from "../../lib/config/experiment_defaults.ts";
import { resolveExperiment } from "../../lib/config/resolve_experiment.ts";

Deno.test("serlTrainerOptions() maps the train section and the KL plan", () => {
  const d = serlTrainerOptions(EXPERIMENT_DEFAULTS, 0);
  assertEquals([d.lr, d.beta2, d.klCoef, d.lora, d.microBatchTokens, d.dualClip], [
    5e-7,
    0.95,
    0, // reinforce_pp: the KL is in the reward, not a loss term
    undefined,
    Infinity,
    undefined,
  ]);
  const e = resolveExperiment(EXPERIMENT_DEFAULTS, {
    train: { mode: "lora", loraRank: 4, aggregation: "dr-grpo", dualClip: 3, batchSize: 32 },
    loop: { steps: 10 },
  });
  const o = serlTrainerOptions(e, 2);
  assertEquals(o.lora, { rank: 4, alpha: 16 });
  assertEquals([o.maxLength, o.dualClip, o.totalSteps], [1024, 3, 10 * 8]);
  assertEquals(updatesPerStep(e), 8);
  assertEquals(o.seed === serlTrainerOptions(e, 1).seed, false, "LoRA init differs per iteration");
});
