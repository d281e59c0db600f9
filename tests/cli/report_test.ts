import { join } from "node:path";
import { assert, assertEquals } from "../assert.ts";
import { REWARD_ALIGNMENT_DEFAULTS } from "../../lib/report/reward_alignment_study.ts";
import { fakeEval, writeFakeRun } from "../report/_fake_run.ts";
import { runCli } from "./_run_cli.ts";

const script = new URL("../../lib/cli/report.ts", import.meta.url).pathname;

const run = (...args: string[]) => runCli(script, args);

Deno.test("report CLI: --help and bad arguments", async () => {
  const help = await run("--help");
  assertEquals(help.code, 0);
  assert(help.stdout.includes("--only-existing"));
  const bad = await run("--no-such-flag");
  assertEquals(bad.code, 2);
  assert(bad.stderr.includes("--help"));
  assertEquals((await run("positional")).code, 2);
});

Deno.test("report CLI: builds every study from the runs on disk", async () => {
  const runs = await Deno.makeTempDir();
  const variants: Record<string, string[]> = {
    "no_difficulty_filter": ["control", "ablated"],
    "n_vote": ["n2", "n4", "n8", "n16", "n32"],
    algorithms: ["reinforce_pp", "grpo", "rloo"],
  };
  for (const [ablation, names] of Object.entries(variants)) {
    for (const [i, v] of names.entries()) await writeFakeRun(join(runs, ablation, v), { salt: i });
  }
  const loop = { steps: 2, iterations: 2 };
  const evals = [fakeEval(0, 0.5), fakeEval(2, 0.55), fakeEval(4, 0.6)];
  for (const name of ["main", "initial", "rl_gt"]) {
    await writeFakeRun(join(runs, name, "2026-01-01T00-00-00"), {
      steps: 4,
      overrides: { loop },
      evals,
    });
  }
  await Deno.mkdir(join(runs, "reward_alignment"));
  await Deno.writeTextFile(
    join(runs, "reward_alignment", "alignment.json"),
    JSON.stringify({
      settings: REWARD_ALIGNMENT_DEFAULTS,
      seconds: 1,
      rows: [{
        nVote: 2,
        level: "all",
        problems: 4,
        responses: 8,
        cosine: 0.7,
        labelAccuracy: 0.5,
      }],
    }),
  );
  const r = await run("--runs", runs, "--no-png", "--only-existing");
  assertEquals(r.code, 0, r.stderr);
  assert(r.stdout.includes("PNGs skipped: PNGs not requested"), r.stdout);
  const html = await Deno.readTextFile(join(runs, "report", "index.html"));
  for (
    const title of [
      "Reward alignment",
      "Difficulty filter",
      "Number of voters",
      "Reinforce++, GRPO and RLOO",
      "Self-instruction",
      "Main result",
    ]
  ) assert(html.includes(title), title);
  assert(!html.includes("No runs:"), "every study found its runs");
  assert(!html.includes("Smoke-scale runs"), "runs from runs/ are not smoke runs");
  const figures = [...Deno.readDirSync(join(runs, "report", "figures"))].map((e) => e.name);
  assert(figures.includes("main_result.html") && figures.includes("n_vote.html"), figures.join());
});
