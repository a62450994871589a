/** Small helpers over sorted lists and multimaps, shared by the clock, request and gap finders. */

export function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Index of the first value of a sorted list that is >= `t` (the list's length when there is none). */
function lowerBound(sorted: readonly number[], t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] ?? 0) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Distance from `t` to the nearest value of a sorted list (Infinity for an empty list). */
export function nearestDistance(sorted: readonly number[], t: number): number {
  const lo = lowerBound(sorted, t);
  let best = Infinity;
  for (const v of [sorted[lo - 1], sorted[lo]]) if (v !== undefined) best = Math.min(best, Math.abs(v - t));
  return best;
}

/** True when a sorted list holds a value in [from, to]. */
export function anyBetween(sorted: readonly number[], from: number, to: number): boolean {
  const v = sorted[lowerBound(sorted, from)];
  return v !== undefined && v <= to;
}
