import { cmtraceStamp, iisFileName, iisStamp, systemTime } from './clock';
import type { Entry, EventSpec, IisRequest, Placed } from './model';
import { SERVER_IP } from './traffic';

/**
 * Turns entries into the files a server writes, and says where each entry landed. Windows writes
 * CRLF; a multi-line record (the HTML page in NDESPlugin.log) keeps its own line breaks.
 */
const EOL = '\r\n';

/** The default NDES field list (formats.md §1), and the longer list the site has after the recycle. */
export const FIELDS_DEFAULT = ['date', 'time', 's-ip', 'cs-method', 'cs-uri-stem', 'cs-uri-query', 's-port', 'cs-username', 'c-ip', 'cs(User-Agent)', 'cs(Referer)', 'sc-status', 'sc-substatus', 'sc-win32-status', 'time-taken'];
export const FIELDS_AFTER_RECYCLE = ['date', 'time', 's-sitename', 's-computername', 's-ip', 'cs-method', 'cs-uri-stem', 'cs-uri-query', 's-port', 'cs-username', 'c-ip', 'cs-version', 'cs(User-Agent)', 'cs(Referer)', 'cs-host', 'sc-status', 'sc-substatus', 'sc-win32-status', 'sc-bytes', 'cs-bytes', 'time-taken'];

/** Accumulates one file's text and counts its lines. */
class FileText {
  private readonly parts: string[] = [];
  private lines = 0;

  add(text: string): Placed & { readonly file: string } {
    const first = this.lines + 1;
    this.lines += text.split('\n').length;
    this.parts.push(text + EOL);
    return { file: '', line: first, endLine: this.lines };
  }

  get text(): string {
    return this.parts.join('');
  }
}

export class Files {
  private readonly files = new Map<string, FileText>();

  add(name: string, text: string): Placed {
    let f = this.files.get(name);
    if (!f) { f = new FileText(); this.files.set(name, f); }
    return { ...f.add(text), file: name };
  }

  result(): Map<string, string> {
    return new Map([...this.files].map(([name, f]) => [name, f.text]));
  }
}

interface IisLine {
  readonly date: string;
  readonly time: string;
  readonly status: string;
  readonly substatus: string;
  readonly win32: string;
  readonly q: IisRequest;
}

function iisLine(t: number, q: IisRequest): IisLine {
  const [status = '-', substatus = '-', win32 = '-'] = q.status.split(' ');
  return { ...iisStamp(t), status, substatus, win32, q };
}

function iisField(name: string, { date, time, status, substatus, win32, q }: IisLine): string {
  switch (name) {
    case 'date': return date;
    case 'time': return time;
    case 's-sitename': return 'W3SVC1';
    case 's-computername': return 'NDES01';
    case 's-ip': return SERVER_IP;
    case 'cs-method': return q.method;
    case 'cs-uri-stem': return q.stem;
    case 'cs-uri-query': return q.query;
    case 's-port': return '443';
    case 'cs-username': return q.username;
    case 'c-ip': return q.clientIp;
    case 'cs-version': return 'HTTP/1.1';
    case 'cs(User-Agent)': return q.userAgent;
    case 'cs(Referer)': return '-';
    case 'cs-host': return q.host;
    case 'sc-status': return status;
    case 'sc-substatus': return substatus;
    case 'sc-win32-status': return win32;
    case 'sc-bytes': return String(status === '200' ? 1200 + q.query.length : 350);
    case 'cs-bytes': return String(180 + q.stem.length + q.query.length);
    case 'time-taken': return String(Math.max(0, q.timeTakenMs));
    default: throw new Error(`no value for IIS field ${name}`);
  }
}

/** IIS: one file per UTC day, a directive block at the top of each and where the site recycled. */
export function renderIis(entries: readonly Entry[], recycleAt: number, out: Files, placed: Map<Entry, Placed>): void {
  let file = '';
  let fields = FIELDS_DEFAULT;
  let recycled = false;
  const header = (t: number): void => {
    const s = iisStamp(t);
    out.add(file, `#Software: Microsoft Internet Information Services 10.0${EOL}#Version: 1.0${EOL}#Date: ${s.date} ${s.time}${EOL}#Fields: ${fields.join(' ')}`);
  };
  for (const e of entries) {
    if (e.log !== 'iis') continue;
    const name = iisFileName(e.t);
    if (name !== file) { file = name; header(e.t); }
    if (!recycled && e.t >= recycleAt) { recycled = true; fields = FIELDS_AFTER_RECYCLE; header(e.t); }
    const line = iisLine(e.t, e.request);
    placed.set(e, out.add(file, fields.map((f) => iisField(f, line)).join(' ')));
  }
}

export type PluginFraming = 'cmtrace' | 'smstrace';

