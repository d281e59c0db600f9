/**
 * The data files of the commands: `experiments/<name>.ts` (an `ExperimentOverrides`) and
 * `ablations/<name>.ts` (an `Ablation`), loaded by name, and the resolution order of a
 * run's config: defaults, experiment file, scale, then (ablation variant and) flags.
 *
 * These read the repository's own `experiments/` and `ablations/` folders (used by the CLI,
 * the report and the notebooks of a clone); they are not exported from `mod.ts`, since the
 * published package does not carry those folders.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import type { Ablation } from "../config/ablation.ts";
import type { Experiment, ExperimentOverrides } from "../config/experiment.ts";
import { EXPERIMENT_DEFAULTS } from "../config/experiment_defaults.ts";
import { experimentScale } from "../config/experiment_presets.ts";
import { resolveExperiment } from "../config/resolve_experiment.ts";

const ROOT = new URL("../../", import.meta.url);

/** The names of the `.ts` files of a data folder (`experiments` or `ablations`), sorted. */
export function dataFileNames(folder: "experiments" | "ablations"): string[] {
  const names: string[] = [];
  for (const e of Deno.readDirSync(fileURLToPath(new URL(`${folder}/`, ROOT)))) {
    if (e.isFile && e.name.endsWith(".ts")) names.push(e.name.slice(0, -3));
  }
  return names.sort();
}

async function loadDataFile(folder: "experiments" | "ablations", name: string): Promise<unknown> {
  const names = dataFileNames(folder);
  if (!/^[a-z0-9_]+$/.test(name) || !names.includes(name)) {
    throw new TypeError(
      `Unknown ${folder.slice(0, -1)} "${name}": expected one of ${names.join(", ")}`,
    );
  }
  const module = await import(new URL(`${folder}/${name}.ts`, ROOT).href);
  if (typeof module.default !== "object" || module.default === null) {
    throw new TypeError(`${folder}/${name}.ts has no default export object`);
  }
  return module.default;
}

/** The overrides of `experiments/<name>.ts`. */
export async function loadExperimentFile(name: string): Promise<ExperimentOverrides> {
  return await loadDataFile("experiments", name) as ExperimentOverrides;
}

/** The ablation of `ablations/<name>.ts`. */
export async function loadAblationFile(name: string): Promise<Ablation> {
  return await loadDataFile("ablations", name) as Ablation;
}

/**
 * Resolves a named experiment: defaults, the file, the scale, then further overrides
 * (ablation variant, presets, flags), in that order.
 */
export async function resolveNamedExperiment(
  name: string,
  scale: string,
  ...overrides: ExperimentOverrides[]
): Promise<Experiment> {
  const file = await loadExperimentFile(name);
  return resolveExperiment(EXPERIMENT_DEFAULTS, file, experimentScale(scale), ...overrides);
}
