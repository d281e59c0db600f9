/**
 * Finding runs on disk: every run folder under a root (`<root>/<experiment>/<run-id>/`, or
 * `<root>/<ablation>/<variant>/`), and the latest run of an experiment.
 *
 * @module
 */
import { join } from "node:path";
import { readRunRecord, type RunRecord } from "./run_reader.ts";

/** A run folder found on disk. */
export interface RunListing {
  /** The first folder level: the experiment (or ablation) name. */
  group: string;
  /** The second level: the run id (or variant). */
  id: string;
  /** The run folder. */
  dir: string;
  /** Whether it has a `summary.json` (the run finished). */
  finished: boolean;
  /** When the run started: the modification time of its `config.json` (ms since epoch). */
  started: number;
}

async function subfolders(dir: string): Promise<string[]> {
  const names: string[] = [];
  try {
    for await (const e of Deno.readDir(dir)) if (e.isDirectory) names.push(e.name);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return [];
    throw e;
  }
  return names.sort();
}

async function statOrNull(path: string): Promise<Deno.FileInfo | null> {
  try {
    return await Deno.stat(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return null;
    throw e;
  }
}

async function exists(path: string): Promise<boolean> {
  return (await statOrNull(path)) !== null;
}

/**
 * Every run folder (a folder with a `config.json`) two levels under `root`, sorted by group
 * then id; none when `root` does not exist.
 *
 * @example
 * ```ts
 * import { listRunFolders } from "./run_listing.ts";
 * const root = await Deno.makeTempDir();
 * await Deno.mkdir(`${root}/main/2026-01-01T00-00-00`, { recursive: true });
 * await Deno.writeTextFile(`${root}/main/2026-01-01T00-00-00/config.json`, "{}");
 * const runs = await listRunFolders(root);
 * if (runs.length !== 1 || runs[0]!.group !== "main" || runs[0]!.finished) throw new Error();
 * ```
 */
export async function listRunFolders(root: string): Promise<RunListing[]> {
  const out: RunListing[] = [];
  for (const group of await subfolders(root)) {
    for (const id of await subfolders(join(root, group))) {
      const dir = join(root, group, id);
      const config = await statOrNull(join(dir, "config.json"));
      if (config === null) continue;
      const started = config.mtime?.getTime() ?? 0;
      out.push({ group, id, dir, finished: await exists(join(dir, "summary.json")), started });
    }
  }
  return out;
}

/** Whether a run has anything to plot: a summary, a step, or an evaluation. */
export function runHasData(run: RunRecord): boolean {
  return run.summary !== null || run.metrics.length > 0 || run.evals.length > 0;
}

/** Options of {@linkcode latestRunRecord}. */
export interface LatestRunOptions {
  /** Fall back to an unfinished run (with at least one step or evaluation) when no run finished. @default true */
  unfinished?: boolean;
}

/**
 * The latest run of an experiment under `root` (`<root>/<experiment>/<run-id>/`): the newest
 * finished run by start time (its `config.json`, written once when the run starts; ties by
 * id), else the newest unfinished one that has data, else null. Start time, not id: ids
 * given with `--run-id` do not sort by time.
 *
 * @throws {SyntaxError | TypeError} When the chosen run has a malformed file (naming it).
 *
 * @example
 * ```ts
 * import { latestRunRecord } from "./run_listing.ts";
 * if (await latestRunRecord(await Deno.makeTempDir(), "main") !== null) throw new Error();
 * ```
 */
export async function latestRunRecord(
  root: string,
  experiment: string,
  options?: LatestRunOptions,
): Promise<RunRecord | null> {
  const { unfinished = true } = options ?? {};
  const runs = (await listRunFolders(root))
    .filter((r) => r.group === experiment)
    .sort((a, b) => b.started - a.started || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  const finished = runs.find((r) => r.finished);
  if (finished !== undefined) return await readRunRecord(finished.dir);
  if (!unfinished) return null;
  for (const r of runs) {
    const run = await readRunRecord(r.dir);
    if (runHasData(run)) return run;
  }
  return null;
}
