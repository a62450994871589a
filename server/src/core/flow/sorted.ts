/** Small helpers over sorted lists and multimaps, shared by the clock, request and gap finders. */
import { lowerBound } from '../sorted';

export function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const itself = (v: number): number => v;

/** Distance from `t` to the nearest value of a sorted list (Infinity for an empty list). */
export function nearestDistance(sorted: readonly number[], t: number): number {
  const lo = lowerBound(sorted, t, itself);
  let best = Infinity;
  for (const v of [sorted[lo - 1], sorted[lo]]) if (v !== undefined) best = Math.min(best, Math.abs(v - t));
  return best;
}

/** True when a sorted list holds a value in [from, to]. */
export function anyBetween(sorted: readonly number[], from: number, to: number): boolean {
  const v = sorted[lowerBound(sorted, from, itself)];
  return v !== undefined && v <= to;
}
