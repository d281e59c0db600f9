/**
 * Runs a `lib/cli` script in a child Deno process from the repository root, without colour,
 * and returns its exit code and decoded output: what the CLI tests assert on.
 *
 * @module
 */

/** Exit code and output of one CLI run. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

const ROOT = new URL("../../", import.meta.url).pathname;

/**
 * @param script Path of the script to run.
 * @param args Its arguments.
 * @param permissions Deno permission flags, as the script's `deno task` grants them.
 */
export async function runCli(
  script: string,
  args: readonly string[],
  permissions: readonly string[] = ["-A"],
): Promise<CliResult> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", ...permissions, script, ...args],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).output();
  const text = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: out.code, stdout: text(out.stdout), stderr: text(out.stderr) };
}
