import { join } from "node:path";
import { assert, assertEquals } from "../assert.ts";
import { tinySerlModel } from "../serl/_fixture.ts";
import { runCli } from "./_run_cli.ts";

const script = new URL("../../lib/cli/ablate.ts", import.meta.url).pathname;

const run = (...args: string[]) => runCli(script, args);

Deno.test("ablate CLI: --help and bad arguments", async () => {
  const help = await run("--help");
  assertEquals(help.code, 0);
  assert(help.stdout.includes("no_difficulty_filter"));
  const unknown = await run("no_such_ablation");
  assertEquals(unknown.code, 2);
  assert(unknown.stderr.includes('Unknown ablation "no_such_ablation"'));
  assertEquals((await run("n_vote", "--jobs", "0")).code, 2);
  assertEquals((await run("n_vote", "--rl.estimater=x")).code, 2);
});

Deno.test("ablate CLI: runs the variants, prints the table, skips finished variants", async () => {
  const runs = await Deno.makeTempDir();
  const args = [
    "no_difficulty_filter",
    "--scale",
    "smoke",
    "--jobs",
    "2",
    "--runs",
    runs,
    `--model.dir=${await tinySerlModel()}`,
    // a random model writes no problems: vote on the seeds, and train on every group
    "--method=maj_on_seeds",
    "--instruct.filters.difficulty=false",
    "--loop.evalLimit=2",
    "--loop.evalMaxNewTokens=4",
  ];
  const first = await run(...args);
  assertEquals(first.code, 0, first.stderr);
  for (const variant of ["control", "ablated"]) {
    const summary = JSON.parse(
      await Deno.readTextFile(join(runs, "no_difficulty_filter", variant, "summary.json")),
    );
    assertEquals(summary.steps, 2);
    assertEquals(summary.experiment, `no_difficulty_filter.${variant}`);
  }
  assert(first.stdout.includes("no_difficulty_filter/control"), first.stdout);
  assert(first.stdout.includes("pass1 after"), first.stdout);
  const second = await run(...args);
  assertEquals(second.code, 0);
  assert(second.stderr.includes("done (skipped)"), second.stderr);
  const changed = await run(...args, "--seed=5");
  assertEquals(changed.code, 2, "a finished variant with another config is not overwritten");
});
