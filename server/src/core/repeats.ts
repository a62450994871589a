import type { Severity } from './types';

/**
 * Identical findings, grouped: one failure logged 1,600 times must not bury the one that differs.
 * The CLI's text, the hand-off report and the Problems panel all group with this module; JSON and
 * SARIF keep every finding.
 */

/** What a finding is made of, for comparing two. */
interface Comparable {
  readonly ruleId: string;
  readonly severity: Severity;
  /** Filled with the values the rule read (event id, code, status), so equal messages mean equal values. */
  readonly message: string;
}

/** Two findings are the same when rule, severity and message (with its values) are. */
export function repeatKey(f: Comparable): string {
  return `${f.ruleId}\u0000${f.severity}\u0000${f.message}`;
}

/**
 * The items grouped by `keyOf`, groups in the order of their first item, items in input order:
 * `group[0]` is the first occurrence, the last element the last one.
 */
export function groupRepeats<T>(items: readonly T[], keyOf: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return [...groups.values()];
}

/** "1,600 times" and the like, for messages. */
export function times(count: number): string {
  return count === 1 ? 'once' : `${count.toLocaleString('en-US')} times`;
}
