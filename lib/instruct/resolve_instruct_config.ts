/**
 * Building and checking an {@linkcode InstructConfig} from overrides.
 *
 * @module
 */
import {
  type FilterSwitches,
  INSTRUCT_DEFAULTS,
  type InstructConfig,
  type InstructSampling,
} from "./config.ts";

/** A partial {@linkcode InstructConfig}; `filters` and `sampling` may be partial too. */
export type InstructOverrides =
  & Partial<Omit<InstructConfig, "filters" | "sampling">>
  & { filters?: Partial<FilterSwitches>; sampling?: Partial<InstructSampling> };

/** Options for {@linkcode resolveInstructConfig}. */
export interface ResolveInstructConfigOptions {
  /** The config the overrides apply to. @default INSTRUCT_DEFAULTS */
  base?: InstructConfig;
}

/**
 * Applies overrides to a base config (nested `filters` and `sampling` merge key by key) and
 * validates the result with {@linkcode validateInstructConfig}.
 *
 * @param overrides The fields to change; an unknown key is an error.
 * @param options The base to start from.
 * @returns A new, validated config.
 * @throws {TypeError} On an unknown key or a value of the wrong type.
 * @throws {RangeError} On a value out of range.
 *
 * @example Switch the difficulty filter off (an ablation)
 * ```ts
 * import { resolveInstructConfig } from "./resolve_instruct_config.ts";
 * const cfg = resolveInstructConfig({ filters: { difficulty: false } });
 * if (cfg.filters.difficulty || !cfg.filters.rougeL) throw new Error("wrong merge");
 * ```
 */
export function resolveInstructConfig(
  overrides: InstructOverrides,
  options?: ResolveInstructConfigOptions,
): InstructConfig {
  const { base = INSTRUCT_DEFAULTS } = options ?? {};
  checkKeys("instruct", overrides, Object.keys(base));
  checkKeys("instruct.filters", overrides.filters ?? {}, Object.keys(base.filters));
  checkKeys("instruct.sampling", overrides.sampling ?? {}, Object.keys(base.sampling));
  return validateInstructConfig({
    ...base,
    ...overrides,
    filters: { ...base.filters, ...overrides.filters },
    sampling: { ...base.sampling, ...overrides.sampling },
  } as InstructConfig);
}

/**
 * Checks every field of a config (for example one read back from a run's `config.json`).
 *
 * @param config The config to check.
 * @returns The same config.
 * @throws {TypeError} On a missing or unknown key or a value of the wrong type.
 * @throws {RangeError} On a value out of range.
 *
 * @example
 * ```ts
 * import { INSTRUCT_DEFAULTS } from "./config.ts";
 * import { validateInstructConfig } from "./resolve_instruct_config.ts";
 * let threw = false;
 * try {
 *   validateInstructConfig({ ...INSTRUCT_DEFAULTS, rougeThreshold: 1.5 });
 * } catch (e) {
 *   threw = e instanceof RangeError;
 * }
 * if (!threw) throw new Error("accepted a threshold above 1");
 * ```
 */
export function validateInstructConfig(config: InstructConfig): InstructConfig {
  const keys = Object.keys(INSTRUCT_DEFAULTS);
  checkKeys("instruct", config, keys, true);
  checkKeys("instruct.filters", config.filters, Object.keys(INSTRUCT_DEFAULTS.filters), true);
  checkKeys("instruct.sampling", config.sampling, Object.keys(INSTRUCT_DEFAULTS.sampling), true);
  checkInteger("fewShotCount", config.fewShotCount, 1);
  checkOneOf("fewShotMix", config.fewShotMix, ["paper", "officialCode"]);
  checkInteger("promptsPerRound", config.promptsPerRound, 1);
  checkOneOf("capitalize", config.capitalize, ["firstChar", "python", "none"]);
  for (const [name, on] of Object.entries(config.filters)) {
    if (typeof on !== "boolean") {
      throw new TypeError(`Cannot use instruct.filters.${name}: expected a boolean, got ${on}`);
    }
  }
  const { temperature, topP, maxNewTokens, presencePenalty } = config.sampling;
  checkNumber("sampling.temperature", temperature, 0, Infinity);
  checkNumber("sampling.topP", topP, Number.MIN_VALUE, 1);
  checkInteger("sampling.maxNewTokens", maxNewTokens, 1);
  checkNumber("sampling.presencePenalty", presencePenalty, -Infinity, Infinity);
  checkInteger("minWords", config.minWords, 0);
  checkInteger("maxWords", config.maxWords, config.minWords);
  if (!Array.isArray(config.blacklist)) {
    throw new TypeError(`Cannot use instruct.blacklist: expected an array of strings`);
  }
  for (const word of config.blacklist) {
    if (typeof word !== "string" || word.trim() === "") {
      throw new TypeError(`Cannot use instruct.blacklist: entries must be non-blank strings`);
    }
  }
  checkNumber("rougeThreshold", config.rougeThreshold, 0, 1);
  const bounds = config.difficultyBounds;
  if (!Array.isArray(bounds) || bounds.length !== 2) {
    throw new TypeError(`Cannot use instruct.difficultyBounds: expected [low, high]`);
  }
  checkNumber("difficultyBounds[0]", bounds[0], 0, 1);
  checkNumber("difficultyBounds[1]", bounds[1], bounds[0], 1);
  return config;
}

function checkKeys(where: string, obj: object, allowed: string[], complete = false): void {
  if (typeof obj !== "object" || obj === null) {
    throw new TypeError(`Cannot use ${where}: expected an object, got ${obj}`);
  }
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) {
      throw new TypeError(`Cannot use ${where}: unknown key "${key}"`);
    }
  }
  if (complete) {
    for (const key of allowed) {
      if (!(key in obj)) throw new TypeError(`Cannot use ${where}: missing key "${key}"`);
    }
  }
}

function checkNumber(name: string, value: unknown, min: number, max: number): void {
  if (typeof value !== "number" || Number.isNaN(value)) {
    throw new TypeError(`Cannot use instruct.${name}: expected a number, got ${value}`);
  }
  if (!(value >= min && value <= max)) {
    throw new RangeError(
      `Cannot use instruct.${name}: must be in [${min}, ${max}]: current value is ${value}`,
    );
  }
}

function checkInteger(name: string, value: unknown, min: number): void {
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw new TypeError(`Cannot use instruct.${name}: expected an integer, got ${value}`);
  }
  if (value < min) {
    throw new RangeError(
      `Cannot use instruct.${name}: must be >= ${min}: current value is ${value}`,
    );
  }
}

function checkOneOf(name: string, value: unknown, allowed: readonly string[]): void {
  if (typeof value !== "string" || !allowed.includes(value)) {
    throw new TypeError(
      `Cannot use instruct.${name}: expected one of ${allowed.join(", ")}, got ${value}`,
    );
  }
}
