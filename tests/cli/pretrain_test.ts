import { assert, assertEquals } from "../assert.ts";
import { runCli } from "./_run_cli.ts";

const run = (args: string[]) => runCli("lib/cli/pretrain.ts", args);

Deno.test("deno task pretrain --help documents the solution styles", async () => {
  const { code, stdout } = await run(["--help"]);
  assertEquals(code, 0);
  assert(stdout.includes("--solutions S"), stdout);
});

Deno.test("deno task pretrain rejects an unknown --solutions value before training", async () => {
  const out = await Deno.makeTempDir();
  const { code, stderr } = await run(["--solutions", "fancy", "--run", out, "--out", out]);
  assertEquals(code, 2);
  assert(stderr.includes("--solutions must be mixed or canonical, got fancy"), stderr);
  // Nothing was trained or written.
  assertEquals([...Deno.readDirSync(out)].length, 0);
  await Deno.remove(out, { recursive: true });
});
