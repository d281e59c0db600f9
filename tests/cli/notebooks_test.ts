import { assert, assertEquals } from "../assert.ts";
import { runCli } from "./_run_cli.ts";

const script = new URL("../../lib/cli/notebooks.ts", import.meta.url).pathname;

const run = (...args: string[]) => runCli(script, args);

Deno.test("notebooks CLI: --help, unknown notebooks and bad options", async () => {
  const help = await run("--help");
  assertEquals(help.code, 0);
  assert(help.stdout.includes("deno jupyter --install"));
  const unknown = await run("--only", "99_nothing");
  assertEquals(unknown.code, 2);
  assert(
    unknown.stderr.includes(
      "unknown notebook 99_nothing.ipynb: expected one of 00_quickstart.ipynb",
    ),
  );
  assertEquals((await run("--timeout", "0")).code, 2);
  assertEquals((await run("--bogus")).code, 2);
});
