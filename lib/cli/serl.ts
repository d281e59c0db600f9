// deno-lint-ignore-file no-console
/**
 * `deno task serl [experiment] [--key=value ...] [--scale S] [--resume] [--run-id ID]`: the
 * main job. Resolves the experiment (defaults, `experiments/<name>.ts`, the scale, presets,
 * flags), runs it in `runs/<name>/<run-id>/`, prints one line a step and the evaluation
 * before and after.
 *
 * ```sh
 * deno task serl                                   # experiments/main.ts at the small scale
 * deno task serl main --scale smoke --train.lr=3e-5
 * deno task serl main --resume                     # continue the latest runs/main/* run
 * ```
 *
 * Exit status: 0 done, 1 the run failed, 2 bad arguments or config, 130 stopped by Ctrl-C
 * (after checkpointing the current step).
 *
 * @module
 */
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { Experiment, ExperimentOverrides } from "../config/experiment.ts";
import { EXPERIMENT_DEFAULTS } from "../config/experiment_defaults.ts";
import { OFFICIAL_CODE_PRESET } from "../config/experiment_presets.ts";
import { resolveKlPlan } from "../config/kl_placement.ts";
import { parseConfigOverrides, splitConfigArgs } from "../config/parse_config_overrides.ts";
import { resolveExperiment } from "../config/resolve_experiment.ts";
import { latestRunDir, runIdFromDate } from "../serl/run_folder.ts";
import { runSerl, type SerlEvent } from "../serl/run_serl.ts";
import type { RunSummary } from "../serl/run_summary.ts";
import { dataFileNames, resolveNamedExperiment } from "../config/experiment_files.ts";
import { formatEvalPoint, formatStepLine } from "./_serl_format.ts";

const USAGE = `usage: deno task serl [experiment] [--key=value ...] [options]

Runs an experiment of experiments/ (default: main) in runs/<name>/<run-id>/: SeRL steps
(or a baseline's), greedy Pass@1 before, every loop.evalEvery steps and after, checkpoints,
metrics.jsonl (one line a step), samples/, summary.json.

  experiment          ${dataFileNames("experiments").join(", ")}
  --key=value         any config key, typed by its default: --train.lr=3e-5,
                      --rl.estimator=grpo, --instruct.filters.difficulty=false,
                      --instruct.difficultyBounds=[0.1,0.9], --seed=3
  --scale S           smoke (under a minute), small (about 10 minutes), full (the paper's
                      step counts) (default small)
  --preset P          officialCode: the official code's switches (repeatable)
  --resume            continue a run from its last checkpoint, with its own config.json
                      (the latest runs/<experiment>/*, or --run-id / --run-dir)
  --run-id ID         run folder name (default: the UTC start time)
  --run-dir DIR       the run folder itself (overrides --runs and --run-id)
  --runs DIR          root of run folders (default runs)
  --print-config      print the resolved config as JSON and exit
  --quiet             no per-step lines
  --help              show this text

Exit status: 0 done, 1 the run failed, 2 bad arguments or config, 130 stopped (Ctrl-C
finishes the current step and checkpoints it; a second Ctrl-C quits at once).`;

/** A usage or config error: exit status 2. */
class UsageError extends Error {}

interface Cli {
  experiment: string;
  scale: string;
  presets: ExperimentOverrides[];
  overrides: ExperimentOverrides;
  hasOverrides: boolean;
  resume: boolean;
  runDir: string | null;
  runId: string | null;
  runs: string;
  printConfig: boolean;
  quiet: boolean;
}

