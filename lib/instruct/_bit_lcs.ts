/**
 * Bit-parallel LCS length over integer token ids (private to lib/instruct).
 *
 * The query sequence A (length m) becomes one bit mask per distinct token: bit i is set
 * where A[i] is that token. A state vector V of m bits starts all ones; for each token b
 * of the text, with U = V & M[b]:
 *
 *     V <- (V + U) | (V & ~U)
 *
 * and at the end LCS(A, B) = the number of zero bits in V (Hyyrö, "Bit-parallel LCS-length
 * computation revisited", 2004; Allison and Dix, 1986). One text token costs a few word
 * operations per 32 query tokens instead of m DP cells, and a text token that does not
 * occur in A leaves V unchanged, so it is skipped outright. The result is exact: the same
 * integer as the O(m n) dynamic program.
 *
 * The scratch buffers live at module level and are reused; a pattern is valid from
 * `prepareBitPattern` to `releaseBitPattern` and only one may be live at a time (all
 * callers use it inside one synchronous call).
 *
 * @module
 */

/** A query sequence prepared for many LCS computations. */
export interface BitPattern {
  /** Query length m (number of bits). */
  readonly length: number;
  /** 32-bit words per mask: `ceil(m / 32)`, at least 1. */
  readonly words: number;
}

let rowOf = new Int32Array(1024); // token id -> mask row (0: not in the query)
let masks = new Int32Array(1024); // row * words + word; row 0 stays all zeros
let state = new Int32Array(8);
let liveIds: number[] = [];
let live = false;

/**
 * Builds the masks of a query. `ids` are token ids in `[0, idLimit)`, or -1 for a token
 * that matches nothing; texts scored against the pattern must use ids below `idLimit`.
 */
export function prepareBitPattern(ids: ArrayLike<number>, idLimit: number): BitPattern {
  if (live) throw new TypeError("Cannot prepare a bit pattern: another one is still live");
  const m = ids.length;
  const words = Math.max(1, Math.ceil(m / 32));
  if (rowOf.length < idLimit) rowOf = new Int32Array(Math.max(idLimit, 2 * rowOf.length));
  const size = (m + 1) * words;
  if (masks.length < size) masks = new Int32Array(Math.max(size, 2 * masks.length));
  masks.fill(0, 0, size);
  if (state.length < words) state = new Int32Array(words);
  liveIds = [];
  let rows = 0;
  for (let i = 0; i < m; i++) {
    const id = ids[i];
    if (id < 0) continue;
    let row = rowOf[id];
    if (row === 0) {
      row = ++rows;
      rowOf[id] = row;
      liveIds.push(id);
    }
    masks[row * words + (i >>> 5)] |= 1 << (i & 31);
  }
  live = true;
  return { length: m, words };
}

/** Clears the pattern's entries from the shared lookup table. */
export function releaseBitPattern(): void {
  for (const id of liveIds) rowOf[id] = 0;
  liveIds = [];
  live = false;
}

/** LCS length of the live pattern and `text` (token ids below the pattern's `idLimit`). */
export function bitPatternLcs(pattern: BitPattern, text: ArrayLike<number>): number {
  const m = pattern.length;
  if (m === 0) return 0;
  const n = text.length;
  if (pattern.words === 1) {
    let v = -1;
    for (let j = 0; j < n; j++) {
      const row = rowOf[text[j]];
      if (row === 0) continue;
      const u = v & masks[row];
      v = (v + u) | (v & ~u);
    }
    return m - popcount32(m === 32 ? v : v & ((1 << m) - 1));
  }
  const words = pattern.words;
  state.fill(-1, 0, words);
  for (let j = 0; j < n; j++) {
    const row = rowOf[text[j]];
    if (row === 0) continue;
    const base = row * words;
    let carry = 0;
    for (let w = 0; w < words; w++) {
      const vw = state[w] >>> 0;
      const uw = (vw & masks[base + w]) >>> 0;
      const sum = vw + uw + carry;
      carry = sum > 0xffffffff ? 1 : 0;
      state[w] = sum | (vw & ~uw);
    }
  }
  let ones = 0;
  for (let w = 0; w < words - 1; w++) ones += popcount32(state[w]);
  const tailBits = m - 32 * (words - 1);
  ones += popcount32(tailBits === 32 ? state[words - 1] : state[words - 1] & ((1 << tailBits) - 1));
  return m - ones;
}

function popcount32(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}
