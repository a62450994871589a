import { writeEvtx, fromXml } from '../evtx/writer';
import { parseXml } from '../evtx/xml';
import type { HealthyEvent } from './events';

/**
 * The shapes admins attach event logs in: binary .evtx, `wevtutil qe /f:xml` (and /f:RenderedXml),
 * Event Viewer's "Save As" CSV and tab-separated text, and PowerShell `Get-WinEvent | Format-List`.
 */

const NS = 'http://schemas.microsoft.com/win/2004/08/events/event';
const attr = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&apos;');
const text = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export const LEVEL_NAME: Record<number, string> = { 0: 'Information', 1: 'Critical', 2: 'Error', 3: 'Warning', 4: 'Information', 5: 'Verbose' };

/** `2024-03-05T08:14:05.1234567Z` (wevtutil's seven decimals). */
export function systemTime(ms: number, recordId: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 19)}.${iso.slice(20, 23)}${String(recordId * 37 % 10000).padStart(4, '0')}Z`;
}

/** Event Viewer's en-US local time, `3/5/2024 9:14:05 AM` (the server's clock is UTC+1). */
export function localTime(ms: number): string {
  const d = new Date(ms + 3_600_000);
  const h = d.getUTCHours();
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${h % 12 === 0 ? 12 : h % 12}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${h < 12 ? 'AM' : 'PM'}`;
}

export interface Numbered { readonly e: HealthyEvent; readonly recordId: number }

export function eventXml({ e, recordId }: Numbered, rendered = false): string {
  const provider = `<Provider Name='${attr(e.provider)}'${e.guid ? ` Guid='${e.guid}'` : ''}${e.sourceName ? ` EventSourceName='${attr(e.sourceName)}'` : ''}/>`;
  const id = e.qualifiers !== undefined ? `<EventID Qualifiers='${e.qualifiers}'>${e.id}</EventID>` : `<EventID>${e.id}</EventID>`;
  const system = `<System>${provider}${id}<Version>${e.version ?? 0}</Version><Level>${e.level}</Level><Task>${e.task ?? 0}</Task><Opcode>${e.opcode ?? 0}</Opcode><Keywords>${e.keywords}</Keywords>`
    + `<TimeCreated SystemTime='${systemTime(e.time, recordId)}'/><EventRecordID>${recordId}</EventRecordID>${e.activityId ? `<Correlation ActivityID='${e.activityId}'/>` : '<Correlation/>'}`
    + `<Execution ProcessID='${e.processId}' ThreadID='${e.threadId}'/><Channel>${text(e.channel)}</Channel><Computer>${text(e.computer)}</Computer>${e.userId ? `<Security UserID='${e.userId}'/>` : '<Security/>'}</System>`;
  let body: string;
  if (e.userData !== undefined) body = `<UserData>${e.userData}</UserData>`;
  else {
    const data = (e.data ?? []).map(([n, v]) => (v === '' ? `<Data${n ? ` Name='${attr(n)}'` : ''}/>` : `<Data${n ? ` Name='${attr(n)}'` : ''}>${text(v)}</Data>`)).join('');
    const binary = e.binary ? `<Binary>${e.binary}</Binary>` : '';
    body = data === '' && binary === '' ? '<EventData/>' : `<EventData>${data}${binary}</EventData>`;
  }
  const rendering = rendered
    ? `<RenderingInfo Culture='en-US'><Message>${text(e.message)}</Message><Level>${LEVEL_NAME[e.level] ?? 'Information'}</Level><Task>${text(e.taskName ?? 'None')}</Task><Opcode>Info</Opcode><Channel>${text(e.channel)}</Channel><Provider>${text(e.provider)}</Provider><Keywords>${e.keywords === '0x80000000000000' || e.keywords === '0x8080000000000000' ? '<Keyword>Classic</Keyword>' : ''}</Keywords></RenderingInfo>`
    : '';
  return `<Event xmlns='${NS}'>${system}${body}${rendering}</Event>`;
}

export function toEvtx(events: readonly Numbered[]): Uint8Array {
  const first = events[0]?.recordId ?? 1;
  return writeEvtx(events.map((n) => fromXml(parseXml(eventXml(n)))), { firstRecordId: BigInt(first) });
}

/** `wevtutil qe LOG /f:xml` (no root, one event per line) or `/e:Events` with a root element. */
export function toXml(events: readonly Numbered[], options: { root?: boolean; rendered?: boolean } = {}): string {
  const lines = events.map((n) => eventXml(n, options.rendered ?? false));
  return options.root ? `<Events>\r\n${lines.join('\r\n')}\r\n</Events>\r\n` : `${lines.join('\r\n')}\r\n`;
}

