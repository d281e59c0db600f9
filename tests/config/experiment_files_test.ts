import { assert, assertEquals, assertRejects } from "../assert.ts";
import {
  dataFileNames,
  loadAblationFile,
  loadExperimentFile,
  resolveNamedExperiment,
} from "../../lib/config/experiment_files.ts";
import { EXPERIMENT_DEFAULTS } from "../../lib/config/experiment_defaults.ts";

Deno.test("dataFileNames lists the repository's experiments and ablations, sorted", () => {
  const experiments = dataFileNames("experiments");
  assert(experiments.includes("main") && experiments.includes("rl_gt"), experiments.join(","));
  assertEquals(experiments, [...experiments].sort());
  assert(dataFileNames("ablations").includes("no_difficulty_filter"));
});

Deno.test("unknown or path-like names are refused with the list of known ones", async () => {
  for (const name of ["nope", "../deno", "main.ts", "Main"]) {
    const err = await assertRejects(() => loadExperimentFile(name), TypeError);
    assert(err.message.includes(`Unknown experiment "${name}"`), err.message);
    assert(err.message.includes("main"), err.message);
  }
  await assertRejects(() => loadAblationFile("main"), TypeError, 'Unknown ablation "main"');
});

Deno.test("resolveNamedExperiment applies defaults, the file, the scale, then overrides in order", async () => {
  const file = await loadExperimentFile("main");
  const smoke = await resolveNamedExperiment("main", "smoke");
  assertEquals(smoke.loop.steps, 2); // the scale
  assertEquals(smoke.instruct.rougeThreshold, file.instruct?.rougeThreshold); // the file
  assert(smoke.instruct.rougeThreshold !== EXPERIMENT_DEFAULTS.instruct.rougeThreshold);
  const flagged = await resolveNamedExperiment("main", "smoke", { loop: { steps: 7 } });
  assertEquals(flagged.loop.steps, 7); // later overrides win over the scale
  const ablation = await loadAblationFile("n_vote");
  assertEquals(ablation.base, "main");
  await assertRejects(
    () => resolveNamedExperiment("main", "huge"),
    TypeError,
    'Unknown scale "huge"',
  );
});
