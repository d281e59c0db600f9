/**
 * The rule filters of self-instruction (spec section 2), each a pure function from one
 * normalized instruction (see `normalizeInstruction`) to a verdict that names the rule when
 * it rejects.
 *
 * @module
 */
import { INSTRUCTION_BLACKLIST } from "./config.ts";
import type { FilterVerdict } from "./filter_report.ts";

const KEEP: FilterVerdict = Object.freeze({ keep: true });
const ASCII_PUNCTUATION = new Set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~");

/**
 * Rejects a blank instruction (`reason: "empty"`).
 *
 * @example
 * ```ts
 * import { emptyRule } from "./rule_filters.ts";
 * if (emptyRule(" ").keep || !emptyRule("x").keep) throw new Error("wrong verdict");
 * ```
 */
export function emptyRule(text: string): FilterVerdict {
  return text.trim() === "" ? { keep: false, reason: "empty" } : KEEP;
}

/** Options for {@linkcode wordCountRule}. */
export interface WordCountRuleOptions {
  /** Fewest whitespace-separated words allowed. @default 4 */
  minWords?: number;
  /** Most whitespace-separated words allowed. @default 150 */
  maxWords?: number;
}

/**
 * Rejects an instruction whose count of whitespace-separated words is outside
 * `[minWords, maxWords]` (`reason: "wordCount"`).
 *
 * @example
 * ```ts
 * import { wordCountRule } from "./rule_filters.ts";
 * if (wordCountRule("What is 2+2?").keep) throw new Error("3 words kept");
 * if (!wordCountRule("What is 2 + 2?").keep) throw new Error("5 words rejected");
 * ```
 */
export function wordCountRule(text: string, options?: WordCountRuleOptions): FilterVerdict {
  const { minWords = 4, maxWords = 150 } = options ?? {};
  const words = text.match(/\S+/g)?.length ?? 0;
  return words < minWords || words > maxWords ? { keep: false, reason: "wordCount" } : KEEP;
}

/** Options for {@linkcode blacklistRule}. */
export interface BlacklistRuleOptions {
  /** Words and phrases to reject. @default INSTRUCTION_BLACKLIST */
  words?: readonly string[];
}

/**
 * Rejects an instruction that contains a blacklisted word or phrase as a whole word,
 * case-insensitively (`reason: "blacklist"`). "Whole word" means no letter, digit or `_`
 * (Unicode, like Python's `\w`) directly before or after, which is Python's `\b` for
 * entries that start and end with a word character, as all default ones do; the words of a
 * phrase match across any run of whitespace ("go  to").
 *
 * @example
 * ```ts
 * import { blacklistRule } from "./rule_filters.ts";
 * if (blacklistRule("Draw the MAPS of two towns.").keep) throw new Error("maps kept");
 * if (!blacklistRule("A mapsome is a made-up word.").keep) throw new Error("mapsome rejected");
 * ```
 */
export function blacklistRule(text: string, options?: BlacklistRuleOptions): FilterVerdict {
  const { words = INSTRUCTION_BLACKLIST } = options ?? {};
  return blacklistPattern(words).test(text) ? { keep: false, reason: "blacklist" } : KEEP;
}

/**
 * Rejects an instruction that starts with "Write a program", case-sensitively as in the
 * spec (`reason: "writeProgram"`).
 *
 * @example
 * ```ts
 * import { writeProgramRule } from "./rule_filters.ts";
 * if (writeProgramRule("Write a program that adds two numbers.").keep) throw new Error("kept");
 * ```
 */
export function writeProgramRule(text: string): FilterVerdict {
  return text.startsWith("Write a program") ? { keep: false, reason: "writeProgram" } : KEEP;
}

/**
 * Rejects an instruction whose first character is ASCII punctuation (Python's
 * `string.punctuation`) or not ASCII (`reason: "leadingChar"`). An empty text passes (the
 * empty rule is the one that rejects it).
 *
 * @example
 * ```ts
 * import { leadingCharRule } from "./rule_filters.ts";
 * if (leadingCharRule("$x + 1 = 3$, find x.").keep) throw new Error("kept a leading $");
 * if (leadingCharRule("¿Cuánto es 2 + 2?").keep) throw new Error("kept a non-ASCII start");
 * if (!leadingCharRule("3 apples cost $6; what does one cost?").keep) throw new Error("digit");
 * ```
 */
export function leadingCharRule(text: string): FilterVerdict {
  if (text === "") return KEEP;
  const first = text.charCodeAt(0);
  return first > 0x7f || ASCII_PUNCTUATION.has(text[0]!)
    ? { keep: false, reason: "leadingChar" }
    : KEEP;
}

const patternCache = new WeakMap<readonly string[], RegExp>();

function blacklistPattern(words: readonly string[]): RegExp {
  let pattern = patternCache.get(words);
  if (pattern === undefined) {
    const alternatives = words.map((word) => {
      const parts = word.trim().split(/\s+/);
      if (parts[0] === "") {
        throw new RangeError("Cannot build a blacklist: entries must be non-blank");
      }
      return parts.map(escapeRegExp).join("\\s+");
    });
    const body = alternatives.length === 0 ? "(?!)" : `(?:${alternatives.join("|")})`;
    pattern = new RegExp(`(?<![\\p{L}\\p{N}_])${body}(?![\\p{L}\\p{N}_])`, "iu");
    patternCache.set(words, pattern);
  }
  return pattern;
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&");
}
