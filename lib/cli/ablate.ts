// deno-lint-ignore-file no-console
/**
 * `deno task ablate <name|all> [--scale smoke|small|full] [--jobs N]`: runs the variants of
 * `ablations/<name>.ts` into `runs/<ablation>/<variant>/`, each as a `deno task serl`
 * process (progress bars from their metrics files), skips finished variants, continues
 * unfinished ones from their checkpoints, and prints a summary table.
 *
 * Exit status: 0 every variant done, 1 a variant failed, 2 bad arguments or config, 130
 * stopped by Ctrl-C (running variants checkpoint their step first).
 *
 * @module
 */
import { join } from "node:path";
import { parseArgs } from "node:util";
import cliProgress from "cli-progress";
import { writeFileAtomic } from "../atomic_write.ts";
import { ablationVariants } from "../config/ablation.ts";
import type { Experiment } from "../config/experiment.ts";
import { parseConfigOverrides, splitConfigArgs } from "../config/parse_config_overrides.ts";
import type { RunSummary } from "../serl/run_summary.ts";
import {
  dataFileNames,
  loadAblationFile,
  resolveNamedExperiment,
} from "../config/experiment_files.ts";
import { formatAblationTable } from "./_ablation_table.ts";

const USAGE = `usage: deno task ablate <name|all> [options] [--key=value ...]

Runs each variant of ablations/<name>.ts (or of all of them) in runs/<name>/<variant>/ and
prints a table: eval Pass@1 before and after, train reward, kept fraction, true accuracy of
the majority labels. Finished variants (summary.json) are skipped; unfinished ones continue
from their last checkpoint.

  name                ${dataFileNames("ablations").join(", ")}, or all
  --scale S           smoke, small or full (default small)
  --jobs N            variants run at once (default 1; each uses the CPU fully)
  --runs DIR          root of run folders (default runs)
  --key=value         a config override applied to every variant (e.g. --seed=1)
  --help              show this text

Exit status: 0 done, 1 a variant failed, 2 bad arguments or config, 130 stopped.`;

class UsageError extends Error {}

interface Job {
  ablation: string;
  variant: string;
  runDir: string;
  experiment: Experiment;
}

function integer(name: string, value: string, min: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min) {
    throw new UsageError(`--${name} must be an integer >= ${min}`);
  }
  return n;
}

/** Resolves every variant and writes (or checks) its config.json. */
async function plan(names: string[], scale: string, runs: string, flags: string[]): Promise<Job[]> {
  const jobs: Job[] = [];
  for (const ablation of names) {
    const spec = await loadAblationFile(ablation);
    for (const { name, overrides } of ablationVariants(spec)) {
      const experiment = await resolveNamedExperiment(
        spec.base,
        scale,
        overrides,
        parseConfigOverrides(flags),
        { name: `${ablation}.${name}` },
      );
      const runDir = join(runs, ablation, name);
      const config = join(runDir, "config.json");
      const text = JSON.stringify(experiment, null, 2) + "\n";
      let existing: string | null = null;
      try {
        existing = await Deno.readTextFile(config);
      } catch { /* a new variant */ }
      if (existing !== null && existing !== text) {
        throw new UsageError(
          `${runDir} was run with another config (scale or overrides); delete it or use --runs DIR`,
        );
      }
      if (existing === null) {
        for (const sub of ["samples", "checkpoints", "iterations"]) {
          await Deno.mkdir(join(runDir, sub), { recursive: true });
        }
        await writeFileAtomic(config, text);
      }
      jobs.push({ ablation, variant: name, runDir, experiment });
    }
  }
  return jobs;
}

async function readSummary(runDir: string): Promise<RunSummary | null> {
  try {
    return JSON.parse(await Deno.readTextFile(join(runDir, "summary.json")));
  } catch {
    return null;
  }
}

async function stepsDone(runDir: string): Promise<number> {
  try {
    return (await Deno.readTextFile(join(runDir, "metrics.jsonl"))).split("\n").filter(Boolean)
      .length;
  } catch {
    return 0;
  }
}