/** NDESPlugin.log in local time, CMTrace or SMS-trace framed (formats.md §3: both are supported). */
export function renderPlugin(entries: readonly Entry[], utcOffsetMinutes: number, framing: PluginFraming, out: Files, placed: Map<Entry, Placed>): void {
  for (const e of entries) {
    if (e.log !== 'plugin') continue;
    const s = cmtraceStamp(e.t, utcOffsetMinutes);
    const text = framing === 'cmtrace'
      ? `<![LOG[${e.message.text}]LOG]!><time="${s.time}" date="${s.date}" component="NDESPlugin" context="" type="${e.message.type ?? 1}" thread="${e.thread}" file="">`
      : `${e.message.text} $$<NDESPlugin><${s.date} ${s.time.replace(/([+-])(\d+)$/, (_m, sign: string, n: string) => sign + n.padStart(3, '0'))}><thread=${e.thread} (0x${e.thread.toString(16).toUpperCase()})>`;
    placed.set(e, out.add('NDESPlugin.log', text));
  }
}

const xml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\r\n/g, '&#xD;&#xA;');
const LEVEL: Record<string, number> = { Start: 255, Stop: 255, Information: 8, Warning: 4, Error: 2 };

/** The CRP trace: XmlWriterTraceListener records, one per line, requests interleaved by time. */
export function renderSvclog(entries: readonly Entry[], out: Files, placed: Map<Entry, Placed>): void {
  let name: string | undefined;
  for (const e of entries) {
    if (e.log !== 'svclog') continue;
    if (name === undefined) {
      const d = new Date(e.t);
      name = `CertificateRegistrationPoint_${String(d.getUTCMonth() + 1).padStart(2, '0')}_${String(d.getUTCDate()).padStart(2, '0')}.svclog`;
    }
    const sub = e.message.subType ?? 'Information';
    placed.set(e, out.add(name, `<E2ETraceEvent xmlns="http://schemas.microsoft.com/2004/06/E2ETraceEvent"><System xmlns="http://schemas.microsoft.com/2004/06/windows/eventlog/system"><EventID>0</EventID><Type>3</Type><SubType Name="${sub}">0</SubType><Level>${LEVEL[sub] ?? 8}</Level><TimeCreated SystemTime="${systemTime(e.t)}" /><Source Name="CertificateRegistrationPoint" /><Correlation ActivityID="{${e.activity}}" /><Execution ProcessName="w3wp" ProcessID="3972" ThreadID="${e.thread}" /><Channel/><Computer>NDES01</Computer></System><ApplicationData>${xml(e.message.text)}</ApplicationData></E2ETraceEvent>`));
  }
}

/** The http.sys error log with the directive block current servers write (formats.md §2). */
export function renderHttpErr(entries: readonly Entry[], out: Files, placed: Map<Entry, Placed>): void {
  let started = false;
  for (const e of entries) {
    if (e.log !== 'httperr') continue;
    const s = iisStamp(e.t);
    if (!started) {
      started = true;
      out.add('httperr1.log', `#Software: Microsoft HTTP API 2.0${EOL}#Version: 1.0${EOL}#Date: ${s.date} ${s.time}${EOL}#Fields: date time c-ip c-port s-ip s-port cs-version cs-method cs-uri streamid sc-status s-siteid s-reason s-queuename`);
    }
    placed.set(e, out.add('httperr1.log', `${s.date} ${s.time} ${e.clientIp} ${e.clientPort} ${SERVER_IP} 443 ${e.rest}`));
  }
}

function eventXml(e: EventSpec, t: number, recordId: number): string {
  const guid = e.providerGuid ? ` Guid='${e.providerGuid}'` : '';
  const data = (e.data ?? []).map(([n, v]) => `<Data${n ? ` Name='${n}'` : ''}>${xml(v)}</Data>`).join('');
  const eventData = `<EventData${e.eventDataName ? ` Name='${e.eventDataName}'` : ''}>${data}</EventData>`;
  const levelName = e.level === 2 ? 'Error' : e.level === 3 ? 'Warning' : 'Information';
  const rendering = e.message === undefined ? '' : `<RenderingInfo Culture='en-US'><Message>${xml(e.message)}</Message><Level>${levelName}</Level><Task></Task><Opcode>Info</Opcode><Channel>${e.channel}</Channel><Provider>${e.provider}</Provider><Keywords><Keyword>Classic</Keyword></Keywords></RenderingInfo>`;
  return `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='${e.provider}'${guid}/><EventID>${e.id}</EventID><Version>0</Version><Level>${e.level}</Level><Task>0</Task><Opcode>0</Opcode><Keywords>0x80000000000000</Keywords><TimeCreated SystemTime='${systemTime(t)}'/><EventRecordID>${recordId}</EventRecordID><Correlation/><Execution ProcessID='2968' ThreadID='4412'/><Channel>${e.channel}</Channel><Computer>${e.computer}</Computer><Security/></System>${eventData}${rendering}</Event>`;
}

/** Event exports (wevtutil qe /f:RenderedXml when the event has a message), one file per server and channel. */
export function renderEvents(entries: readonly Entry[], out: Files, placed: Map<Entry, Placed>): void {
  let recordId = 51200;
  for (const e of entries) {
    if (e.log !== 'event') continue;
    placed.set(e, out.add(e.event.file, eventXml(e.event, e.t, recordId++)));
  }
}
