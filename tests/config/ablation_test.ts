import { assert, assertEquals, assertThrows } from "../assert.ts";
import { ablationVariants } from "../../lib/config/ablation.ts";
import { EXPERIMENT_DEFAULTS } from "../../lib/config/experiment_defaults.ts";
import { experimentScale } from "../../lib/config/experiment_presets.ts";
import { resolveExperiment } from "../../lib/config/resolve_experiment.ts";
import type { ExperimentOverrides } from "../../lib/config/experiment.ts";

const load = async (folder: string, name: string) =>
  (await import(new URL(`../../${folder}/${name}.ts`, import.meta.url).href)).default;

Deno.test("ablationVariants() gives control + ablated, or the sweep", () => {
  const single = ablationVariants({ base: "main", override: { seed: 1 }, note: "" });
  assertEquals(single, [
    { name: "control", overrides: {} },
    { name: "ablated", overrides: { seed: 1 } },
  ]);
  assertThrows(() => ablationVariants({ base: "main", note: "" }), TypeError, "exactly one");
  assertThrows(
    () => ablationVariants({ base: "main", note: "", variants: { "a/b": {} } }),
    TypeError,
    "folder name",
  );
});

Deno.test("every experiment file resolves at every scale", async () => {
  for (const name of ["main", "rl_gt", "maj_on_seeds", "initial"]) {
    const file: ExperimentOverrides = await load("experiments", name);
    for (const scale of ["smoke", "small", "full"]) {
      const e = resolveExperiment(EXPERIMENT_DEFAULTS, file, experimentScale(scale));
      assertEquals(e.name, name);
    }
  }
  const main = resolveExperiment(EXPERIMENT_DEFAULTS, await load("experiments", "main"));
  assertEquals(main.instruct.rougeThreshold, 0.85);
  assert(main.instruct.sampling.maxNewTokens <= 512, "fits the tiny model's 1024 context");
  const gt = resolveExperiment(EXPERIMENT_DEFAULTS, await load("experiments", "rl_gt"));
  assertEquals([gt.method, gt.train.lr], ["rl_gt", main.train.lr]);
});

Deno.test("every ablation's variants resolve and change what they say", async () => {
  const expected: Record<string, (e: typeof EXPERIMENT_DEFAULTS, variant: string) => boolean> = {
    "no_difficulty_filter": (e, v) => e.instruct.filters.difficulty === (v === "control"),
    "n_vote": (e, v) => e.rollout.nVote === Number(v.slice(1)),
    algorithms: (e, v) => e.rl.estimator === v,
    "official_code": (e, v) => (e.vote.tieBreak === "first") === (v === "ablated"),
  };
  for (const [name, check] of Object.entries(expected)) {
    const ablation = await load("ablations", name);
    const base = await load("experiments", ablation.base);
    assert(ablation.note.length > 20, `${name} explains itself`);
    for (const { name: variant, overrides } of ablationVariants(ablation)) {
      const e = resolveExperiment(EXPERIMENT_DEFAULTS, base, experimentScale("small"), overrides);
      assert(check(e, variant), `${name}/${variant}`);
    }
  }
});
