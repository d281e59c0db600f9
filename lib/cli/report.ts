// deno-lint-ignore-file no-console
/**
 * `deno task report [--runs DIR] [--out DIR] [--no-png] [--only-existing]`: builds
 * `runs/report/index.html` (every study's figures, tables and run configs) and a PNG of
 * each figure through Debian's chromium. Studies whose runs are missing from `runs/` get
 * smoke runs in `runs/smoke/` (as in the notebooks) unless `--only-existing`.
 *
 * Exit status: 0 built (a missing Chromium only skips PNGs, with a message), 1 failed,
 * 2 bad arguments.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { buildReport } from "../report/build_report.ts";

const USAGE = `usage: deno task report [options]

Builds the HTML report: every study of the notebooks (reward alignment, difficulty filter,
n_vote sweep, algorithms, self-instruction, main result) from the runs in runs/, with
figures, tables and the config of every run used, plus one PNG per figure (headless
Chromium; Debian: apt-get install -y chromium). Missing runs are made at the smoke scale in
runs/smoke/ (seconds each) unless --only-existing.

  --runs DIR          root of run folders (default runs)
  --out DIR           report folder (default <runs>/report)
  --no-png            skip the PNGs
  --only-existing     use only runs on disk; make no smoke runs
  --help              show this text

Exit status: 0 built, 1 failed, 2 bad arguments.`;

async function main(args: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        runs: { type: "string", default: "runs" },
        out: { type: "string" },
        "no-png": { type: "boolean", default: false },
        "only-existing": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    }));
  } catch (e) {
    console.error(`${(e as Error).message}\n\nRun with --help for usage.`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const started = performance.now();
  try {
    const built = await buildReport({
      runs: values.runs,
      ...(values.out === undefined ? {} : { out: values.out }),
      png: !values["no-png"],
      runMissing: !values["only-existing"],
      onProgress: (m) => console.error(`report: ${m}`),
      onEvent: (label, e) => {
        if (e.type === "start") console.error(`report: smoke run ${label} in ${e.runDir}`);
      },
    });
    console.log(`report: ${built.index}`);
    console.log(
      `report: ${built.figurePages.length} figure pages in ${
        built.figurePages[0]?.replace(/\/[^/]*$/, "") ?? "-"
      }`,
    );
    if (built.pngSkipped === null) console.log(`report: ${built.pngs.length} PNGs`);
    else console.log(`report: PNGs skipped: ${built.pngSkipped}`);
    console.log(`report: built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return 0;
  } catch (e) {
    console.error(`report failed: ${(e as Error).stack ?? e}`);
    return 1;
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
