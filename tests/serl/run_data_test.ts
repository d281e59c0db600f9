import { join } from "node:path";
import { assert, assertEquals } from "../assert.ts";
import { loadRunData } from "../../lib/serl/run_data.ts";
import { EXPERIMENT_DEFAULTS } from "../../lib/config/experiment_defaults.ts";
import { resolveExperiment } from "../../lib/config/resolve_experiment.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const files = {
  seeds: `${ROOT}seeds/tiny-math/seed_500.jsonl`,
  eval: `${ROOT}seeds/tiny-math/eval_500.jsonl`,
  evalOod: `${ROOT}seeds/tiny-math/eval_ood.jsonl`,
};

Deno.test("loadRunData() limits seeds and eval sets, and gives SeRL no stream", async () => {
  const e = resolveExperiment(EXPERIMENT_DEFAULTS, {
    data: { ...files, seedLimit: 20 },
    loop: { evalLimit: 7 },
  });
  const d = await loadRunData(e);
  assertEquals([d.seeds.length, d.eval.length, d.evalOod.length], [20, 7, 7]);
  assertEquals(d.problems, null);
});

Deno.test("loadRunData() streams the seeds for maj_on_seeds and a labelled JSONL for rl_gt", async () => {
  const seeds = await loadRunData(
    resolveExperiment(EXPERIMENT_DEFAULTS, {
      method: "maj_on_seeds",
      data: { ...files, seedLimit: 5 },
    }),
  );
  const drawn = seeds.problems!(0, 5).problems.map((p) => p.question).sort();
  assertEquals(drawn, [...seeds.seeds].sort());
  const path = join(await Deno.makeTempDir(), "l.jsonl");
  await Deno.writeTextFile(path, '{"problem":"What is 1 plus 1?","answer":"2"}\n');
  const gt = await loadRunData(
    resolveExperiment(EXPERIMENT_DEFAULTS, { method: "rl_gt", data: { ...files, labelled: path } }),
  );
  assertEquals(gt.problems!(0, 2).problems, [
    { question: "What is 1 plus 1?", answer: "2" },
    { question: "What is 1 plus 1?", answer: "2" },
  ]);
  const world = await loadRunData(
    resolveExperiment(EXPERIMENT_DEFAULTS, { method: "rl_gt", data: files }),
  );
  const evalTexts = new Set(world.eval.map((r) => r.question.toLowerCase()));
  const batch = world.problems!(0, 200).problems;
  assert(batch.every((p) => !evalTexts.has(p.question.toLowerCase()) && p.answer !== null));
});
