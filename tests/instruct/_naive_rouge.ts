/**
 * Reference implementations for the tests and the benchmark: the textbook O(m n) LCS
 * dynamic program and ROUGE-L written from the definition, independent of lib/instruct.
 *
 * @module
 */

/** LCS length by the full dynamic program over two rows. */
export function naiveLcs<T>(a: ArrayLike<T>, b: ArrayLike<T>): number {
  let prev = new Array<number>(b.length + 1).fill(0);
  let cur = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

/** ROUGE-L F from the definition: precision and recall of the LCS, beta = 1. */
export function naiveRougeL(a: string, b: string): number {
  const tok = (s: string) =>
    s.toLowerCase().replace(/[^a-z0-9]+/g, " ").split(" ").filter((t) => t !== "");
  const ta = tok(a), tb = tok(b);
  if (ta.length === 0 || tb.length === 0) return 0;
  const lcs = naiveLcs(ta, tb);
  if (lcs === 0) return 0;
  const p = lcs / ta.length, r = lcs / tb.length;
  return (2 * p * r) / (p + r);
}
