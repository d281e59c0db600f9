/**
 * A pool of texts pre-tokenized for ROUGE-L against many queries: the hot path of the
 * ROUGE-L filter (every candidate against every seed and pending instruction).
 *
 * Texts become integer token ids once, each query is turned into bit masks once, and each
 * pair then costs one bit-parallel LCS pass. Pairs that cannot reach the score in question
 * are skipped without an LCS: the F-measure (mathematically `2 lcs / (m + n)`) is at most
 * `2 min(m, n) / (m + n)`, so a query of 10 tokens never needs an LCS against a text of 19
 * or more tokens to decide "above 0.7". Every score returned is exact.
 *
 * The index is a derived cache (rebuild it from the texts; it is not meant to be saved).
 *
 * @module
 */
import { bitPatternLcs, prepareBitPattern, releaseBitPattern } from "./_bit_lcs.ts";
import { rougeLFromLcs, rougeTokens } from "./rouge_l.ts";

/** Texts as ROUGE token ids, with the vocabulary that maps tokens to ids. */
export interface RougeIndex {
  /** Token -> id; ids are `0 .. vocab.size - 1`. */
  readonly vocab: Map<string, number>;
  /** The token ids of each indexed text, in the order the texts were added. */
  readonly entries: Int32Array[];
}

/** A score and the position in {@linkcode RougeIndex.entries} it was found at. */
export interface RougeMatch {
  /** ROUGE-L F-measure. */
  score: number;
  /** Index of the entry (-1 when the index is empty). */
  at: number;
}

/**
 * Makes an index of the given texts.
 *
 * @example
 * ```ts
 * import { createRougeIndex } from "./rouge_index.ts";
 * const index = createRougeIndex(["a b c", "c d"]);
 * if (index.entries.length !== 2 || index.vocab.size !== 4) throw new Error("wrong index");
 * ```
 */
export function createRougeIndex(texts: Iterable<string> = []): RougeIndex {
  const index: RougeIndex = { vocab: new Map(), entries: [] };
  for (const text of texts) addToRougeIndex(index, text);
  return index;
}

/**
 * Adds one text to an index, in place.
 *
 * @returns The new entry's position.
 *
 * @example
 * ```ts
 * import { addToRougeIndex, createRougeIndex } from "./rouge_index.ts";
 * const index = createRougeIndex();
 * if (addToRougeIndex(index, "x y") !== 0 || index.entries[0].length !== 2) {
 *   throw new Error("not added");
 * }
 * ```
 */
export function addToRougeIndex(index: RougeIndex, text: string): number {
  const { vocab } = index;
  const tokens = rougeTokens(text);
  const ids = new Int32Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    let id = vocab.get(tokens[i]);
    if (id === undefined) vocab.set(tokens[i], id = vocab.size);
    ids[i] = id;
  }
  index.entries.push(ids);
  return index.entries.length - 1;
}

/**
 * The exact maximum ROUGE-L F-measure of `text` against every indexed text, and where it
 * is (the first such entry). Entries whose length bound cannot beat the best so far are
 * skipped.
 *
 * @example
 * ```ts
 * import { createRougeIndex, maxRougeL } from "./rouge_index.ts";
 * const index = createRougeIndex(["what is two plus two", "name a prime number"]);
 * const { score, at } = maxRougeL(index, "Name a prime number.");
 * if (score !== 1 || at !== 1) throw new Error(`got ${score} at ${at}`);
 * ```
 */
export function maxRougeL(index: RougeIndex, text: string): RougeMatch {
  const { entries } = index;
  const best: RougeMatch = { score: 0, at: entries.length > 0 ? 0 : -1 };
  scan(index, text, (m, n, lcsOf, at) => {
    if (!(lengthBound(m, n) > best.score)) return false;
    const score = rougeLFromLcs(lcsOf(), m, n);
    if (score > best.score) {
      best.score = score;
      best.at = at;
    }
    return false;
  });
  return best;
}

/**
 * The first indexed text whose ROUGE-L F-measure with `text` is above `threshold`, or
 * `undefined` when there is none: the ROUGE-L filter's question. Entries whose length bound
 * is at most `threshold` are skipped.
 *
 * @example
 * ```ts
 * import { createRougeIndex, findRougeLAbove } from "./rouge_index.ts";
 * const index = createRougeIndex(["what is two plus two", "what is two plus three"]);
 * const hit = findRougeLAbove(index, "What is two plus five?", 0.7);
 * if (hit?.at !== 0 || Math.abs(hit.score - 0.8) > 1e-15) throw new Error("wrong hit");
 * if (findRougeLAbove(index, "Name a prime number.", 0.7) !== undefined) throw new Error("hit");
 * ```
 */
export function findRougeLAbove(
  index: RougeIndex,
  text: string,
  threshold: number,
): RougeMatch | undefined {
  if (Number.isNaN(threshold)) {
    throw new RangeError("Cannot search a ROUGE-L index: threshold is NaN");
  }
  let found: RougeMatch | undefined;
  scan(index, text, (m, n, lcsOf, at) => {
    if (!(lengthBound(m, n) > threshold)) return false;
    const score = rougeLFromLcs(lcsOf(), m, n);
    if (!(score > threshold)) return false;
    found = { score, at };
    return true;
  });
  return found;
}

/**
 * The F of an LCS as long as the shorter side: no pair of lengths m and n scores higher.
 * The floating-point F is increasing in the LCS length (consecutive values differ by about
 * `2 / (m + n)`, far more than its rounding error), so skipping on this bound is exact.
 */
function lengthBound(m: number, n: number): number {
  return rougeLFromLcs(Math.min(m, n), m, n);
}

/** Visits every entry with its lengths and a lazy LCS; the visitor returns true to stop. */
function scan(
  index: RougeIndex,
  text: string,
  visit: (m: number, n: number, lcsOf: () => number, at: number) => boolean,
): void {
  const { vocab, entries } = index;
  const tokens = rougeTokens(text);
  const ids = new Int32Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) ids[i] = vocab.get(tokens[i]) ?? -1;
  const pattern = prepareBitPattern(ids, vocab.size);
  try {
    const m = tokens.length;
    for (let at = 0; at < entries.length; at++) {
      const entry = entries[at];
      if (visit(m, entry.length, () => bitPatternLcs(pattern, entry), at)) return;
    }
  } finally {
    releaseBitPattern();
  }
}
