import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { assert, assertEquals } from "../assert.ts";
import {
  ablationStudyRuns,
  experimentStudyRun,
  STUDY_SMOKE_OVERRIDES,
} from "../../lib/report/study_runs.ts";
import { resolveNamedExperiment } from "../../lib/config/experiment_files.ts";
import { writeFakeRun } from "./_fake_run.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

Deno.test("ablationStudyRuns() reads runs/<ablation>/<variant>/ when every variant has data", async () => {
  const runs = await Deno.makeTempDir();
  await writeFakeRun(join(runs, "no_difficulty_filter", "control"), { salt: 1 });
  await writeFakeRun(join(runs, "no_difficulty_filter", "ablated"), { salt: 2, finished: false });
  const got = await ablationStudyRuns("no_difficulty_filter", { runs, runMissing: false });
  assertEquals(got?.map((r) => `${r.label}:${r.source}:${r.metrics[0]!.seconds.step}`), [
    "control:runs:4",
    "ablated:runs:5",
  ]);
});

Deno.test("ablationStudyRuns() never mixes: a variant missing from runs/ means all smoke runs", async () => {
  const runs = await Deno.makeTempDir();
  await writeFakeRun(join(runs, "no_difficulty_filter", "control"), {});
  await writeFakeRun(join(runs, "no_difficulty_filter", "ablated"), {
    steps: 0,
    evals: [],
    finished: false,
  });
  assertEquals(await ablationStudyRuns("no_difficulty_filter", { runs, runMissing: false }), null);
  const smoke = join(runs, "smoke");
  const config = (variant: string, overrides = {}) =>
    resolveNamedExperiment("main", "smoke", overrides, STUDY_SMOKE_OVERRIDES, {
      name: `no_difficulty_filter.${variant}`,
    });
  await writeFakeRun(join(smoke, "no_difficulty_filter", "control"), {
    config: await config("control"),
  });
  const ablated = join(smoke, "no_difficulty_filter", "ablated");
  await writeFakeRun(ablated, { config: await config("ablated") }); // not ablated: stale
  assertEquals(await ablationStudyRuns("no_difficulty_filter", { runs, runMissing: false }), null);
  await writeFakeRun(ablated, {
    config: await config("ablated", { instruct: { filters: { difficulty: false } } }),
  });
  const got = await ablationStudyRuns("no_difficulty_filter", { runs, runMissing: false });
  assertEquals(got?.map((r) => `${r.label}:${r.source}`), ["control:smoke", "ablated:smoke"]);
  assertEquals(await ablationStudyRuns("no_difficulty_filter", { runs, source: "runs" }), null);
});

Deno.test("experimentStudyRun() prefers runs/, honours source, and falls back to smoke runs", async () => {
  const runs = await Deno.makeTempDir();
  const smoke = join(runs, "smoke", "rl_gt", "notebook");
  await writeFakeRun(smoke, { salt: 1 }); // the defaults, not rl_gt's config: stale
  assertEquals(await experimentStudyRun("rl_gt", { runs, runMissing: false }), null);
  const config = await resolveNamedExperiment("rl_gt", "smoke", STUDY_SMOKE_OVERRIDES);
  await writeFakeRun(smoke, { salt: 1, config });
  assertEquals((await experimentStudyRun("rl_gt", { runs, runMissing: false }))?.source, "smoke");
  await writeFakeRun(join(runs, "rl_gt", "2026-01-01T00-00-00"), { salt: 2 });
  const real = await experimentStudyRun("rl_gt", { runs, runMissing: false });
  assertEquals([real?.source, real?.label], ["runs", "rl_gt"]);
  assertEquals((await experimentStudyRun("rl_gt", { runs, source: "smoke" }))?.source, "smoke");
  assertEquals(await experimentStudyRun("initial", { runs, source: "runs" }), null);
});

Deno.test("experimentStudyRun() makes a smoke run (replacing a stale one) and reuses it", async () => {
  const runs = await Deno.makeTempDir();
  const dir = join(runs, "smoke", "main", "notebook");
  await writeFakeRun(dir, { finished: false, steps: 1, overrides: { seed: 99 } }); // stale, another config
  const overrides = {
    ...STUDY_SMOKE_OVERRIDES,
    model: { dir: join(ROOT, "seeds/models/tiny-math") },
    data: {
      seeds: join(ROOT, "seeds/tiny-math/seed_500.jsonl"),
      eval: join(ROOT, "seeds/tiny-math/eval_500.jsonl"),
    },
    loop: { steps: 1, iterations: 1, evalEvery: 1, evalLimit: 4, evalMaxNewTokens: 64 },
  };
  const started: string[] = [];
  const run = await experimentStudyRun("main", {
    runs,
    overrides,
    onEvent: (label, e) => e.type === "start" && started.push(label),
  });
  assertEquals([run?.source, run?.dir, started], ["smoke", dir, ["main"]]);
  assert(run!.summary !== null && run!.metrics.length === 1 && run!.config.seed === 0);
  assertEquals(run!.evals.map((e) => e.step), [0, 1]);
  const again = await experimentStudyRun("main", {
    runs,
    overrides,
    onEvent: () => started.push("x"),
  });
  assertEquals([again?.dir, started.length], [dir, 1]);
  assertEquals(again!.metrics, run!.metrics);
});
