/**
 * The problem streams of the baselines, as pure functions of a cursor (so a resumed run
 * draws exactly what an uninterrupted one does):
 *
 * - a fixed list (the seeds of `maj_on_seeds`, a labelled JSONL of `rl_gt`), cycled in a
 *   fresh shuffle each epoch;
 * - the tiny-math world (`rl_gt` with `data.labelled = "world"`), an endless labelled
 *   stream that skips the evaluation problems.
 *
 * @module
 */
import { deriveSeed, randomSeeded, shuffled } from "../random.ts";
import { generateWorldProblems } from "../world/generate_world_problem.ts";
import { normalizeWorldText } from "../world/solve_world_problem.ts";

/** A problem to roll out, with its label when it has one. */
export interface StreamProblem {
  /** The question. */
  question: string;
  /** The gold answer (`null`: unlabelled). */
  answer: string | null;
}

/** A batch drawn from a stream, and where the stream continues. */
export interface StreamBatch {
  /** The problems, in stream order. */
  problems: StreamProblem[];
  /** The cursor after them. */
  cursor: number;
}

/**
 * Draws `count` problems from a list starting at `cursor`: position `c` is item
 * `order_e[c mod n]` of epoch `e = floor(c / n)`, where `order_e` is a shuffle seeded by
 * `(seed, "epoch", e)`.
 *
 * @param problems The list (not empty).
 * @param cursor Problems drawn so far.
 * @param count How many to draw.
 * @param seed The stream's seed.
 * @returns The batch and the next cursor.
 * @throws {RangeError} On an empty list or a negative cursor or count.
 *
 * @example Every problem once per epoch
 * ```ts
 * import { listStreamBatch } from "./problem_stream.ts";
 * const list = ["a", "b", "c"].map((question) => ({ question, answer: null }));
 * const { problems, cursor } = listStreamBatch(list, 0, 3, 1);
 * if (problems.map((p) => p.question).sort().join() !== "a,b,c" || cursor !== 3) throw new Error();
 * ```
 */
export function listStreamBatch(
  problems: readonly StreamProblem[],
  cursor: number,
  count: number,
  seed: number,
): StreamBatch {
  const n = problems.length;
  if (n === 0) throw new RangeError("Cannot draw problems: the list is empty");
  if (!Number.isSafeInteger(cursor) || cursor < 0 || !Number.isSafeInteger(count) || count < 0) {
    throw new RangeError(`Cannot draw problems: cursor ${cursor} and count ${count} must be >= 0`);
  }
  const orders = new Map<number, number[]>();
  const out: StreamProblem[] = [];
  for (let c = cursor; c < cursor + count; c++) {
    const epoch = Math.floor(c / n);
    let order = orders.get(epoch);
    if (order === undefined) {
      const indices = Array.from({ length: n }, (_, i) => i);
      order = shuffled(indices, randomSeeded(deriveSeed(seed, "epoch", epoch)));
      orders.set(epoch, order);
    }
    out.push(problems[order[c % n]!]!);
  }
  return { problems: out, cursor: cursor + count };
}

/** Options for {@linkcode worldStreamBatch}. */
export interface WorldStreamOptions {
  /** Problem texts never drawn (the evaluation sets), compared after whitespace collapse, case-insensitively. @default new Set() */
  exclude?: ReadonlySet<string>;
}

/**
 * Draws `count` labelled tiny-math problems from the world stream: problem `i` is
 * `generateWorldProblems` problem `i` of `seed`; problems in `exclude` are skipped (the
 * cursor moves past them).
 *
 * @param cursor Stream position.
 * @param count How many to draw.
 * @param seed The stream's seed.
 * @param options The texts to skip.
 * @returns The batch and the next cursor.
 *
 * @example
 * ```ts
 * import { worldStreamBatch } from "./problem_stream.ts";
 * const a = worldStreamBatch(0, 4, 7);
 * const b = worldStreamBatch(2, 2, 7);
 * if (a.problems[2]!.question !== b.problems[0]!.question || a.cursor !== 4) throw new Error();
 * ```
 */
export function worldStreamBatch(
  cursor: number,
  count: number,
  seed: number,
  options?: WorldStreamOptions,
): StreamBatch {
  const { exclude = new Set<string>() } = options ?? {};
  const out: StreamProblem[] = [];
  let c = cursor;
  while (out.length < count) {
    const [p] = generateWorldProblems(1, { seed, start: c++ });
    if (exclude.has(normalizeWorldText(p!.problem).toLowerCase())) continue;
    out.push({ question: p!.problem, answer: p!.answer });
  }
  return { problems: out, cursor: c };
}

/**
 * The key `worldStreamBatch` compares `exclude` entries with.
 *
 * @example
 * ```ts
 * import { streamExclusionKey } from "./problem_stream.ts";
 * if (streamExclusionKey(" What is  2 + 2?") !== "what is 2 + 2?") throw new Error();
 * ```
 */
export function streamExclusionKey(problem: string): string {
  return normalizeWorldText(problem).toLowerCase();
}
