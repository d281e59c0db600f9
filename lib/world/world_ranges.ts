/**
 * The difficulty knobs of the tiny-math world: the number ranges each level draws from.
 *
 * The templates never change with the ranges, so an out-of-distribution set is the same
 * world with larger numbers ({@linkcode OOD_WORLD_RANGES}).
 *
 * @module
 */

/** An inclusive integer range `[min, max]`. */
export type WorldRange = readonly [min: number, max: number];

/** Number ranges per level; every range is inclusive. */
export interface WorldRanges {
  /** Level 1: both operands of a sum or difference. @default [10, 99] */
  readonly level1: WorldRange;
  /** Level 2: the first factor of a product, and the quotient of a division. @default [2, 12] */
  readonly level2Factor: WorldRange;
  /** Level 2: the second factor of a product, and the divisor. @default [2, 9] */
  readonly level2Small: WorldRange;
  /** Level 3: the three terms of an expression. @default [2, 12] */
  readonly level3Term: WorldRange;
  /** Level 4: counts of objects in word problems. @default [2, 40] */
  readonly level4Count: WorldRange;
  /** Level 4: group sizes and numbers of groups. @default [2, 9] */
  readonly level4Group: WorldRange;
  /** Level 5: the coefficient of x, and `k` in "p/q of n" where `n = q * k`. @default [2, 9] */
  readonly level5Coefficient: WorldRange;
  /** Level 5: the solution x of a linear equation. @default [-5, 12] */
  readonly level5Root: WorldRange;
  /** Level 5: the constant term of a linear equation. @default [1, 30] */
  readonly level5Constant: WorldRange;
  /** Level 5: fraction denominators. @default [2, 9] */
  readonly level5Denominator: WorldRange;
}

/**
 * The in-distribution ranges: the seed set, the eval set and pretraining use these.
 *
 * @example
 * ```ts
 * import { DEFAULT_WORLD_RANGES } from "./world_ranges.ts";
 * if (DEFAULT_WORLD_RANGES.level1.join() !== "10,99") throw new Error("level 1 is 2-digit");
 * ```
 */
export const DEFAULT_WORLD_RANGES: WorldRanges = Object.freeze<WorldRanges>({
  level1: [10, 99],
  level2Factor: [2, 12],
  level2Small: [2, 9],
  level3Term: [2, 12],
  level4Count: [2, 40],
  level4Group: [2, 9],
  level5Coefficient: [2, 9],
  level5Root: [-5, 12],
  level5Constant: [1, 30],
  level5Denominator: [2, 9],
});

/**
 * Out-of-distribution ranges: the same templates, every range above the default one.
 *
 * @example
 * ```ts
 * import { DEFAULT_WORLD_RANGES, OOD_WORLD_RANGES } from "./world_ranges.ts";
 * if (!(OOD_WORLD_RANGES.level1[0] > DEFAULT_WORLD_RANGES.level1[1])) throw new Error();
 * ```
 */
export const OOD_WORLD_RANGES: WorldRanges = Object.freeze<WorldRanges>({
  level1: [100, 999],
  level2Factor: [13, 99],
  level2Small: [10, 19],
  level3Term: [13, 30],
  level4Count: [41, 200],
  level4Group: [10, 19],
  level5Coefficient: [10, 19],
  level5Root: [13, 40],
  level5Constant: [31, 200],
  level5Denominator: [10, 19],
});

/** The smallest allowed minimum of each range (below it some problems are undefined). */
const RANGE_FLOORS: Readonly<Record<keyof WorldRanges, number>> = {
  level1: 0,
  level2Factor: 0,
  level2Small: 1,
  level3Term: 0,
  level4Count: 0,
  level4Group: 1,
  level5Coefficient: 1,
  level5Root: -1e6,
  level5Constant: 0,
  level5Denominator: 2,
};

/** Numbers stay below this so every sampled product is a safe integer. */
const RANGE_CEILING = 1e6;

/**
 * Fills unset ranges from {@linkcode DEFAULT_WORLD_RANGES} and validates every range.
 *
 * @param ranges Ranges to override.
 * @returns A complete, validated set of ranges.
 * @throws {TypeError} If a range name is unknown.
 * @throws {RangeError} If a range is not integers, is empty, or leaves its allowed bounds
 * (for example a denominator below 2, a divisor below 1, any bound above 1e6).
 *
 * @example Override one knob
 * ```ts
 * import { resolveWorldRanges } from "./world_ranges.ts";
 * const r = resolveWorldRanges({ level1: [100, 999] });
 * if (r.level1[0] !== 100 || r.level2Small[1] !== 9) throw new Error("not merged");
 * ```
 */
export function resolveWorldRanges(ranges: Partial<WorldRanges> = {}): WorldRanges {
  for (const key of Object.keys(ranges)) {
    if (!(key in DEFAULT_WORLD_RANGES)) {
      throw new TypeError(`Cannot use world range ${key}: unknown range name`);
    }
  }
  const out = { ...DEFAULT_WORLD_RANGES, ...ranges };
  for (const key of Object.keys(DEFAULT_WORLD_RANGES) as (keyof WorldRanges)[]) {
    const range = out[key];
    const [min, max] = range;
    if (!Number.isInteger(min) || !Number.isInteger(max) || min > max) {
      throw new RangeError(
        `Cannot use world range ${key}: expected integers with min <= max, got [${range}]`,
      );
    }
    if (min < RANGE_FLOORS[key] || Math.max(-min, max) > RANGE_CEILING) {
      throw new RangeError(
        `Cannot use world range ${key}: bounds must lie in [${RANGE_FLOORS[key]}, ` +
          `${RANGE_CEILING}], got [${range}]`,
      );
    }
  }
  return out;
}
