// deno-lint-ignore-file no-console
/**
 * `deno task notebooks [--out DIR] [--only NAME]`: executes every notebook of `notebooks/`
 * headless with the Deno Jupyter kernel (`jupyter nbconvert --to html --execute`) and writes
 * each as HTML to `runs/report/notebooks/`. The notebooks themselves are not modified (their
 * outputs stay out of git). A notebook whose runs are missing makes smoke runs, so a fresh
 * clone executes all of them.
 *
 * Needs Debian's `jupyter-nbconvert` and the Deno kernel (`deno jupyter --install`).
 *
 * Exit status: 0 every notebook ran, 1 a notebook failed, 2 bad arguments or missing tools.
 *
 * @module
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const NOTEBOOKS = fileURLToPath(new URL("../../notebooks/", import.meta.url));

const USAGE = `usage: deno task notebooks [options]

Executes notebooks/*.ipynb in order with the Deno kernel (jupyter nbconvert, headless) and
writes each as HTML. Notebooks read their runs from runs/ and make smoke runs in runs/smoke/
when there are none.

  --out DIR           HTML folder (default runs/report/notebooks)
  --only NAME         run only this notebook (file name with or without .ipynb; repeatable)
  --timeout S         seconds a cell may take (default 900)
  --help              show this text

Needs: jupyter nbconvert (Debian: apt-get install -y jupyter-nbconvert) and the Deno
kernel (deno jupyter --install).

Exit status: 0 all ran, 1 a notebook failed, 2 bad arguments or missing tools.`;

async function run(cmd: string, args: string[]): Promise<{ code: number; out: string }> {
  try {
    const o = await new Deno.Command(cmd, { args, stdout: "piped", stderr: "piped" }).output();
    const text = new TextDecoder().decode(o.stdout) + new TextDecoder().decode(o.stderr);
    return { code: o.code, out: text };
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return { code: 127, out: `${cmd}: not found` };
    throw e;
  }
}

/** Why the tools are missing, or null when nbconvert and the Deno kernel are there. */
async function missingTools(): Promise<string | null> {
  const nbconvert = await run("jupyter", ["nbconvert", "--version"]);
  if (nbconvert.code !== 0) {
    return "jupyter nbconvert is not installed (Debian: apt-get install -y jupyter-nbconvert)";
  }
  const paths = await run("jupyter", ["--paths", "--json"]);
  const data: string[] = paths.code === 0
    ? JSON.parse(paths.out.slice(paths.out.indexOf("{"))).data
    : [];
  for (const dir of data) {
    try {
      await Deno.stat(join(dir, "kernels", "deno", "kernel.json"));
      return null;
    } catch { /* not in this one */ }
  }
  return "the Deno Jupyter kernel is not registered (run: deno jupyter --install)";
}

async function main(args: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      options: {
        out: { type: "string", default: "runs/report/notebooks" },
        only: { type: "string", multiple: true, default: [] },
        timeout: { type: "string", default: "900" },
        help: { type: "boolean", short: "h", default: false },
      },
    }));
    if (!/^\d+$/.test(values.timeout) || Number(values.timeout) < 1) {
      throw new Error("--timeout must be a positive integer");
    }
  } catch (e) {
    console.error(`${(e as Error).message}\n\nRun with --help for usage.`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const names = [...Deno.readDirSync(NOTEBOOKS)].filter((e) =>
    e.isFile && e.name.endsWith(".ipynb")
  )
    .map((e) => e.name).sort();
  const wanted = values.only.map((n) => (n.endsWith(".ipynb") ? n : `${n}.ipynb`));
  const unknown = wanted.filter((n) => !names.includes(n));
  if (unknown.length > 0) {
    console.error(`unknown notebook ${unknown.join(", ")}: expected one of ${names.join(", ")}`);
    return 2;
  }
  const missing = await missingTools();
  if (missing !== null) {
    console.error(`cannot run notebooks: ${missing}`);
    return 2;
  }
  const selected = wanted.length === 0 ? names : names.filter((n) => wanted.includes(n));
  await Deno.mkdir(values.out, { recursive: true });
  const failed: string[] = [];
  for (const name of selected) {
    const started = performance.now();
    console.log(`notebooks: ${name} ...`);
    const r = await run("jupyter", [
      "nbconvert",
      "--to",
      "html",
      "--execute",
      `--ExecutePreprocessor.timeout=${values.timeout}`,
      "--output-dir",
      values.out,
      join(NOTEBOOKS, name),
    ]);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (r.code === 0) {
      console.log(
        `notebooks: ${name} ok (${seconds} s) -> ${
          join(values.out, name.replace(/\.ipynb$/, ".html"))
        }`,
      );
    } else {
      failed.push(name);
      console.log(`notebooks: ${name} FAILED (${seconds} s, exit ${r.code})`);
      console.log(r.out.split("\n").slice(-40).join("\n"));
    }
  }
  console.log(`notebooks: ${selected.length - failed.length} of ${selected.length} ran`);
  return failed.length === 0 ? 0 : 1;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
