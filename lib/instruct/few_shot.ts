/**
 * Choosing the few-shot examples of a generation prompt (spec section 2, "Few-shot mix").
 *
 * @module
 */
import type { Prng } from "../random.ts";
import { shuffled } from "../random.ts";
import type { FewShotMix } from "./config.ts";

/** Where few-shot examples come from. */
export interface FewShotSources {
  /** The seed instructions (the small human-written set a run starts from). */
  seeds: readonly string[];
  /** The kept pool: generated instructions that passed the difficulty filter. */
  kept: readonly string[];
}

/** One few-shot example and where it came from. */
export interface FewShotExample {
  /** The instruction text as stored (formatting happens when the prompt is rendered). */
  text: string;
  /** `"seed"` or `"generated"` (from the kept pool). */
  source: "seed" | "generated";
}

/** Options for {@linkcode sampleFewShot}. */
export interface SampleFewShotOptions {
  /** Number of examples. @default 8 */
  count?: number;
  /** Generated-versus-seed split. @default "paper" */
  mix?: FewShotMix;
}

/**
 * How many of `count` examples a mix wants from the kept pool before capping by the pool's
 * size: `"paper"` 3/4 (rounded; 6 of 8), `"officialCode"` 2.
 *
 * @example
 * ```ts
 * import { fewShotGeneratedTarget } from "./few_shot.ts";
 * if (fewShotGeneratedTarget("paper", 8) !== 6) throw new Error("paper");
 * if (fewShotGeneratedTarget("officialCode", 8) !== 2) throw new Error("officialCode");
 * ```
 */
export function fewShotGeneratedTarget(mix: FewShotMix, count: number): number {
  switch (mix) {
    case "paper":
      return Math.round(0.75 * count);
    case "officialCode":
      return Math.min(2, count);
    default:
      throw new TypeError(`Cannot mix few-shot examples: unknown mix "${mix satisfies never}"`);
  }
}

/**
 * Draws the few-shot examples: `min(target, |kept|)` from the kept pool and the rest from
 * the seeds, each without replacement, then shuffles them together. All draws come from
 * `prng`, so a derived seed gives the same examples on a resumed run.
 *
 * @param sources The seed instructions and the kept pool.
 * @param prng The step's random stream.
 * @param options Count and mix.
 * @returns `count` examples in prompt order.
 * @throws {RangeError} If `count` is not a positive integer, or there are too few seeds to
 * fill the examples the kept pool cannot.
 *
 * @example With an empty kept pool every example is a seed
 * ```ts
 * import { sampleFewShot } from "./few_shot.ts";
 * import { randomSeeded } from "../random.ts";
 * const seeds = Array.from({ length: 20 }, (_, i) => `Seed problem ${i}`);
 * const got = sampleFewShot({ seeds, kept: [] }, randomSeeded(1));
 * if (got.length !== 8 || got.some((e) => e.source !== "seed")) throw new Error("wrong mix");
 * ```
 */
export function sampleFewShot(
  sources: FewShotSources,
  prng: Prng,
  options?: SampleFewShotOptions,
): FewShotExample[] {
  const { count = 8, mix = "paper" } = options ?? {};
  if (!Number.isInteger(count) || count < 1) {
    throw new RangeError(
      `Cannot sample few-shot examples: count must be a positive integer: current value is ${count}`,
    );
  }
  const generated = Math.min(fewShotGeneratedTarget(mix, count), sources.kept.length);
  const fromSeeds = count - generated;
  if (sources.seeds.length < fromSeeds) {
    throw new RangeError(
      `Cannot sample few-shot examples: expected at least ${fromSeeds} seed instructions, got ${sources.seeds.length}`,
    );
  }
  const examples: FewShotExample[] = [
    ...sampleDistinct(sources.kept, generated, prng).map((text) => ({
      text,
      source: "generated" as const,
    })),
    ...sampleDistinct(sources.seeds, fromSeeds, prng).map((text) => ({
      text,
      source: "seed" as const,
    })),
  ];
  return shuffled(examples, prng);
}

/** `k` items at distinct positions, uniformly (a partial Fisher-Yates over positions). */
function sampleDistinct<T>(items: readonly T[], k: number, prng: Prng): T[] {
  const pos = Array.from(items.keys());
  const out: T[] = [];
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(prng() * (pos.length - i));
    const tmp = pos[i];
    pos[i] = pos[j];
    pos[j] = tmp;
    out.push(items[pos[i]]);
  }
  return out;
}
