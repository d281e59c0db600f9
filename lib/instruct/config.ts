/**
 * The self-instruction settings: one plain, JSON-serializable record that the experiment
 * schema embeds, with every filter switchable off for ablations.
 *
 * @module
 */

/**
 * How the few-shot examples of a generation prompt are split between generated (kept-pool)
 * and seed instructions.
 *
 * - `"paper"`: 3/4 generated (6 of 8), as the paper describes; seed fills any shortfall.
 * - `"officialCode"`: `min(2, |kept|)` generated, the rest seed, as the official code does.
 */
export type FewShotMix = "paper" | "officialCode";

/**
 * How an instruction's case is normalized before the rule filters.
 *
 * - `"firstChar"`: upper-case the first character only (keeps LaTeX intact).
 * - `"python"`: Python's `str.capitalize()`: first character upper, the rest lower-cased
 *   (what the official code does).
 * - `"none"`: leave the case as generated.
 */
export type Capitalization = "firstChar" | "python" | "none";

/** On/off switch for each online filter, in the order they run. */
export interface FilterSwitches {
  /** Drop instructions that are empty after whitespace collapse. @default true */
  empty: boolean;
  /** Drop instructions whose word count is outside `[minWords, maxWords]`. @default true */
  wordCount: boolean;
  /** Drop instructions containing a blacklisted word or phrase. @default true */
  blacklist: boolean;
  /** Drop instructions starting with "Write a program". @default true */
  writeProgram: boolean;
  /** Drop instructions whose first character is ASCII punctuation or non-ASCII. @default true */
  leadingChar: boolean;
  /** Drop instructions too similar (ROUGE-L) to a seed or pending instruction. @default true */
  rougeL: boolean;
  /** Drop rolled-out groups whose mean reward is outside `difficultyBounds`. @default true */
  difficulty: boolean;
}

/** Sampling settings for the instruction-generation completions (spec section 2). */
export interface InstructSampling {
  /** Softmax temperature. @default 0.8 */
  temperature: number;
  /** Nucleus (top-p) mass. @default 0.95 */
  topP: number;
  /** Most tokens per completion. @default 1024 */
  maxNewTokens: number;
  /** Presence penalty (subtracted once from the logit of every token already generated). @default 2 */
  presencePenalty: number;
}

/** Everything the self-instruction stage can be told; see {@linkcode INSTRUCT_DEFAULTS}. */
export interface InstructConfig {
  /** Few-shot examples per generation prompt (the prompt ends at `fewShotCount + 1.`). @default 8 */
  fewShotCount: number;
  /** Generated-versus-seed split of the few-shot examples. @default "paper" */
  fewShotMix: FewShotMix;
  /** Generation prompts sampled per round while the pending pool is short. @default 4 */
  promptsPerRound: number;
  /** Sampling of the generation completions. @default see {@linkcode InstructSampling} */
  sampling: InstructSampling;
  /** Case normalization of generated instructions. @default "firstChar" */
  capitalize: Capitalization;
  /** Which filters run. @default all true */
  filters: FilterSwitches;
  /** Fewest words an instruction may have. @default 4 */
  minWords: number;
  /** Most words an instruction may have. @default 150 */
  maxWords: number;
  /** Whole-word, case-insensitive blacklist; a phrase matches across any whitespace. @default INSTRUCTION_BLACKLIST */
  blacklist: readonly string[];
  /** Reject an instruction whose ROUGE-L F against the pool is above this. @default 0.7 */
  rougeThreshold: number;
  /** Inclusive `[gammaDiff, gammaEasy]` band of mean reward a group must fall in. @default [0.2, 0.8] */
  difficultyBounds: readonly [number, number];
}

/**
 * The blacklist of the spec: words that ask for things a text model cannot see or produce.
 *
 * @example
 * ```ts
 * import { INSTRUCTION_BLACKLIST } from "./config.ts";
 * if (!INSTRUCTION_BLACKLIST.includes("go to")) throw new Error("missing phrase");
 * ```
 */
export const INSTRUCTION_BLACKLIST: readonly string[] = Object.freeze([
  "image",
  "images",
  "graph",
  "graphs",
  "picture",
  "pictures",
  "file",
  "files",
  "map",
  "maps",
  "draw",
  "plot",
  "go to",
]);

/**
 * The defaults: the paper's description (spec sections 2 and 7).
 *
 * @example
 * ```ts
 * import { INSTRUCT_DEFAULTS } from "./config.ts";
 * if (INSTRUCT_DEFAULTS.rougeThreshold !== 0.7) throw new Error("wrong default");
 * ```
 */
export const INSTRUCT_DEFAULTS: InstructConfig = deepFreeze({
  fewShotCount: 8,
  fewShotMix: "paper",
  promptsPerRound: 4,
  sampling: { temperature: 0.8, topP: 0.95, maxNewTokens: 1024, presencePenalty: 2 },
  capitalize: "firstChar",
  filters: {
    empty: true,
    wordCount: true,
    blacklist: true,
    writeProgram: true,
    leadingChar: true,
    rougeL: true,
    difficulty: true,
  },
  minWords: 4,
  maxWords: 150,
  blacklist: INSTRUCTION_BLACKLIST,
  rougeThreshold: 0.7,
  difficultyBounds: [0.2, 0.8],
});

/**
 * The `officialCode` preset's self-instruction part: the defaults with the two switches
 * where the official code differs from the paper (few-shot mix, capitalization).
 *
 * @example
 * ```ts
 * import { INSTRUCT_OFFICIAL_CODE } from "./config.ts";
 * if (INSTRUCT_OFFICIAL_CODE.fewShotMix !== "officialCode") throw new Error("wrong preset");
 * ```
 */
export const INSTRUCT_OFFICIAL_CODE: InstructConfig = deepFreeze({
  ...INSTRUCT_DEFAULTS,
  fewShotMix: "officialCode",
  capitalize: "python",
});

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
