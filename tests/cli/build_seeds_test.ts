import { assert, assertEquals } from "../assert.ts";
import { runCli } from "./_run_cli.ts";

const script = new URL("../../lib/cli/build_seeds.ts", import.meta.url).pathname;
const committed = new URL("../../seeds/tiny-math/", import.meta.url);
const FILES = ["seed_500.jsonl", "eval_500.jsonl", "eval_ood.jsonl"];

const run = (...args: string[]) => runCli(script, args, ["--allow-read", "--allow-write"]);

Deno.test("build-seeds writes files identical to the committed ones", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const { code, stdout } = await run("--out", dir);
    assertEquals(code, 0);
    assert(stdout.includes("500 problems (L1 100, L2 100, L3 100, L4 100, L5 100)"), stdout);
    for (const name of FILES) {
      const built = await Deno.readFile(`${dir}/${name}`);
      assertEquals(built, await Deno.readFile(new URL(name, committed)), name);
    }
    assertEquals((await Array.fromAsync(Deno.readDir(dir))).length, FILES.length, "stray files");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("build-seeds --check fails on a changed file and passes on the committed ones", async () => {
  assertEquals((await run("--check")).code, 0);
  const dir = await Deno.makeTempDir();
  try {
    assertEquals((await run("--out", dir, "--seed", "7")).code, 0);
    assertEquals((await run("--out", dir, "--seed", "7", "--check")).code, 0);
    const { code, stderr } = await run("--out", dir, "--check");
    assertEquals(code, 1);
    assert(stderr.includes("3 file(s) differ"), stderr);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("build-seeds rejects bad arguments with exit code 2", async () => {
  for (const args of [["--seed", "abc"], ["--nope"], ["--seed", "1.5"]]) {
    const { code, stderr } = await run(...args);
    assertEquals(code, 2, args.join(" "));
    assert(stderr.length > 0);
  }
  const help = await run("--help");
  assertEquals(help.code, 0);
  assert(help.stdout.includes("usage: deno task build-seeds"));
});