const crlf = (s: string): string => s.replace(/\r?\n/g, '\r\n');
/** Event Viewer's Source column: the provider's name without `Microsoft-Windows-`. */
const source = (e: HealthyEvent): string => e.provider.replace(/^Microsoft-Windows-/, '');

/** Event Viewer "Save All Events As … CSV": five headings, six columns (the message has no heading). */
export function toCsv(events: readonly Numbered[]): string {
  const q = (s: string): string => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const rows = [...events].reverse().map(({ e }) => [LEVEL_NAME[e.level] ?? 'Information', localTime(e.time), source(e), String(e.id), e.taskName ?? 'None', crlf(e.message)].map(q).join(','));
  return `Level,Date and Time,Source,Event ID,Task Category\r\n${rows.join('\r\n')}\r\n`;
}

/** Event Viewer "Save All Events As … Text (Tab delimited)", newest first as the view shows them. */
export function toTxt(events: readonly Numbered[]): string {
  const q = (s: string): string => (/[\r\n\t"]/.test(s) ? `"${s}"` : s);
  const rows = [...events].reverse().map(({ e }) => [LEVEL_NAME[e.level] ?? 'Information', localTime(e.time), source(e), String(e.id), e.taskName ?? 'None', q(crlf(e.message))].join('\t'));
  return `Level\tDate and Time\tSource\tEvent ID\tTask Category\r\n${rows.join('\r\n')}\r\n`;
}

/** `Get-WinEvent -LogName X | Format-List` (the default four properties) or `| Format-List *`, newest first. */
export function toFormatList(events: readonly Numbered[], all: boolean, width = 0): string {
  const wrap = (label: string, value: string): string => {
    const pad = ' '.repeat(label.length + 3);
    const out: string[] = [];
    value.replace(/\r?\n$/, '').split(/\r?\n/).forEach((line, i) => {
      let rest = line;
      let first = i === 0;
      do {
        const room = width > 0 ? width - pad.length : Number.MAX_SAFE_INTEGER;
        out.push(`${first ? `${label} : ` : pad}${rest.slice(0, room)}`);
        rest = rest.slice(room);
        first = false;
      } while (rest.length > 0);
    });
    return out.join('\r\n');
  };
  const blocks = [...events].reverse().map(({ e, recordId }) => {
    const fields: [string, string][] = all
      ? [['Message', e.message], ['Id', String(e.id)], ['Version', String(e.version ?? 0)], ['Qualifiers', e.qualifiers === undefined ? '' : String(e.qualifiers)], ['Level', String(e.level)],
        ['Task', String(e.task ?? 0)], ['Opcode', String(e.opcode ?? 0)], ['Keywords', BigInt(e.keywords).toString()], ['RecordId', String(recordId)], ['ProviderName', e.provider],
        ['ProviderId', (e.guid ?? '').replace(/[{}]/g, '').toLowerCase()], ['LogName', e.channel], ['ProcessId', String(e.processId)], ['ThreadId', String(e.threadId)], ['MachineName', e.computer],
        ['UserId', e.userId ?? ''], ['TimeCreated', localTime(e.time)], ['ActivityId', (e.activityId ?? '').replace(/[{}]/g, '').toLowerCase()], ['RelatedActivityId', ''], ['ContainerLog', e.channel],
        ['MatchedQueryIds', '{}'], ['Bookmark', 'System.Diagnostics.Eventing.Reader.EventBookmark'], ['LevelDisplayName', LEVEL_NAME[e.level] ?? 'Information'], ['OpcodeDisplayName', 'Info'],
        ['TaskDisplayName', e.taskName ?? ''], ['KeywordsDisplayNames', e.keywords.startsWith('0x80') ? '{Classic}' : '{}'], ['Properties', '{System.Diagnostics.Eventing.Reader.EventProperty, System.Diagnostics.Eventing.Reader.EventProperty...}']]
      : [['TimeCreated', localTime(e.time)], ['ProviderName', e.provider], ['Id', String(e.id)], ['Message', e.message]];
    const w = Math.max(...fields.map(([k]) => k.length));
    return fields.map(([k, v]) => wrap(k.padEnd(w), v)).join('\r\n');
  });
  return `\r\n\r\n${blocks.join('\r\n\r\n')}\r\n\r\n\r\n\r\n`;
}

/** UTF-16 LE with a BOM, as Event Viewer and Windows PowerShell's `>` write text. */
export function utf16(s: string): Uint8Array {
  const out = new Uint8Array(2 + s.length * 2);
  out[0] = 0xff; out[1] = 0xfe;
  for (let i = 0; i < s.length; i++) { const c = s.charCodeAt(i); out[2 + 2 * i] = c & 0xff; out[3 + 2 * i] = c >> 8; }
  return out;
}
