/**
 * `--key=value` overrides from the command line, typed by the schema's defaults
 * (nanoGPT's configurator, with types and without `exec`): `--rl.estimator=grpo`,
 * `--train.lr=1e-5`, `--instruct.filters.difficulty=false`,
 * `--instruct.difficultyBounds=[0.1,0.9]` (arrays as JSON).
 *
 * @module
 */
import type { Experiment, ExperimentOverrides } from "./experiment.ts";
import { EXPERIMENT_DEFAULTS } from "./experiment_defaults.ts";
import { unknownConfigKeyError } from "./resolve_experiment.ts";

/** Options for {@linkcode parseConfigOverrides}. */
export interface ParseConfigOverridesOptions {
  /** The schema whose values type the overrides. @default EXPERIMENT_DEFAULTS */
  schema?: Readonly<Experiment>;
}

function typed(key: string, raw: string, current: unknown): unknown {
  if (typeof current === "number") {
    const value = Number(raw);
    if (raw.trim() === "" || !Number.isFinite(value)) {
      throw new TypeError(`Config key "${key}" expects a number, got "${raw}"`);
    }
    return value;
  }
  if (typeof current === "boolean") {
    if (raw !== "true" && raw !== "false") {
      throw new TypeError(`Config key "${key}" expects true or false, got "${raw}"`);
    }
    return raw === "true";
  }
  if (Array.isArray(current)) {
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      throw new TypeError(`Config key "${key}" expects a JSON array, got "${raw}"`);
    }
    if (!Array.isArray(value)) {
      throw new TypeError(`Config key "${key}" expects a JSON array, got "${raw}"`);
    }
    return value;
  }
  return raw;
}

/**
 * Parses `--key=value` (or `key=value`) arguments into one override object; later
 * arguments win. The value's type is the default's: numbers, `true`/`false`, JSON arrays,
 * strings as written.
 *
 * @param args The arguments.
 * @param options The schema.
 * @returns The overrides.
 * @throws {TypeError} On an unknown key (naming the closest valid key), a key naming a
 * whole section, a missing `=`, or a value of the wrong type.
 *
 * @example
 * ```ts
 * import { parseConfigOverrides } from "./parse_config_overrides.ts";
 * const o = parseConfigOverrides(["--train.lr=1e-5", "--instruct.filters.difficulty=false"]);
 * if (o.train?.lr !== 1e-5 || o.instruct?.filters?.difficulty !== false) throw new Error();
 * ```
 */
export function parseConfigOverrides(
  args: readonly string[],
  options?: ParseConfigOverridesOptions,
): ExperimentOverrides {
  const { schema = EXPERIMENT_DEFAULTS } = options ?? {};
  const out: Record<string, unknown> = {};
  for (const arg of args) {
    const body = arg.replace(/^--/, "");
    const eq = body.indexOf("=");
    if (eq <= 0) throw new TypeError(`Cannot parse config override "${arg}": expected --key=value`);
    const path = body.slice(0, eq).split(".");
    const raw = body.slice(eq + 1);
    let node: unknown = schema;
    path.forEach((segment, i) => {
      const record = node as Record<string, unknown>;
      if (!Object.hasOwn(record, segment)) {
        throw unknownConfigKeyError(path.slice(0, i + 1), Object.keys(record));
      }
      node = record[segment];
    });
    const key = path.join(".");
    if (typeof node === "object" && node !== null && !Array.isArray(node)) {
      throw new TypeError(
        `Config key "${key}" is a section; set one of its keys: ${Object.keys(node).join(", ")}`,
      );
    }
    let target = out;
    for (const segment of path.slice(0, -1)) {
      target = (target[segment] ??= {}) as Record<string, unknown>;
    }
    target[path[path.length - 1]!] = typed(key, raw, node);
  }
  return out as ExperimentOverrides;
}

/**
 * Splits command-line arguments into config overrides (`--a.b=value`, or `--seed=3`-style
 * for the schema's top-level scalar keys) and the rest (the command's own options).
 *
 * @param args The arguments.
 * @param options The schema.
 * @returns The two lists, each in the original order.
 *
 * @example
 * ```ts
 * import { splitConfigArgs } from "./parse_config_overrides.ts";
 * const { config, rest } = splitConfigArgs(["main", "--rl.klCoef=0", "--resume", "--seed=2"]);
 * if (config.join() !== "--rl.klCoef=0,--seed=2" || rest.join() !== "main,--resume") throw new Error();
 * ```
 */
export function splitConfigArgs(
  args: readonly string[],
  options?: ParseConfigOverridesOptions,
): { config: string[]; rest: string[] } {
  const { schema = EXPERIMENT_DEFAULTS } = options ?? {};
  const scalars = new Set(
    Object.entries(schema).filter(([, v]) => typeof v !== "object").map(([k]) => k),
  );
  const config: string[] = [], rest: string[] = [];
  for (const arg of args) {
    const match = /^--([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*)=/.exec(arg);
    const isConfig = match !== null && (match[1]!.includes(".") || scalars.has(match[1]!));
    (isConfig ? config : rest).push(arg);
  }
  return { config, rest };
}
