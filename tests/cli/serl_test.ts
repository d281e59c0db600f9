import { join } from "node:path";
import { assert, assertEquals } from "../assert.ts";
import { tinySerlModel } from "../serl/_fixture.ts";

const script = new URL("../../lib/cli/serl.ts", import.meta.url).pathname;
const ROOT = new URL("../../", import.meta.url).pathname;

function command(args: string[]): Deno.Command {
  return new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", script, ...args],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
  });
}

async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = await command(args).output();
  const text = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: out.code, stdout: text(out.stdout), stderr: text(out.stderr) };
}

/** A smoke run any model can do: majority vote on the seeds, every group trained on. */
async function smokeArgs(runs: string): Promise<string[]> {
  return [
    "maj_on_seeds",
    "--scale",
    "smoke",
    "--runs",
    runs,
    `--model.dir=${await tinySerlModel()}`,
    "--instruct.filters.difficulty=false",
    "--loop.evalLimit=3",
    "--loop.evalMaxNewTokens=4",
  ];
}

Deno.test("serl CLI: --help, and errors on stderr with exit status 2", async () => {
  const help = await run("--help");
  assertEquals(help.code, 0);
  assert(help.stdout.includes("usage: deno task serl"));
  const bad = await run("--rl.estimater=grpo");
  assertEquals(bad.code, 2);
  assert(bad.stderr.includes('Unknown config key "rl.estimater"; did you mean "rl.estimator"?'));
  assertEquals(bad.stdout, "");
  assertEquals((await run("nope")).code, 2);
  assertEquals((await run("--scale", "huge")).code, 2);
  assertEquals((await run("--resume", "--train.lr=1")).code, 2);
  const missing = await run("--model.dir=/nonexistent");
  assertEquals(missing.code, 2);
  assert(missing.stderr.includes("/nonexistent/config.json does not exist"));
});

Deno.test("serl CLI: --print-config resolves file, scale, preset and flags in order", async () => {
  const out = await run(
    "main",
    "--scale",
    "smoke",
    "--preset",
    "officialCode",
    "--train.lr=3e-5",
    "--print-config",
  );
  assertEquals(out.code, 0);
  const e = JSON.parse(out.stdout);
  assertEquals([e.name, e.loop.steps, e.vote.tieBreak, e.train.lr], ["main", 2, "first", 3e-5]);
  assertEquals(e.instruct.rougeThreshold, 0.85, "experiments/main.ts is applied");
});

Deno.test("serl CLI: a run prints steps and eval before/after; Ctrl-C checkpoints, exits 130, resumes", async () => {
  const runs = await Deno.makeTempDir();
  // 8 steps, so the interrupt lands long before the end even on a loaded machine
  const args = [...await smokeArgs(runs), "--run-id", "a", "--loop.steps=8"];
  const child = command(args).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let out = "";
  while (!out.includes("step 1/8")) {
    const { value, done } = await reader.read();
    if (done) break;
    out += value;
  }
  child.kill("SIGINT");
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    out += value;
  }
  const status = await child.status;
  await child.stderr.cancel();
  assertEquals(status.code, 130);
  assert(out.includes("eval step 0: Pass@1"), out);
  const runDir = join(runs, "maj_on_seeds", "a");
  const checkpoints = [...Deno.readDirSync(join(runDir, "checkpoints"))].map((e) => e.name);
  assert(checkpoints.length >= 1, "stopped with a checkpoint");
  const resumed = await run("maj_on_seeds", "--resume", "--runs", runs, "--run-id", "a");
  assertEquals(resumed.code, 0, resumed.stderr);
  assert(resumed.stderr.includes("resuming after step"), resumed.stderr);
  assert(
    /eval Pass@1 \(greedy, 3 problems\): before \d\.\d{3}\s+after \d\.\d{3}/.test(resumed.stdout),
    resumed.stdout,
  );
  const lines = (await Deno.readTextFile(join(runDir, "metrics.jsonl"))).split("\n").filter(
    Boolean,
  );
  assertEquals(lines.map((l) => JSON.parse(l).step), [1, 2, 3, 4, 5, 6, 7, 8]);
});
