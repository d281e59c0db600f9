/**
 * Reading run folders (`lib/serl/run_folder.ts`) for figures: the resolved config, every
 * metrics line, the evaluations, the summary when the run finished, and the per-step
 * samples. A malformed line is an error naming the file and the line, never a silent skip.
 *
 * @module
 */
import { join } from "node:path";
import type { Experiment } from "../config/experiment.ts";
import type { RunSummary } from "../serl/run_summary.ts";
import type { EvalPoint, StepMetrics } from "../serl/step_metrics.ts";
import type { StepSamples } from "../serl/step_samples.ts";

/** A run, read from its folder. */
export interface RunRecord {
  /** The run folder. */
  dir: string;
  /** The resolved experiment (`config.json`). */
  config: Experiment;
  /** One entry a step (`metrics.jsonl`), in step order. */
  metrics: StepMetrics[];
  /** Every evaluation (`evals.jsonl`), in order. */
  evals: EvalPoint[];
  /** The end-of-run summary, or null while the run is unfinished. */
  summary: RunSummary | null;
}

function requireFields(
  value: unknown,
  fields: Record<string, "number" | "string" | "object">,
  where: string,
): void {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new TypeError(`Cannot read ${where}: expected a JSON object`);
  }
  for (const [key, type] of Object.entries(fields)) {
    const v = (value as Record<string, unknown>)[key];
    if (typeof v !== type || v === null || (type === "number" && !Number.isFinite(v))) {
      throw new TypeError(
        `Cannot read ${where}: "${key}" must be a ${type}, got ${JSON.stringify(v)}`,
      );
    }
  }
}

const METRICS_FIELDS = {
  step: "number",
  iteration: "number",
  trainReward: "number",
  rolloutReward: "number",
  keptFraction: "number",
  funnel: "object",
  seconds: "object",
} as const;
const EVAL_FIELDS = { step: "number", set: "string", problems: "number", pass1: "number" } as const;

/**
 * Parses JSON lines, checking each with `check`; blank lines are skipped.
 *
 * @param text The file's text.
 * @param path The file's path (for error messages).
 * @param check Throws a `TypeError` for a line that is not a valid record.
 * @returns The records.
 * @throws {SyntaxError} On a line that is not JSON, naming `path:line`.
 * @throws {TypeError} On a line `check` rejects, naming `path:line`.
 *
 * @example
 * ```ts
 * import { parseJsonLines } from "./run_reader.ts";
 * const rows = parseJsonLines<{ a: number }>('{"a":1}\n\n{"a":2}\n', "x.jsonl");
 * if (rows.length !== 2) throw new Error();
 * try { parseJsonLines("{}\n{oops", "x.jsonl"); throw new Error("no error"); }
 * catch (e) { if (!(e as Error).message.startsWith("Cannot read x.jsonl:2")) throw e; }
 * ```
 */
export function parseJsonLines<T>(
  text: string,
  path: string,
  check?: (value: unknown, where: string) => void,
): T[] {
  const out: T[] = [];
  text.split("\n").forEach((line, i) => {
    if (line.trim() === "") return;
    const where = `${path}:${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      throw new SyntaxError(`Cannot read ${where}: ${(e as Error).message}`);
    }
    check?.(value, where);
    out.push(value as T);
  });
  return out;
}

/**
 * Parses `metrics.jsonl` text: one step a line, each with the numeric fields figures use.
 *
 * @throws {SyntaxError | TypeError} On a malformed line, naming `path:line` (and the field).
 *
 * @example
 * ```ts
 * import { parseMetricsJsonl } from "./run_reader.ts";
 * try { parseMetricsJsonl('{"step":"one"}\n', "m.jsonl"); throw new Error("no error"); }
 * catch (e) { if (!(e as Error).message.includes('m.jsonl:1: "step"')) throw e; }
 * ```
 */
export function parseMetricsJsonl(text: string, path: string): StepMetrics[] {
  return parseJsonLines<StepMetrics>(
    text,
    path,
    (v, where) => requireFields(v, METRICS_FIELDS, where),
  );
}

/**
 * Parses `evals.jsonl` text.
 *
 * @throws {SyntaxError | TypeError} On a malformed line, naming `path:line`.
 *
 * @example
 * ```ts
 * import { parseEvalsJsonl } from "./run_reader.ts";
 * const [e] = parseEvalsJsonl('{"step":0,"set":"eval","problems":8,"pass1":0.5,"byLevel":{}}', "e.jsonl");
 * if (e!.pass1 !== 0.5) throw new Error();
 * ```
 */
export function parseEvalsJsonl(text: string, path: string): EvalPoint[] {
  return parseJsonLines<EvalPoint>(text, path, (v, where) => requireFields(v, EVAL_FIELDS, where));
}

async function readOptional(path: string): Promise<string | null> {
  try {
    return await Deno.readTextFile(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return null;
    throw e;
  }
}

function parseJsonFile<T>(text: string, path: string): T {
  try {
    return JSON.parse(text) as T;
  } catch (e) {
    throw new SyntaxError(`Cannot read ${path}: ${(e as Error).message}`);
  }
}

/**
 * Reads a run folder.
 *
 * @param dir The run folder.
 * @returns The config, metrics, evaluations and summary.
 * @throws {Deno.errors.NotFound} When the folder has no `config.json`.
 * @throws {SyntaxError | TypeError} On a malformed file or line, naming it.
 *
 * @example
 * ```ts
 * import { readRunRecord } from "./run_reader.ts";
 * const dir = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${dir}/config.json`, '{"name":"main","method":"serl"}');
 * const run = await readRunRecord(dir);
 * if (run.config.name !== "main" || run.metrics.length !== 0 || run.summary !== null) throw new Error();
 * ```
 */
export async function readRunRecord(dir: string): Promise<RunRecord> {
  const configPath = join(dir, "config.json");
  const config = await readOptional(configPath);
  if (config === null) {
    throw new Deno.errors.NotFound(`Cannot read run ${dir}: it has no config.json`);
  }
  const paths = { metrics: join(dir, "metrics.jsonl"), evals: join(dir, "evals.jsonl") };
  const summaryPath = join(dir, "summary.json");
  const summary = await readOptional(summaryPath);
  return {
    dir,
    config: parseJsonFile<Experiment>(config, configPath),
    metrics: parseMetricsJsonl(await readOptional(paths.metrics) ?? "", paths.metrics),
    evals: parseEvalsJsonl(await readOptional(paths.evals) ?? "", paths.evals),
    summary: summary === null ? null : parseJsonFile<RunSummary>(summary, summaryPath),
  };
}

/**
 * Reads a run's samples files (`samples/step-N.json`), in step order.
 *
 * @throws {SyntaxError} On a file that is not JSON, naming it.
 *
 * @example
 * ```ts
 * import { readRunSamples } from "./run_reader.ts";
 * if ((await readRunSamples(await Deno.makeTempDir())).length !== 0) throw new Error();
 * ```
 */
export async function readRunSamples(dir: string): Promise<StepSamples[]> {
  const folder = join(dir, "samples");
  const names: string[] = [];
  try {
    for await (const e of Deno.readDir(folder)) {
      if (e.isFile && /^step-\d+\.json$/.test(e.name)) names.push(e.name);
    }
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return [];
    throw e;
  }
  names.sort((a, b) => Number(a.slice(5, -5)) - Number(b.slice(5, -5)));
  const out: StepSamples[] = [];
  for (const name of names) {
    const path = join(folder, name);
    out.push(parseJsonFile<StepSamples>(await Deno.readTextFile(path), path));
  }
  return out;
}
