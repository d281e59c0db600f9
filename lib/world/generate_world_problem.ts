/**
 * The problem generator of the tiny-math world: deterministic for a given {@linkcode Prng}.
 *
 * @module
 */
import { deriveSeed, type Prng, randomInt, randomSeeded } from "../random.ts";
import { formatRational } from "./rational.ts";
import { drawItem } from "./_draw.ts";
import {
  WORLD_KINDS,
  WORLD_KINDS_BY_LEVEL,
  type WorldKind,
  type WorldLevel,
} from "./world_kinds.ts";
import { resolveWorldRanges, type WorldRanges } from "./world_ranges.ts";
import { worldSolution } from "./world_solution.ts";
import { renderWorldTemplate, type WorldSlots } from "./world_template.ts";

/** One problem as the seed and eval files store it (one JSON object a line). */
export interface WorldRecord {
  /** The problem text (plain ASCII, one line). */
  readonly problem: string;
  /** The canonical answer: an integer (`-7`) or a reduced fraction (`3/4`). */
  readonly answer: string;
  /** A short worked solution ending in `\boxed{answer}`. */
  readonly solution: string;
  /** The difficulty level, 1 to 5. */
  readonly level: WorldLevel;
}

/** A generated problem: the record, plus the kind, template and slots it was made from. */
export interface WorldProblem extends WorldRecord {
  /** The kind of problem. */
  readonly kind: WorldKind;
  /** Index into `WORLD_KINDS[kind].templates`. */
  readonly template: number;
  /** Every slot value the kind's sampler drew (a template may use only some). */
  readonly slots: WorldSlots;
}

/** Options for {@linkcode generateWorldProblem}. */
export interface GenerateWorldProblemOptions {
  /** The level to draw from. @default a uniformly drawn level (or the kind's level) */
  level?: WorldLevel;
  /** The kind to draw. @default a uniformly drawn kind of the level */
  kind?: WorldKind;
  /** Number ranges; unset ones come from DEFAULT_WORLD_RANGES. @default {} */
  ranges?: Partial<WorldRanges>;
}

const LEVELS: readonly WorldLevel[] = [1, 2, 3, 4, 5];

/**
 * Draws one problem: a kind of the level, one of its templates, numbers within the ranges,
 * the exact answer and the worked solution. The same `prng` state gives the same problem.
 *
 * @param prng The source of randomness (for example `randomSeeded(seed)`).
 * @param options Level, kind and number ranges.
 * @returns The problem.
 * @throws {RangeError} If `kind` is not of `level`, or the ranges are invalid.
 *
 * @example A level-1 problem
 * ```ts
 * import { randomSeeded } from "../random.ts";
 * import { generateWorldProblem } from "./generate_world_problem.ts";
 * const p = generateWorldProblem(randomSeeded(1), { level: 1 });
 * if (p.level !== 1 || !p.solution.endsWith(`\\boxed{${p.answer}}`)) throw new Error();
 * ```
 */
export function generateWorldProblem(
  prng: Prng,
  options?: GenerateWorldProblemOptions,
): WorldProblem {
  const { level, kind, ranges = {} } = options ?? {};
  const resolved = resolveWorldRanges(ranges);
  if (kind !== undefined && level !== undefined && WORLD_KINDS[kind].level !== level) {
    throw new RangeError(
      `Cannot generate a ${kind} problem at level ${level}: ${kind} is level ` +
        `${WORLD_KINDS[kind].level}`,
    );
  }
  const chosen = kind ?? drawItem(prng, WORLD_KINDS_BY_LEVEL[level ?? drawItem(prng, LEVELS)]);
  const def = WORLD_KINDS[chosen];
  const template = randomInt(prng, 0, def.templates.length);
  const { slots, answer } = def.sample(prng, resolved);
  return {
    problem: renderWorldTemplate(def.templates[template]!, slots),
    answer: formatRational(answer),
    solution: worldSolution({ kind: chosen, slots }),
    level: def.level,
    kind: chosen,
    template,
    slots,
  };
}

/** Options for {@linkcode generateWorldProblems}. */
export interface GenerateWorldProblemsOptions {
  /** The seed; problem `i` draws from `randomSeeded(deriveSeed(seed, "world", i))`. @default 0 */
  seed?: number;
  /** Problem `i` has level `levels[i % levels.length]`. @default [1, 2, 3, 4, 5] */
  levels?: readonly WorldLevel[];
  /** Number ranges; unset ones come from DEFAULT_WORLD_RANGES. @default {} */
  ranges?: Partial<WorldRanges>;
  /** Index of the first problem (to continue a stream). @default 0 */
  start?: number;
}

/**
 * Generates `count` problems, each from its own derived seed, so problem `i` is the same
 * whatever `count` or `start` (a pretraining stream can resume anywhere).
 *
 * @param count How many problems.
 * @param options Seed, level cycle, ranges and start index.
 * @returns The problems, levels cycling through `levels`.
 * @throws {RangeError} If `count` or `start` is not a non-negative integer, or `levels` is
 * empty.
 *
 * @example Reproducible by index
 * ```ts
 * import { generateWorldProblems } from "./generate_world_problem.ts";
 * const all = generateWorldProblems(10, { seed: 3 });
 * const tail = generateWorldProblems(2, { seed: 3, start: 8 });
 * if (tail[1]!.problem !== all[9]!.problem) throw new Error("not reproducible by index");
 * ```
 */
export function generateWorldProblems(
  count: number,
  options?: GenerateWorldProblemsOptions,
): WorldProblem[] {
  const { seed = 0, levels = LEVELS, ranges = {}, start = 0 } = options ?? {};
  for (const [what, n] of [["count", count], ["start", start]] as const) {
    if (!Number.isSafeInteger(n) || n < 0) {
      throw new RangeError(`Cannot generate world problems: ${what} must be >= 0, got ${n}`);
    }
  }
  if (levels.length === 0) {
    throw new RangeError("Cannot generate world problems: levels must not be empty");
  }
  const resolved = resolveWorldRanges(ranges);
  return Array.from({ length: count }, (_, j) => {
    const i = start + j;
    const prng = randomSeeded(deriveSeed(seed, "world", i));
    return generateWorldProblem(prng, { level: levels[i % levels.length]!, ranges: resolved });
  });
}
