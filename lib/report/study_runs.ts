/**
 * The runs a notebook or the report needs: read from `runs/` when they exist (what
 * `deno task serl` and `deno task ablate` wrote), otherwise run at the smoke scale into
 * `runs/smoke/` (so a fresh clone can execute every notebook in minutes), and reused from
 * there next time (while their config is still what the experiment files resolve to; a
 * stale smoke run is made again). Smoke runs never go into the folders the commands use, so
 * they never clash with a real run's config.
 *
 * @module
 */
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { loadAblationFile, resolveNamedExperiment } from "../config/experiment_files.ts";
import { type AblationVariant, ablationVariants } from "../config/ablation.ts";
import type { Experiment, ExperimentOverrides } from "../config/experiment.ts";
import { runSerl, type SerlEvent } from "../serl/run_serl.ts";
import { latestRunRecord, runHasData } from "./run_listing.ts";
import { readRunRecord, type RunRecord } from "./run_reader.ts";

/**
 * What the notebooks add to the smoke scale: 3 steps x 2 iterations (so there are curves and
 * an iteration to compare), evaluation on 50 problems before training and after each
 * iteration, and room for a whole tiny-math solution (about 40 tokens; the smoke scale's 32
 * cuts most of them). About 10 s a run on a free 2-core CPU.
 */
export const STUDY_SMOKE_OVERRIDES: Readonly<ExperimentOverrides> = Object.freeze({
  rollout: { maxNewTokens: 128 },
  loop: { steps: 3, iterations: 2, evalEvery: 3, evalLimit: 50, evalMaxNewTokens: 128 },
});

/** A run a study reads, and where it came from. */
export interface StudyRun extends RunRecord {
  /** Its label in figures: the experiment or the ablation variant. */
  label: string;
  /** `"runs"`: a run of the commands; `"smoke"`: a smoke run made for the study. */
  source: "runs" | "smoke";
}

/** Options of {@linkcode experimentStudyRun} and {@linkcode ablationStudyRuns}. */
export interface StudyRunOptions {
  /** Root of the commands' run folders. @default "runs" */
  runs?: string;
  /** Root of the smoke runs made for studies. @default "<runs>/smoke" */
  smokeRuns?: string;
  /** Run what is missing at the smoke scale (false: return null instead). @default true */
  runMissing?: boolean;
  /** Overrides of the smoke runs, after the smoke scale. @default STUDY_SMOKE_OVERRIDES */
  overrides?: ExperimentOverrides;
  /**
   * Where runs may come from: `"any"` (the commands' runs, else smoke runs), `"runs"` (only
   * the commands' runs; nothing is run) or `"smoke"` (only smoke runs). @default "any"
   */
  source?: "any" | "runs" | "smoke";
  /** Progress of smoke runs, with the run's label. @default undefined */
  onEvent?: (label: string, event: SerlEvent) => void;
}

/** {@linkcode StudyRunOptions} with their defaults filled in. */
function withStudyDefaults(options: StudyRunOptions | undefined) {
  const {
    runs = "runs",
    runMissing = true,
    overrides = STUDY_SMOKE_OVERRIDES,
    source = "any",
    onEvent,
  } = options ?? {};
  return {
    runs,
    runMissing,
    overrides,
    source,
    onEvent,
    smokeRoot: options?.smokeRuns ?? join(runs, "smoke"),
  };
}

/** Runs (or finishes) a smoke run in `dir` and reads it. */
async function smokeRun(
  experiment: Experiment,
  dir: string,
  label: string,
  onEvent: StudyRunOptions["onEvent"],
): Promise<RunRecord> {
  const events = onEvent === undefined ? {} : { onEvent: (e: SerlEvent) => onEvent(label, e) };
  let hasConfig = true;
  try {
    await Deno.stat(join(dir, "config.json"));
  } catch {
    hasConfig = false;
  }
  try {
    await runSerl(experiment, { runDir: dir, resume: hasConfig, ...events });
  } catch (e) {
    if (!hasConfig || !(e instanceof TypeError && e.message.includes("config differs"))) throw e;
    // an old smoke run of another config: start it again
    await Deno.remove(dir, { recursive: true });
    await runSerl(experiment, { runDir: dir, ...events });
  }
  return await readRunRecord(dir);
}

