/**
 * The supervised corpus the bundled tiny model is pretrained on: tiny-math problems with
 * their worked solutions, in the exact format SeRL's rollouts use (the raw question, a
 * newline, the solution ending in `\boxed{...}`), and numbered problem lists in the
 * self-instruction format (lib/instruct's prompt, continued past `9.`), so the model can
 * both solve problems and write new ones.
 *
 * Solutions come in every style the world can write (see `worldSolution`'s `style`): the
 * same problem is worked out along different paths (`47 + 38 = 47 + 30 + 8 = ...`,
 * `47 + 38 = 47 + 40 - 2 = ...`), so a model's samples of one problem take different paths
 * and their mistakes are less correlated, which is the headroom majority voting needs. The
 * seed and eval files keep the canonical trace (style 0).
 *
 * Example `i` is a pure function of `(seed, i)`: a pretraining run killed at any step
 * resumes on exactly the examples it would have seen. Problems whose normalized text is in
 * `exclude` (the evaluation sets) are never emitted.
 *
 * @module
 */
import { renderGenerationPrompt } from "../instruct/generation_prompt.ts";
import { deriveSeed, randomInt, randomSeeded } from "../random.ts";
import { generateWorldProblem, type WorldProblem } from "../world/generate_world_problem.ts";
import { normalizeWorldText } from "../world/solve_world_problem.ts";
import type { WorldLevel } from "../world/world_kinds.ts";
import type { WorldRanges } from "../world/world_ranges.ts";
import { worldSolution, worldTraceStyles } from "../world/world_solution.ts";

/**
 * One training text: `prompt + completion`. The loss covers the completion (and the
 * end-of-text token the trainer appends): for a solve example the solution given the
 * question, as in an RL rollout; for a list the whole list, so the model learns to write
 * problems.
 */
export interface PretrainExample {
  /** `"solve"`: question, newline, solution; `"list"`: a numbered problem list. */
  kind: "solve" | "list";
  /** Context the loss does not cover (`"question\n"`, or `""` for lists). */
  prompt: string;
  /** The trained part. */
  completion: string;
  /** `prompt + completion`. */
  text: string;
}

/** Options for {@linkcode pretrainExample}. */
export interface PretrainCorpusOptions {
  /**
   * Corpus seed.
   * @default 0
   */
  seed?: number;
  /**
   * Share of examples that are problem lists.
   * @default 0.1
   */
  listFraction?: number;
  /**
   * Problems per list: the 8 prompt examples plus 1 to `maxExtra` continued items.
   * @default 4
   */
  maxExtra?: number;
  /**
   * Normalized problem texts never to emit (see {@linkcode normalizeForExclusion}).
   * @default new Set()
   */
  exclude?: ReadonlySet<string>;
  /**
   * Which solution traces to train on: every style of the problem's kind, one drawn per
   * example (`"mixed"`), or the canonical trace only (`"canonical"`).
   * @default "mixed"
   */
  solutionStyles?: "mixed" | "canonical";
  /**
   * Number ranges of the world.
   * @default the world's defaults
   */
  ranges?: Partial<WorldRanges>;
}

const LEVELS: readonly WorldLevel[] = [1, 2, 3, 4, 5];

/**
 * The key the corpus excludes by: whitespace collapsed and lower-cased.
 *
 * @example
 * ```ts
 * import { normalizeForExclusion } from "./pretrain_corpus.ts";
 * if (normalizeForExclusion(" What is  2 + 3? ") !== "what is 2 + 3?") throw new Error("wrong key");
 * ```
 */
export function normalizeForExclusion(problem: string): string {
  return normalizeWorldText(problem).toLowerCase();
}

/**
 * Example `index` of the corpus.
 *
 * @example Solve examples are question, newline, boxed solution
 * ```ts
 * import { pretrainExample } from "./pretrain_corpus.ts";
 * const ex = pretrainExample(0, { seed: 1, listFraction: 0 });
 * if (ex.kind !== "solve" || !/\n.*\\boxed\{.+\}$/.test(ex.text)) throw new Error(ex.text);
 * ```
 */
export function pretrainExample(
  index: number,
  options: PretrainCorpusOptions = {},
): PretrainExample {
  const {
    seed = 0,
    listFraction = 0.1,
    maxExtra = 4,
    exclude = new Set<string>(),
    solutionStyles = "mixed",
    ranges = {},
  } = options;
  const prng = randomSeeded(deriveSeed(seed, "pretrain", index));
  const draw = (): WorldProblem => {
    for (let attempt = 0; attempt < 1000; attempt++) {
      const level = LEVELS[randomInt(prng, 0, LEVELS.length)]!;
      const p = generateWorldProblem(prng, { level, ranges });
      if (!exclude.has(normalizeForExclusion(p.problem))) return p;
    }
    throw new RangeError("Cannot draw a pretraining problem: the exclusion set covers the world");
  };
  if (prng() >= listFraction) {
    const p = draw();
    const style = solutionStyles === "mixed" ? randomInt(prng, 0, worldTraceStyles(p.kind)) : 0;
    const solution = worldSolution(p, { style });
    const prompt = `${p.problem}\n`;
    return { kind: "solve", prompt, completion: solution, text: prompt + solution };
  }
  const problems = Array.from(
    { length: 8 + randomInt(prng, 1, maxExtra + 1) },
    () => draw().problem,
  );
  // The prompt ends with "9." and the model continues " q9\n10. q10 ...", as at generation time.
  const prompt = renderGenerationPrompt(problems.slice(0, 8)).text;
  const continuation = problems.slice(8).map((q, i) => (i === 0 ? ` ${q}` : `\n${9 + i}. ${q}`))
    .join("");
  const text = prompt + continuation;
  return { kind: "list", prompt: "", completion: text, text };
}
