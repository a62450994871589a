/**
 * ReDoS check of user-supplied patterns (team signatures) with the `recheck` checker, the one the
 * test suite runs over the built-in catalogue. Its pure-JavaScript backend runs in-process (no
 * worker, no Java, no native binary) and is loaded only when a team file is read.
 */
interface RecheckResult { readonly status: 'safe' | 'vulnerable' | 'unknown'; readonly complexity?: { readonly type?: string } }
interface Recheck { checkSync(source: string, flags: string, params?: { timeout?: number }): RecheckResult }

let recheck: Recheck | undefined;

function load(): Recheck {
  if (!recheck) {
    process.env['RECHECK_SYNC_BACKEND'] = 'pure';
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    recheck = require('recheck') as Recheck;
  }
  return recheck;
}

/** A message when recheck finds the pattern vulnerable; undefined when safe or undecided in time. */
export function recheckPattern(source: string, flags: string): string | undefined {
  try {
    const result = load().checkSync(source, flags, { timeout: 2000 });
    if (result.status !== 'vulnerable') return undefined;
    const kind = result.complexity?.type ?? 'super-linear';
    return `The pattern can take ${kind} time on crafted input (ReDoS, found by recheck). Rewrite it so that no two parts can match the same text in more than one way.`;
  } catch {
    return undefined; // The heuristic in the core already ran; a checker failure must not block loading.
  }
}