/** Runs one variant as a child process (its output to `<run>/log.txt`); returns its status. */
async function runJob(job: Job, bar: cliProgress.SingleBar, signal: AbortSignal): Promise<number> {
  const total = job.experiment.loop.steps * job.experiment.loop.iterations;
  const log = await Deno.open(join(job.runDir, "log.txt"), {
    write: true,
    create: true,
    append: true,
  });
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      new URL("./serl.ts", import.meta.url).pathname,
      "--resume",
      "--run-dir",
      job.runDir,
    ],
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const onAbort = () => {
    try {
      child.kill("SIGINT");
    } catch { /* the child has exited already */ }
  };
  signal.addEventListener("abort", onAbort);
  const poll = setInterval(async () => {
    bar.update(Math.min(total, await stepsDone(job.runDir)), { status: "running" });
  }, 1000);
  // chunk by chunk, so the log follows the run (pipeTo into a file holds it back)
  const copy = async (stream: ReadableStream<Uint8Array>) => {
    for await (const chunk of stream) {
      for (let done = 0; done < chunk.length;) done += await log.write(chunk.subarray(done));
    }
  };
  const piped = Promise.allSettled([copy(child.stdout), copy(child.stderr)]);
  const { code } = await child.status;
  await piped;
  log.close();
  clearInterval(poll);
  signal.removeEventListener("abort", onAbort);
  const status = code === 0 ? "done" : code === 130 ? "stopped" : `failed (${code})`;
  bar.update(await stepsDone(job.runDir), { status });
  return code;
}

/** The command: returns the exit status. */
async function main(args: string[]): Promise<number> {
  let jobs: Job[], jobsAtOnce: number;
  try {
    const { config, rest } = splitConfigArgs(args);
    const { values, positionals } = parseArgs({
      args: rest,
      strict: true,
      allowPositionals: true,
      options: {
        scale: { type: "string", default: "small" },
        jobs: { type: "string", default: "1" },
        runs: { type: "string", default: "runs" },
        help: { type: "boolean", short: "h", default: false },
      },
    });
    if (values.help) {
      console.log(USAGE);
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError("expected one ablation name, or all");
    const names = positionals[0] === "all" ? dataFileNames("ablations") : [positionals[0]!];
    jobsAtOnce = integer("jobs", values.jobs, 1);
    jobs = await plan(names, values.scale, values.runs, config);
  } catch (e) {
    console.error(`${(e as Error).message}\n\nRun with --help for usage.`);
    return 2;
  }
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) Deno.exit(130);
    console.error("\nstopping: running variants finish their step and checkpoint");
    controller.abort();
  };
  Deno.addSignalListener("SIGINT", onSigint);
  const bars = new cliProgress.MultiBar({
    format: "{name} |{bar}| {value}/{total} steps  {status}",
    hideCursor: true,
    noTTYOutput: !Deno.stderr.isTerminal(),
    notTTYSchedule: 10000,
  }, cliProgress.Presets.shades_classic);
  const width = Math.max(...jobs.map((j) => `${j.ablation}/${j.variant}`.length));
  const pending: (() => Promise<number>)[] = [];
  const codes: number[] = [];
  for (const job of jobs) {
    const total = job.experiment.loop.steps * job.experiment.loop.iterations;
    const name = `${job.ablation}/${job.variant}`.padEnd(width);
    const done = (await readSummary(job.runDir)) !== null;
    const bar = bars.create(total, done ? total : await stepsDone(job.runDir), {
      name,
      status: done ? "done (skipped)" : "waiting",
    });
    if (!done) pending.push(() => runJob(job, bar, controller.signal));
  }
  const workers = Array.from({ length: Math.min(jobsAtOnce, pending.length) }, async () => {
    while (pending.length > 0 && !controller.signal.aborted) codes.push(await pending.shift()!());
  });
  await Promise.all(workers);
  bars.stop();
  Deno.removeSignalListener("SIGINT", onSigint);
  const rows = await Promise.all(
    jobs.map(async (j) => ({ job: j, summary: await readSummary(j.runDir) })),
  );
  console.log(formatAblationTable(rows.map((r) => ({
    ablation: r.job.ablation,
    variant: r.job.variant,
    summary: r.summary,
  }))));
  if (controller.signal.aborted) return 130;
  return codes.some((c) => c !== 0) ? 1 : 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
