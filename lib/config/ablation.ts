/**
 * Ablations as data: an experiment to start from, and either one override (run beside an
 * unchanged control) or named variants (a sweep).
 *
 * @module
 */
import type { ExperimentOverrides } from "./experiment.ts";

/** What an `ablations/<name>.ts` file exports by default. */
export interface Ablation {
  /** The experiment the variants start from (a file of `experiments/`). */
  base: string;
  /** One change; the ablation runs `control` (the base unchanged) and `ablated`. */
  override?: ExperimentOverrides;
  /** Named variants (a sweep), each an override of the base. */
  variants?: Record<string, ExperimentOverrides>;
  /** What the ablation shows, and what the paper reports. */
  note: string;
}

/** One run of an ablation. */
export interface AblationVariant {
  /** The variant's name (its run folder `runs/<ablation>/<variant>/`). */
  name: string;
  /** Its overrides over the base experiment. */
  overrides: ExperimentOverrides;
}

/**
 * The runs of an ablation, in order.
 *
 * @param ablation The ablation.
 * @returns `control` and `ablated` for an `override`; the variants otherwise.
 * @throws {TypeError} Unless exactly one of `override` and `variants` is given, or on a
 * variant name that is not a plain folder name.
 *
 * @example
 * ```ts
 * import { ablationVariants } from "./ablation.ts";
 * const runs = ablationVariants({ base: "main", note: "", override: { rl: { klCoef: 0 } } });
 * if (runs.map((r) => r.name).join() !== "control,ablated") throw new Error();
 * ```
 */
export function ablationVariants(ablation: Ablation): AblationVariant[] {
  const { override, variants } = ablation;
  if ((override === undefined) === (variants === undefined)) {
    throw new TypeError(
      `Cannot read ablation of "${ablation.base}": give exactly one of override and variants`,
    );
  }
  if (override !== undefined) {
    return [{ name: "control", overrides: {} }, { name: "ablated", overrides: override }];
  }
  const out = Object.entries(variants!).map(([name, overrides]) => ({ name, overrides }));
  if (out.length === 0) throw new TypeError("Cannot read ablation: variants is empty");
  for (const { name } of out) {
    if (!/^[A-Za-z0-9_.-]+$/.test(name)) {
      throw new TypeError(`Cannot read ablation: variant name "${name}" is not a folder name`);
    }
  }
  return out;
}