function parse(args: string[]): Cli | null {
  const { config, rest } = splitConfigArgs(args);
  const { values, positionals } = parseArgs({
    args: rest,
    strict: true,
    allowPositionals: true,
    options: {
      scale: { type: "string" },
      preset: { type: "string", multiple: true, default: [] },
      resume: { type: "boolean", default: false },
      "run-id": { type: "string" },
      "run-dir": { type: "string" },
      runs: { type: "string", default: "runs" },
      "print-config": { type: "boolean", default: false },
      quiet: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) return null;
  if (positionals.length > 1) throw new UsageError(`expected one experiment, got ${positionals}`);
  const presets = values.preset.map((p) => {
    if (p !== "officialCode") throw new UsageError(`unknown preset "${p}" (expected officialCode)`);
    return OFFICIAL_CODE_PRESET;
  });
  const changed = config.length > 0 || presets.length > 0 || values.scale !== undefined;
  if (values.resume && changed) {
    throw new UsageError(
      "--resume keeps the run's own config: drop --scale, --preset and --key=value",
    );
  }
  return {
    experiment: positionals[0] ?? "main",
    scale: values.scale ?? "small",
    presets,
    overrides: parseConfigOverrides(config),
    hasOverrides: config.length > 0,
    resume: values.resume,
    runDir: values["run-dir"] ?? null,
    runId: values["run-id"] ?? null,
    runs: values.runs,
    printConfig: values["print-config"],
    quiet: values.quiet,
  };
}

/** The experiment and run folder of the command. */
async function prepare(cli: Cli): Promise<{ experiment: Experiment; runDir: string }> {
  if (cli.resume) {
    const runDir = cli.runDir ??
      (cli.runId !== null
        ? join(cli.runs, cli.experiment, cli.runId)
        : await latestRunDir(join(cli.runs, cli.experiment)));
    if (runDir === null) {
      throw new UsageError(`no run of "${cli.experiment}" in ${cli.runs}/ to resume`);
    }
    let text: string;
    try {
      text = await Deno.readTextFile(join(runDir, "config.json"));
    } catch {
      throw new UsageError(`cannot resume ${runDir}: it has no config.json`);
    }
    return { experiment: resolveExperiment(EXPERIMENT_DEFAULTS, JSON.parse(text)), runDir };
  }
  const experiment = await resolveNamedExperiment(
    cli.experiment,
    cli.scale,
    ...cli.presets,
    cli.overrides,
  );
  const runDir = cli.runDir ??
    join(cli.runs, experiment.name, cli.runId ?? runIdFromDate(new Date()));
  return { experiment, runDir };
}

async function checkInputs(e: Experiment): Promise<void> {
  const files = [join(e.model.dir, "config.json"), e.data.eval];
  if (e.method !== "eval") files.push(e.data.seeds);
  if (e.data.evalOod !== "") files.push(e.data.evalOod);
  if (e.method === "rl_gt" && e.data.labelled !== "world") files.push(e.data.labelled);
  for (const file of files) {
    try {
      await Deno.stat(file);
    } catch {
      throw new UsageError(`${file} does not exist (model.dir or data.* of the config)`);
    }
  }
}

function report(summary: RunSummary, runDir: string): void {
  const { before, after } = summary;
  console.log(`\nrun folder ${runDir} (${(summary.seconds / 60).toFixed(1)} min)`);
  if (before !== null && after !== null) {
    const delta = after.pass1 - before.pass1;
    const sign = delta >= 0 ? "+" : "";
    console.log(
      `eval Pass@1 (greedy, ${after.problems} problems): before ${before.pass1.toFixed(3)}  ` +
        `after ${after.pass1.toFixed(3)}  (${sign}${delta.toFixed(3)})`,
    );
  }
  if (summary.ood.before !== null && summary.ood.after !== null) {
    console.log(
      `OOD Pass@1: before ${summary.ood.before.pass1.toFixed(3)}  after ${
        summary.ood.after.pass1.toFixed(3)
      }`,
    );
  }
  const { first, last } = summary;
  if (first !== null && last !== null) {
    const f = (x: number | null) => (x === null ? "n/a" : x.toFixed(3));
    console.log(
      `first/last quarter: train reward ${f(first.trainReward)} -> ${f(last.trainReward)}, ` +
        `kept fraction ${f(first.keptFraction)} -> ${f(last.keptFraction)}, ` +
        `majority-label accuracy ${f(first.majorityLabelAccuracy)} -> ${
          f(last.majorityLabelAccuracy)
        }`,
    );
  }
}

/** The command: returns the exit status. */
async function main(args: string[]): Promise<number> {
  let cli: Cli | null, experiment: Experiment, runDir: string;
  try {
    cli = parse(args);
    if (cli === null) {
      console.log(USAGE);
      return 0;
    }
    ({ experiment, runDir } = await prepare(cli));
    if (cli.printConfig) {
      console.log(JSON.stringify(experiment, null, 2));
      return 0;
    }
    await checkInputs(experiment);
  } catch (e) {
    console.error(`${(e as Error).message}\n\nRun with --help for usage.`);
    return 2;
  }
  const controller = new AbortController();
  // A terminal's Ctrl-C reaches the whole process group, so under `deno task ablate` a
  // child can get the same interrupt twice (from the terminal and from the parent): a
  // second SIGINT quits at once only when it comes more than 2 s after the first.
  let firstSigint = 0;
  const onSigint = () => {
    if (controller.signal.aborted) {
      if (performance.now() - firstSigint > 2000) Deno.exit(130);
      return;
    }
    firstSigint = performance.now();
    console.error("\nstopping after this step (Ctrl-C again to quit at once)");
    controller.abort();
  };
  Deno.addSignalListener("SIGINT", onSigint);
  const kl = resolveKlPlan(experiment.rl);
  console.error(
    `${experiment.name}: ${experiment.method}, ${experiment.loop.steps} steps x ${experiment.loop.iterations} iteration(s), ` +
      `${experiment.rollout.prompts} prompts x ${experiment.rollout.nVote} votes, ${experiment.rl.estimator}, ` +
      `KL ${kl.placement}${
        kl.placement === "none" ? "" : ` (${kl.estimator})`
      }, lr ${experiment.train.lr}; ${runDir}`,
  );
  const quiet = cli.quiet;
  const onEvent = (event: SerlEvent) => {
    if (event.type === "start" && event.fromStep > 0) {
      console.error(`resuming after step ${event.fromStep} of ${event.totalSteps}`);
    } else if (event.type === "eval") {
      console.log(formatEvalPoint(event.point));
    } else if (event.type === "step" && !quiet) {
      console.log(formatStepLine(event.metrics, event.totalSteps));
    } else if (event.type === "iteration") {
      console.log(`iteration ${event.iteration}: restarting from the previous iteration's weights`);
    }
  };
  try {
    const result = await runSerl(experiment, {
      runDir,
      resume: cli.resume,
      signal: controller.signal,
      onEvent,
    });
    if (result.status === "stopped") {
      console.error(
        `stopped after step ${result.steps}; continue with: deno task serl --resume --run-dir ${runDir}`,
      );
      return 130;
    }
    report(result.summary!, runDir);
    return 0;
  } catch (e) {
    console.error(`${experiment.name} failed: ${(e as Error).message}`);
    return 1;
  } finally {
    Deno.removeSignalListener("SIGINT", onSigint);
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
