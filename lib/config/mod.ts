/**
 * Experiment configuration: the typed schema ({@linkcode Experiment}) with the paper's
 * defaults, deep-merged overrides where an unknown key is an error naming the closest valid
 * key, `--key=value` flags typed by the defaults, the `officialCode` preset, the scales
 * `smoke` / `small` / `full`, the effective KL placement, and ablations as data.
 *
 * ```ts
 * import { EXPERIMENT_DEFAULTS, OFFICIAL_CODE_PRESET, parseConfigOverrides, resolveExperiment }
 *   from "./mod.ts";
 * const e = resolveExperiment(EXPERIMENT_DEFAULTS, OFFICIAL_CODE_PRESET,
 *   parseConfigOverrides(["--rl.estimator=rloo"]));
 * if (e.vote.tieBreak !== "first" || e.rl.estimator !== "rloo") throw new Error();
 * ```
 *
 * @module
 */
export * from "./experiment.ts";
export * from "./experiment_defaults.ts";
export * from "./closest_key.ts";
export * from "./validate_experiment.ts";
export * from "./resolve_experiment.ts";
export * from "./parse_config_overrides.ts";
export * from "./experiment_presets.ts";
export * from "./kl_placement.ts";
export * from "./ablation.ts";
