/**
 * The three data sets of tiny-math: the seed set a SeRL run starts from, an in-distribution
 * eval set, and an out-of-distribution eval set (same templates, larger numbers).
 *
 * @module
 */
import { deriveSeed, randomSeeded, shuffled } from "../random.ts";
import { generateWorldProblem, type WorldRecord } from "./generate_world_problem.ts";
import type { WorldLevel } from "./world_kinds.ts";
import { OOD_WORLD_RANGES, type WorldRanges } from "./world_ranges.ts";
import { normalizeWorldText } from "./solve_world_problem.ts";

/**
 * The seed that builds the committed files under seeds/tiny-math/.
 *
 * @example
 * ```ts
 * import { WORLD_SEED_SETS_SEED } from "./world_seed_sets.ts";
 * if (WORLD_SEED_SETS_SEED !== 2505) throw new Error("the committed files use seed 2505");
 * ```
 */
export const WORLD_SEED_SETS_SEED = 2505;

/** The three sets, each `perLevel` problems of every level, in shuffled order. */
export interface WorldSeedSets {
  /** The seed instructions (seeds/tiny-math/seed_500.jsonl). */
  readonly seed: WorldRecord[];
  /** In-distribution evaluation (seeds/tiny-math/eval_500.jsonl). */
  readonly eval: WorldRecord[];
  /** Out-of-distribution evaluation (seeds/tiny-math/eval_ood.jsonl). */
  readonly ood: WorldRecord[];
}

/** Options for {@linkcode buildWorldSeedSets}. */
export interface BuildWorldSeedSetsOptions {
  /** The seed every draw derives from. @default WORLD_SEED_SETS_SEED (2505) */
  seed?: number;
  /** Problems of each level in each set. @default 100 */
  perLevel?: number;
  /** The number ranges of the out-of-distribution set. @default OOD_WORLD_RANGES */
  oodRanges?: Partial<WorldRanges>;
}

const LEVELS: readonly WorldLevel[] = [1, 2, 3, 4, 5];

/**
 * Builds the seed, eval and out-of-distribution sets. No problem text (after whitespace
 * and case normalization) appears twice, within a set or across sets; the seed and eval
 * sets use the default ranges. Each set is shuffled so any prefix mixes the levels.
 *
 * Draw `j` of level `l` in set `s` uses `randomSeeded(deriveSeed(seed, "tiny-math", s, l, j))`,
 * so the output depends on the seed alone.
 *
 * @param options Seed, size and out-of-distribution ranges.
 * @returns The three sets.
 * @throws {RangeError} If `perLevel` is not a positive integer, or the ranges are too narrow
 * to give enough distinct problems.
 *
 * @example Small sets
 * ```ts
 * import { buildWorldSeedSets } from "./world_seed_sets.ts";
 * const sets = buildWorldSeedSets({ perLevel: 2 });
 * if (sets.seed.length !== 10 || sets.ood.length !== 10) throw new Error("wrong sizes");
 * const seen = new Set(sets.seed.map((r) => r.problem));
 * if (sets.eval.some((r) => seen.has(r.problem))) throw new Error("not disjoint");
 * ```
 */
export function buildWorldSeedSets(options?: BuildWorldSeedSetsOptions): WorldSeedSets {
  const { seed = WORLD_SEED_SETS_SEED, perLevel = 100, oodRanges = OOD_WORLD_RANGES } = options ??
    {};
  if (!Number.isSafeInteger(perLevel) || perLevel < 1) {
    throw new RangeError(`Cannot build world seed sets: perLevel must be >= 1, got ${perLevel}`);
  }
  const taken = new Set<string>();
  const build = (set: keyof WorldSeedSets, ranges: Partial<WorldRanges>): WorldRecord[] => {
    const records: WorldRecord[] = [];
    for (const level of LEVELS) {
      let kept = 0;
      for (let draw = 0; kept < perLevel; draw++) {
        if (draw >= 100 * perLevel) {
          throw new RangeError(
            `Cannot build world set ${set}: only ${kept} distinct level-${level} problems ` +
              `in ${draw} draws`,
          );
        }
        const prng = randomSeeded(deriveSeed(seed, "tiny-math", set, level, draw));
        const { problem, answer, solution } = generateWorldProblem(prng, { level, ranges });
        const key = normalizeWorldText(problem).toLowerCase();
        if (taken.has(key)) continue;
        taken.add(key);
        records.push({ problem, answer, solution, level });
        kept++;
      }
    }
    return shuffled(records, randomSeeded(deriveSeed(seed, "tiny-math", set, "order")));
  };
  return { seed: build("seed", {}), eval: build("eval", {}), ood: build("ood", oodRanges) };
}
