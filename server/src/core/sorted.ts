/** Index of the first element of a list sorted by `key` whose key is >= `t` (the length when there is none). */
export function lowerBound<T>(sorted: readonly T[], t: number, key: (x: T) => number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const x = sorted[mid];
    if (x !== undefined && key(x) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
