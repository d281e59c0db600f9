/**
 * Run folders: `runs/<experiment>/<run-id>/` with the resolved `config.json`,
 * `metrics.jsonl` (one line a step), `evals.jsonl`, `samples/step-000N.json`,
 * `checkpoints/step-00000N/`, `iterations/<k>/` (the starting weights of iteration k > 0),
 * `model/` (the final policy) and `summary.json` (written last: a run with it is finished).
 * Every file is written atomically (temporary file + rename), so `kill -9` leaves either
 * the old or the new version.
 *
 * @module
 */
import { join } from "node:path";
import { writeFileAtomic } from "../atomic_write.ts";
import type { Experiment } from "../config/experiment.ts";

/** The paths of a run folder. */
export interface RunFolderPaths {
  /** The folder. */
  dir: string;
  /** The resolved experiment. */
  config: string;
  /** One JSON line a step. */
  metrics: string;
  /** One JSON line an evaluation. */
  evals: string;
  /** Samples per step. */
  samples: string;
  /** Trainer + loop checkpoints. */
  checkpoints: string;
  /** Starting weights of iterations after the first. */
  iterations: string;
  /** The final policy, a model folder. */
  model: string;
  /** The end-of-run summary (its presence marks a finished run). */
  summary: string;
}

/**
 * The paths of the run folder `dir`.
 *
 * @example
 * ```ts
 * import { runFolderPaths } from "./run_folder.ts";
 * if (runFolderPaths("runs/main/a").metrics !== "runs/main/a/metrics.jsonl") throw new Error();
 * ```
 */
export function runFolderPaths(dir: string): RunFolderPaths {
  return {
    dir,
    config: join(dir, "config.json"),
    metrics: join(dir, "metrics.jsonl"),
    evals: join(dir, "evals.jsonl"),
    samples: join(dir, "samples"),
    checkpoints: join(dir, "checkpoints"),
    iterations: join(dir, "iterations"),
    model: join(dir, "model"),
    summary: join(dir, "summary.json"),
  };
}

/**
 * A run id from a date: `2026-11-21T23-10-05` (UTC, sortable, a valid folder name).
 *
 * @example
 * ```ts
 * import { runIdFromDate } from "./run_folder.ts";
 * if (runIdFromDate(new Date(Date.UTC(2026, 0, 2, 3, 4, 5))) !== "2026-01-02T03-04-05") throw new Error();
 * ```
 */
export function runIdFromDate(date: Date): string {
  return date.toISOString().slice(0, 19).replaceAll(":", "-");
}

/**
 * The latest run folder under `root` (by name, which sorts by date for generated ids), or
 * null when there is none.
 *
 * @example
 * ```ts
 * import { latestRunDir } from "./run_folder.ts";
 * if (await latestRunDir(await Deno.makeTempDir()) !== null) throw new Error();
 * ```
 */
export async function latestRunDir(root: string): Promise<string | null> {
  const names: string[] = [];
  try {
    for await (const e of Deno.readDir(root)) if (e.isDirectory) names.push(e.name);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return null;
    throw e;
  }
  names.sort();
  return names.length === 0 ? null : join(root, names[names.length - 1]!);
}

/**
 * Creates the folder and writes `config.json`; when resuming, checks that the folder's
 * config is the same experiment instead.
 *
 * @param paths The run folder.
 * @param experiment The resolved experiment.
 * @param resume Continue an existing run.
 * @throws {Deno.errors.AlreadyExists} A new run in a folder that has a config already.
 * @throws {Deno.errors.NotFound} Resuming a folder without a config.
 * @throws {TypeError} Resuming with a different experiment (naming the first difference).
 *
 * @example
 * ```ts
 * import { prepareRunFolder, runFolderPaths } from "./run_folder.ts";
 * import { EXPERIMENT_DEFAULTS } from "../config/experiment_defaults.ts";
 * const paths = runFolderPaths(`${await Deno.makeTempDir()}/run`);
 * await prepareRunFolder(paths, EXPERIMENT_DEFAULTS, false);
 * await prepareRunFolder(paths, EXPERIMENT_DEFAULTS, true); // same experiment: fine
 * ```
 */
