/**
 * "Did you mean ...?" for config keys: the candidate at the smallest edit distance.
 *
 * @module
 */

/**
 * Edit distance (insertions, deletions, substitutions and adjacent transpositions, each
 * costing 1), case-insensitive.
 *
 * @example
 * ```ts
 * import { keyEditDistance } from "./closest_key.ts";
 * if (keyEditDistance("estimater", "estimator") !== 1) throw new Error("wrong distance");
 * if (keyEditDistance("lr", "rl") !== 1) throw new Error("transposition costs 1");
 * ```
 */
export function keyEditDistance(a: string, b: string): number {
  a = a.toLowerCase();
  b = b.toLowerCase();
  const rows = a.length + 1, cols = b.length + 1;
  const d = Array.from({ length: rows }, (_, i) => {
    const row = new Array<number>(cols).fill(0);
    row[0] = i;
    return row;
  });
  for (let j = 0; j < cols; j++) d[0]![j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        v = Math.min(v, d[i - 2]![j - 2]! + 1);
      }
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The candidate closest to `key`, or null when none is plausibly meant. Keys are compared
 * lower-cased with `_` and `-` dropped; a candidate is plausible when at most a third of
 * the longer key's characters change, or when one contains the other (`temp` for
 * `temperature`, `difficulty_filter` for `difficulty`). Ties go to the earlier candidate.
 *
 * @param key The unknown key (one path segment).
 * @param candidates The valid keys at that place.
 * @returns The suggestion, or null.
 *
 * @example
 * ```ts
 * import { closestKey } from "./closest_key.ts";
 * if (closestKey("estimater", ["klCoef", "estimator"]) !== "estimator") throw new Error();
 * if (closestKey("banana", ["klCoef", "estimator"]) !== null) throw new Error("too far");
 * ```
 */
export function closestKey(key: string, candidates: readonly string[]): string | null {
  const plain = (s: string) => s.toLowerCase().replace(/[_-]/g, "");
  const k = plain(key);
  let best: string | null = null;
  let bestScore = Infinity;
  for (const candidate of candidates) {
    const c = plain(candidate);
    const distance = keyEditDistance(k, c);
    const contains = Math.min(k.length, c.length) >= 3 && (k.includes(c) || c.includes(k));
    const plausible = distance <= Math.floor(Math.max(k.length, c.length) / 3) || contains;
    // plausible candidates first, then by distance
    const score = plausible ? distance : Infinity;
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}
