/**
 * ROUGE-L F-measure between two texts, as the `rouge_score` package computes it without
 * stemming (Lin, "ROUGE: A Package for Automatic Evaluation of Summaries", 2004).
 *
 * @module
 */
import { bitPatternLcs, prepareBitPattern, releaseBitPattern } from "./_bit_lcs.ts";

/**
 * Splits a text into ROUGE tokens: lower-cased (`toLowerCase()`), then the maximal runs of
 * `[a-z0-9]`; everything else (punctuation, LaTeX backslashes, non-ASCII letters)
 * separates tokens.
 *
 * @param text Any text.
 * @returns The tokens in order (empty for a text without any letter or digit).
 *
 * @example
 * ```ts
 * import { rougeTokens } from "./rouge_l.ts";
 * const got = rougeTokens("Find $\\frac{x}{2}$ if x=4.").join(" ");
 * if (got !== "find frac x 2 if x 4") throw new Error(got);
 * ```
 */
export function rougeTokens(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
}

/**
 * Length of the longest common subsequence of two integer sequences, exact, computed
 * bit-parallel (a few word operations per element of the longer sequence and per 32
 * elements of the shorter).
 *
 * @param a A sequence of integers (token ids).
 * @param b Another sequence of integers.
 * @returns The LCS length, between 0 and `min(a.length, b.length)`.
 *
 * @example
 * ```ts
 * import { lcsLength } from "./rouge_l.ts";
 * if (lcsLength([1, 2, 3, 4, 1], [3, 4, 1, 2, 1]) !== 3) throw new Error("wrong LCS");
 * ```
 */
export function lcsLength(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const [query, text] = a.length <= b.length ? [a, b] : [b, a];
  const local = new Map<number, number>();
  const toLocal = (seq: ArrayLike<number>): Int32Array => {
    const out = new Int32Array(seq.length);
    for (let i = 0; i < seq.length; i++) {
      let id = local.get(seq[i]);
      if (id === undefined) local.set(seq[i], id = local.size);
      out[i] = id;
    }
    return out;
  };
  const queryIds = toLocal(query);
  const textIds = toLocal(text);
  const pattern = prepareBitPattern(queryIds, local.size);
  try {
    return bitPatternLcs(pattern, textIds);
  } finally {
    releaseBitPattern();
  }
}

/**
 * The ROUGE-L F-measure from an LCS length and the two token counts, computed the way
 * `rouge_score` does (precision `lcs / n`, recall `lcs / m`, then `2 p r / (p + r)`, in
 * that floating-point order), so that threshold decisions match the official code to the
 * last bit: mathematically this is `2 lcs / (m + n)`, but for example LCS 7 of 12 and 8
 * tokens gives 0.7000000000000001, which is "above 0.7" there and here. 0 when the LCS is 0
 * (in particular when either text has no tokens). Symmetric in `m` and `n`.
 *
 * @example
 * ```ts
 * import { rougeLFromLcs } from "./rouge_l.ts";
 * if (rougeLFromLcs(3, 4, 6) !== 0.6) throw new Error("wrong F");
 * if (!(rougeLFromLcs(7, 12, 8) > 0.7)) throw new Error("not rouge_score's rounding");
 * ```
 */
export function rougeLFromLcs(lcs: number, m: number, n: number): number {
  if (lcs === 0) return 0;
  const precision = lcs / n, recall = lcs / m;
  return (2 * precision * recall) / (precision + recall);
}

/**
 * ROUGE-L F-measure of two texts with {@linkcode rougeTokens} tokens (no stemming).
 *
 * The value is bit-identical to `rouge_score`'s `rougeL` F-measure without stemming (see
 * {@linkcode rougeLFromLcs}).
 *
 * @param a A text.
 * @param b Another text.
 * @returns A number in [0, 1]: 1 for the same token sequence, 0 with no token in common.
 *
 * @example
 * ```ts
 * import { rougeL } from "./rouge_l.ts";
 * // tokens: [the, cat, sat] and [the, cat, ran, away]: LCS 2, F = 4 / 7
 * if (Math.abs(rougeL("The cat sat.", "the CAT ran away") - 4 / 7) > 1e-15) {
 *   throw new Error("wrong F");
 * }
 * ```
 */
export function rougeL(a: string, b: string): number {
  const ta = rougeTokens(a), tb = rougeTokens(b);
  if (ta.length === 0 || tb.length === 0) return 0;
  const ids = new Map<string, number>();
  const toIds = (tokens: string[]) =>
    tokens.map((t) => {
      let id = ids.get(t);
      if (id === undefined) ids.set(t, id = ids.size);
      return id;
    });
  return rougeLFromLcs(lcsLength(toIds(ta), toIds(tb)), ta.length, tb.length);
}
