/** Event ids (labelled, XML, PowerShell) and the provider or channel named near each. */
import { escapeRegExp } from '../../text';
import { EVENT_LOGS, type EventLogId } from '../tables';
import type { CodeDecoding } from '../decoding';
import { decodeEventId, joinCaveat } from '../events';
import { EVENT_LOG_INFO } from '../lookup';
import { isWordChar, type Scan } from './scan';

const R_EVENT_LABEL = /\bEvent[ \t]?ID[ \t]*(?:[:=#][ \t]*)?(\d{1,6})(?![\w.])/gi;
const R_EVENT_XML = /<EventID(?:[ \t][^<>]{0,200})?>[ \t]*(\d{1,6})[ \t]*<\/EventID>/g;
const R_EVENT_PS = /^[ \t]*Id[ \t]*:[ \t]*(\d{1,6})(?=[ \t]*\r?$)/gm;

/** How far (characters) to look for a provider / channel / source name around an event id. */
const PROVIDER_WINDOW = 3000;

const PROVIDER_NAMES: ReadonlyMap<string, EventLogId> = new Map(
  EVENT_LOGS.flatMap((l) => l.names.map((n) => [n, l.id] as const)),
);
const R_PROVIDER = new RegExp(
  [...PROVIDER_NAMES.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|'),
  'g',
);

interface ProviderHit {
  readonly pos: number;
  readonly end: number;
  readonly log: EventLogId;
}

function findProviders(text: string): ProviderHit[] {
  const hits: ProviderHit[] = [];
  R_PROVIDER.lastIndex = 0;
  for (let m = R_PROVIDER.exec(text); m !== null; m = R_PROVIDER.exec(text)) {
    const pos = m.index;
    const end = pos + m[0].length;
    const log = PROVIDER_NAMES.get(m[0]);
    if (log === undefined) continue;
    if (pos > 0 && isWordChar(text.charCodeAt(pos - 1))) continue;
    if (end < text.length && isWordChar(text.charCodeAt(end))) continue;
    hits.push({ pos, end, log });
  }
  return hits;
}

/** Index of the first hit with pos >= x. */
function lowerBound(hits: readonly ProviderHit[], x: number): number {
  let lo = 0;
  let hi = hits.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const h = hits[mid];
    if (h !== undefined && h.pos < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface EventHit {
  readonly start: number;
  readonly end: number;
  readonly id: number;
}

function collectEventHits(text: string): EventHit[] {
  const hits: EventHit[] = [];
  for (const re of [R_EVENT_LABEL, R_EVENT_PS]) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const digits = m[1] ?? '';
      const lead = m[0].length - m[0].trimStart().length;
      hits.push({ start: m.index + lead, end: m.index + m[0].length, id: Number(digits) });
    }
  }
  R_EVENT_XML.lastIndex = 0;
  for (let m = R_EVENT_XML.exec(text); m !== null; m = R_EVENT_XML.exec(text)) {
    const digits = m[1] ?? '';
    const rel = m[0].indexOf(digits, m[0].indexOf('>') + 1);
    const start = m.index + rel;
    hits.push({ start, end: start + digits.length, id: Number(digits) });
  }
  return hits.sort((a, b) => a.start - b.start);
}

export function scanEventIds(scan: Scan): void {
  const text = scan.text;
  const hits = collectEventHits(text);
  if (hits.length === 0) return;
  const providers = findProviders(text);
  hits.forEach((hit, i) => {
    if (!scan.claim(hit.start, hit.end)) return;
    const prevEnd = Math.max(i > 0 ? (hits[i - 1]?.end ?? 0) : 0, hit.start - PROVIDER_WINDOW);
    const nextStart = Math.min(hits[i + 1]?.start ?? text.length, hit.end + PROVIDER_WINDOW);
    let log: EventLogId | undefined;
    const j = lowerBound(providers, hit.start);
    const before = providers[j - 1];
    if (before !== undefined && before.pos >= prevEnd) log = before.log;
    else {
      const k = lowerBound(providers, hit.end);
      const after = providers[k];
      if (after !== undefined && after.end <= nextStart) log = after.log;
    }
    let d: CodeDecoding | undefined;
    if (log !== undefined) {
      d = decodeEventId(hit.id, log);
      if (d === undefined) {
        const any = decodeEventId(hit.id);
        const label = EVENT_LOG_INFO.get(log)?.label ?? log;
        if (any !== undefined) d = { ...any, caveat: joinCaveat(`The nearby source (${label}) has no event ${hit.id} in the NDES Lens tables; other readings are listed.`, any.caveat) };
      }
    } else {
      d = decodeEventId(hit.id);
    }
    if (d !== undefined) scan.addClaimed(hit.start, hit.end, d);
  });
}
