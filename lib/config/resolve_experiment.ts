/**
 * Resolving an experiment: overrides deep-merged over a base, every key checked against
 * the schema (the base's own keys), every value checked by `validateExperiment`.
 *
 * @module
 */
import { closestKey } from "./closest_key.ts";
import type { Experiment, ExperimentOverrides } from "./experiment.ts";
import { validateExperiment } from "./validate_experiment.ts";

/**
 * The error for a key the schema does not have, naming its full path and the closest valid
 * key: `Unknown config key "rl.estimater"; did you mean "rl.estimator"?`.
 *
 * @param path The key's path segments.
 * @param valid The valid keys at the last segment's place.
 * @returns The TypeError (to throw).
 *
 * @example
 * ```ts
 * import { unknownConfigKeyError } from "./resolve_experiment.ts";
 * const e = unknownConfigKeyError(["rl", "estimater"], ["estimator", "klCoef"]);
 * if (e.message !== 'Unknown config key "rl.estimater"; did you mean "rl.estimator"?') {
 *   throw new Error(e.message);
 * }
 * ```
 */
export function unknownConfigKeyError(
  path: readonly string[],
  valid: readonly string[],
): TypeError {
  const full = path.join(".");
  const suggestion = closestKey(path[path.length - 1]!, valid);
  const parent = path.slice(0, -1);
  const hint = suggestion === null
    ? `; valid keys${parent.length > 0 ? ` of "${parent.join(".")}"` : ""}: ${valid.join(", ")}`
    : `; did you mean "${[...parent, suggestion].join(".")}"?`;
  return new TypeError(`Unknown config key "${full}"${hint}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function kind(value: unknown): string {
  return Array.isArray(value) ? "array" : value === null ? "null" : typeof value;
}

function mergeInto(
  target: Record<string, unknown>,
  override: Record<string, unknown>,
  path: string[],
): void {
  for (const [key, value] of Object.entries(override)) {
    const here = [...path, key];
    if (!Object.hasOwn(target, key)) throw unknownConfigKeyError(here, Object.keys(target));
    if (value === undefined) continue;
    const current = target[key];
    if (kind(value) !== kind(current)) {
      const want = kind(current);
      throw new TypeError(
        `Config key "${here.join(".")}" expects ${/^[aeiou]/.test(want) ? "an" : "a"} ${want}, ` +
          `got ${kind(value)} ${JSON.stringify(value)}`,
      );
    }
    if (isRecord(current)) mergeInto(current, value as Record<string, unknown>, here);
    else target[key] = structuredClone(value);
  }
}

/**
 * Deep-merges overrides, left to right, over a copy of `base` (objects merge key by key;
 * arrays and scalars replace), then validates the result.
 *
 * @param base A complete experiment (usually `EXPERIMENT_DEFAULTS`).
 * @param overrides Partial experiments: a file, a preset, a scale, command-line flags.
 * @returns A new, validated experiment; the inputs are not changed.
 * @throws {TypeError} On an unknown key anywhere (naming its full path and the closest valid
 * key), a value of the wrong type, or an invalid choice.
 * @throws {RangeError} On a value out of range.
 *
 * @example
 * ```ts
 * import { EXPERIMENT_DEFAULTS } from "./experiment_defaults.ts";
 * import { resolveExperiment } from "./resolve_experiment.ts";
 * const e = resolveExperiment(EXPERIMENT_DEFAULTS, { rl: { estimator: "grpo" } },
 *   { loop: { steps: 3 } });
 * if (e.rl.estimator !== "grpo" || e.loop.steps !== 3 || e.rl.klCoef !== 1e-3) throw new Error();
 * let message = "";
 * try {
 *   resolveExperiment(EXPERIMENT_DEFAULTS, { rl: { estimater: "grpo" } } as never);
 * } catch (err) {
 *   message = (err as TypeError).message;
 * }
 * if (!message.includes('did you mean "rl.estimator"')) throw new Error(message);
 * ```
 */
export function resolveExperiment(
  base: Readonly<Experiment>,
  ...overrides: readonly ExperimentOverrides[]
): Experiment {
  const out = structuredClone(base) as unknown as Record<string, unknown>;
  for (const override of overrides) {
    if (!isRecord(override)) {
      throw new TypeError(`Cannot resolve an experiment: an override is ${kind(override)}`);
    }
    mergeInto(out, override as Record<string, unknown>, []);
  }
  return validateExperiment(out as unknown as Experiment);
}
