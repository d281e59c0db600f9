import { assert, assertEquals } from "../assert.ts";

const script = new URL("../../lib/cli/notebooks.ts", import.meta.url).pathname;

async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", script, ...args],
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).output();
  const text = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: out.code, stdout: text(out.stdout), stderr: text(out.stderr) };
}

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