/**
 * The latest run of `experiments/<name>.ts` under `runs/<name>/`, else its smoke run.
 *
 * @param name The experiment file's name (`main`, `rl_gt`, `initial`, ...).
 * @param options Roots, whether to run what is missing, smoke overrides, progress.
 * @returns The run, or null when it is missing and `runMissing` is false.
 * @throws {TypeError} For an unknown experiment name.
 *
 * @example Nothing on disk and nothing run
 * ```ts
 * import { experimentStudyRun } from "./study_runs.ts";
 * const runs = await Deno.makeTempDir();
 * if (await experimentStudyRun("main", { runs, runMissing: false }) !== null) throw new Error();
 * ```
 */
export async function experimentStudyRun(
  name: string,
  options?: StudyRunOptions,
): Promise<StudyRun | null> {
  const { runs, runMissing, overrides, source, onEvent, smokeRoot } = withStudyDefaults(options);
  const experiment = await resolveNamedExperiment(name, "smoke", overrides);
  const real = source === "smoke" ? null : await latestRunRecord(runs, experiment.name);
  if (real !== null) return { ...real, label: name, source: "runs" };
  if (source === "runs") return null;
  const smoke = await latestRunRecord(smokeRoot, experiment.name, { unfinished: false });
  // a smoke run of an older config (the experiment file changed) is made again
  if (smoke !== null && isDeepStrictEqual(smoke.config, experiment)) {
    return { ...smoke, label: name, source: "smoke" };
  }
  if (!runMissing) return null;
  const dir = join(smokeRoot, experiment.name, "notebook");
  return { ...(await smokeRun(experiment, dir, name, onEvent)), label: name, source: "smoke" };
}

/**
 * The runs of `ablations/<name>.ts`, one per variant in the ablation's order: all from
 * `runs/<name>/<variant>/` when every variant there has data, otherwise all smoke runs (a
 * figure never mixes scales).
 *
 * @param name The ablation file's name (`no_difficulty_filter`, `n_vote`, ...).
 * @param options Roots, whether to run what is missing, smoke overrides, progress.
 * @returns The runs, or null when some are missing and `runMissing` is false.
 * @throws {TypeError} For an unknown ablation name.
 *
 * @example
 * ```ts
 * import { ablationStudyRuns } from "./study_runs.ts";
 * const runs = await Deno.makeTempDir();
 * if (await ablationStudyRuns("n_vote", { runs, runMissing: false }) !== null) throw new Error();
 * ```
 */
export async function ablationStudyRuns(
  name: string,
  options?: StudyRunOptions,
): Promise<StudyRun[] | null> {
  const { runs, runMissing, overrides, source, onEvent, smokeRoot } = withStudyDefaults(options);
  const spec = await loadAblationFile(name);
  const variants: (AblationVariant & { experiment: Experiment })[] = [];
  for (const v of ablationVariants(spec)) {
    const experiment = await resolveNamedExperiment(spec.base, "smoke", v.overrides, overrides, {
      name: `${name}.${v.name}`,
    });
    variants.push({ ...v, experiment });
  }
  const read = async (root: string, smoke: boolean) => {
    const out: StudyRun[] = [];
    for (const v of variants) {
      const dir = join(root, name, v.name);
      let run: RunRecord;
      try {
        run = await readRunRecord(dir);
      } catch (e) {
        if (e instanceof Deno.errors.NotFound) return null;
        throw e;
      }
      if (!smoke && !runHasData(run)) return null;
      // smoke runs: finished, and of the current config (else they are made again)
      if (smoke && (run.summary === null || !isDeepStrictEqual(run.config, v.experiment))) {
        return null;
      }
      out.push({ ...run, label: v.name, source: root === runs ? "runs" : "smoke" });
    }
    return out;
  };
  const real = source === "smoke" ? null : await read(runs, false);
  if (real !== null || source === "runs") return real;
  const found = await read(smokeRoot, true);
  if (found !== null || !runMissing) return found;
  const out: StudyRun[] = [];
  for (const v of variants) {
    const run = await smokeRun(v.experiment, join(smokeRoot, name, v.name), v.name, onEvent);
    out.push({ ...run, label: v.name, source: "smoke" });
  }
  return out;
}