export async function prepareRunFolder(
  paths: RunFolderPaths,
  experiment: Readonly<Experiment>,
  resume: boolean,
): Promise<void> {
  const text = JSON.stringify(experiment, null, 2) + "\n";
  let existing: string | null = null;
  try {
    existing = await Deno.readTextFile(paths.config);
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  if (resume) {
    if (existing === null) {
      throw new Deno.errors.NotFound(`Cannot resume: ${paths.config} does not exist`);
    }
    const diff = firstDifference(JSON.parse(existing), JSON.parse(text), []);
    if (diff !== null) {
      throw new TypeError(
        `Cannot resume ${paths.dir}: its config differs at "${diff}" (resume with the same experiment, scale and overrides)`,
      );
    }
    return;
  }
  if (existing !== null) {
    throw new Deno.errors.AlreadyExists(
      `Cannot start a run in ${paths.dir}: it has a config.json already (use --resume, or another run id)`,
    );
  }
  for (const dir of [paths.samples, paths.checkpoints, paths.iterations]) {
    await Deno.mkdir(dir, { recursive: true });
  }
  await writeFileAtomic(paths.config, text);
}

function firstDifference(a: unknown, b: unknown, path: string[]): string | null {
  if (typeof a === "object" && a !== null && typeof b === "object" && b !== null) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) {
      const d = firstDifference(
        (a as Record<string, unknown>)[k],
        (b as Record<string, unknown>)[k],
        [...path, k],
      );
      if (d !== null) return d;
    }
    return null;
  }
  return a === b ? null : path.join(".") || "(root)";
}

/**
 * Reads the first `count` lines of a JSON-lines file (fewer if it is shorter; none if it
 * does not exist).
 *
 * @example
 * ```ts
 * import { readJsonLines } from "./run_folder.ts";
 * const path = `${await Deno.makeTempDir()}/m.jsonl`;
 * await Deno.writeTextFile(path, '{"a":1}\n{"a":2}\n');
 * if ((await readJsonLines(path, 1)).join() !== '{"a":1}') throw new Error();
 * ```
 */
export async function readJsonLines(path: string, count: number): Promise<string[]> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return [];
    throw e;
  }
  return text.split("\n").filter((l) => l !== "").slice(0, count);
}

/**
 * Writes JSON lines atomically (the whole file; `\n` after every line).
 *
 * @example
 * ```ts
 * import { writeJsonLines } from "./run_folder.ts";
 * const path = `${await Deno.makeTempDir()}/m.jsonl`;
 * await writeJsonLines(path, ['{"a":1}']);
 * if (await Deno.readTextFile(path) !== '{"a":1}\n') throw new Error();
 * ```
 */
export async function writeJsonLines(path: string, lines: readonly string[]): Promise<void> {
  await writeFileAtomic(path, lines.map((l) => `${l}\n`).join(""));
}

/**
 * Deletes all but the newest `keep` checkpoints (`step-N` folders) and any temporary folder
 * a killed save left behind.
 *
 * @example
 * ```ts
 * import { pruneCheckpoints } from "./run_folder.ts";
 * const dir = await Deno.makeTempDir();
 * for (const s of ["step-000001", "step-000002", "step-000003"]) await Deno.mkdir(`${dir}/${s}`);
 * await pruneCheckpoints(dir, 2);
 * const left = [...Deno.readDirSync(dir)].map((e) => e.name).sort();
 * if (left.join() !== "step-000002,step-000003") throw new Error(left.join());
 * ```
 */
export async function pruneCheckpoints(dir: string, keep: number): Promise<void> {
  const steps: string[] = [];
  for await (const e of Deno.readDir(dir)) {
    if (!e.isDirectory) continue;
    if (/^step-\d+$/.test(e.name)) steps.push(e.name);
    else if (e.name.startsWith(".")) await Deno.remove(join(dir, e.name), { recursive: true });
  }
  steps.sort((a, b) => Number(a.slice(5)) - Number(b.slice(5)));
  for (const name of steps.slice(0, Math.max(0, steps.length - keep))) {
    await Deno.remove(join(dir, name), { recursive: true });
  }
}
