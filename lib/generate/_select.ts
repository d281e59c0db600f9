/**
 * Three-way quickselect on a Float32Array, descending: the in-place partition step shared
 * by the top-k and top-p filters. Expected O(n) per selection, no allocation.
 *
 * @module
 */

/** Partition of `a[lo..hi]` around `pivot`: `[lo, lt)` > pivot, `[lt, gt]` == pivot, `(gt, hi]` < pivot. */
export interface Partition {
  lt: number;
  gt: number;
}

/** Partitions `a[lo..hi]` in place around the value at its middle, descending. */
export function partitionDescending(
  a: Float32Array,
  lo: number,
  hi: number,
): Partition & { pivot: number } {
  const pivot = a[(lo + hi) >>> 1]!;
  let lt = lo, i = lo, gt = hi;
  while (i <= gt) {
    const v = a[i]!;
    if (v > pivot) {
      a[i] = a[lt]!;
      a[lt] = v;
      lt++;
      i++;
    } else if (v < pivot) {
      a[i] = a[gt]!;
      a[gt] = v;
      gt--;
    } else {
      i++;
    }
  }
  return { lt, gt, pivot };
}

/** The `k`-th largest value (1-based) of `a[0..n)`; reorders `a`. */
export function kthLargest(a: Float32Array, n: number, k: number): number {
  let lo = 0, hi = n - 1;
  const target = k - 1;
  for (;;) {
    const { lt, gt, pivot } = partitionDescending(a, lo, hi);
    if (target < lt) hi = lt - 1;
    else if (target > gt) lo = gt + 1;
    else return pivot;
  }
}
