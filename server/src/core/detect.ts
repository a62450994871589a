import { FORMAT_IDS, type DetectionReason, type FormatId } from './types';
import { KV_FILE_START, PS_CSV_FILE_HEADER, VIEWER_FILE_HEADER } from './formats/eventlog';
import { JSON_EVENT_FILE } from './formats/json';

/**
 * Chooses the format of a document. Content beats names: a renamed or pasted log is still read
 * by what it contains; a specific editor language comes next, then the file name. Generic ids
 * (`log`, `plaintext`) carry no information.
 */
export interface DetectInput {
  /** The beginning of the text; 64 KB is plenty. */
  readonly text: string;
  readonly languageId?: string;
  readonly fileName?: string;
}

export interface Detection {
  readonly format: FormatId;
  readonly by: DetectionReason;
}

export const SNIFF_CHARS = 64 * 1024;

/**
 * `content` rules see the format's own framing; `phrases` rules only see sentences a format is
 * known to write, which also turn up in pasted fragments — such text is scanned as that format
 * but matched against every signature. `yields` lists formats that a file name or editor language
 * may still choose over a rule: generic CMTrace framing in a file named NDESPlugin.log is that log.
 * Order matters: http.sys error logs carry `#Fields: date time` like IIS, so they are tested first.
 */
interface ContentRule {
  readonly format: FormatId;
  readonly by: DetectionReason;
  readonly test: RegExp;
  readonly yields?: readonly FormatId[];
  /**
   * For a rule that recognises single lines with no file framing (a dated request line): the share
   * of the first non-blank lines that must be such lines. A ticket quoting one request among its
   * prose is pasted text, matched against every signature, not a log of that format.
   */
  readonly share?: number;
  /**
   * With `share`: the format's messages may run over several lines, unmarked (Apple's unified log prints
   * a message's line breaks as they are). Lines enclosed between two of its lines, a few at a time, are
   * then that message's, not lines of their own: they count neither way. Lines before its first line and
   * after its last still count, so a ticket quoting one line among its prose stays pasted text.
   */
  readonly multiLine?: boolean;
}

const CONTENT_RULES: readonly ContentRule[] = [
  // An `<Events>` export (wevtutil /e:Events, a rendered .evtx) first: values inside its events may quote other logs.
  { format: 'windows-event-log', by: 'content', test: /^\uFEFF?(?:<\?xml[^>\r\n]{0,200}\?>\s{0,8})?<Events>\s{0,8}(?:<Event[\s>]|<!-- evtx: |<\/Events>)/ },
  { format: 'httperr-log', by: 'content', test: /^\uFEFF?#Software:[ \t]*Microsoft HTTP API/m },
  { format: 'httperr-log', by: 'content', test: /^\uFEFF?#Fields:[ \t]*date[ \t]+time[ \t]+c-ip[ \t]+c-port[ \t]+s-ip[ \t]+s-port[ \t]/m },
  { format: 'iis-w3c-log', by: 'content', test: /^\uFEFF?#Software:\s*Microsoft Internet Information Services/m },
  // The IIS Advanced Logging module writes its own banner and local-time columns (`date-local time-local`).
  { format: 'iis-w3c-log', by: 'content', test: /^\uFEFF?#Software:[ \t]*IIS Advanced Logging Module/m },
  { format: 'iis-w3c-log', by: 'content', test: /^\uFEFF?#Fields:\s*date(?:-local)?\s+time(?:-local)?\s/m },
  { format: 'wcf-svclog', by: 'content', test: /<E2ETraceEvent[\s>]/ },
  // The policy module's own statements (formats.md §3); a bare "Notify" is any script's word ("Notify user …").
  { format: 'ndesplugin-log', by: 'content', test: /<!\[LOG\[[^\]]{0,4000}(?:VerifyRequest|Verify challenge|certificate registration point|\b(?:Calling|Exiting) Notify)/i },
  { format: 'ndesplugin-log', by: 'content', test: /<!\[LOG\[[^\r\n]{0,4000}?\]LOG\]!><time="[^"\r\n]{0,40}" date="[^"\r\n]{0,20}" component="NDES_?Plugin/i },
  { format: 'cmtrace-log', by: 'content', test: /<!\[LOG\[[^\r\n]{0,4000}?\]LOG\]!><time="/, yields: ['ndesplugin-log'] },
  { format: 'cmtrace-log', by: 'content', test: /^\uFEFF?"?Time"?,"?Line"?,"?Level"?,"?Message"?[ \t]*$/m },
  // A request line without its directives: the columns before the method are s-ip, or with
  // s-sitename and s-computername enabled `W3SVC1 HOST s-ip` (an http.sys line has five: c-ip c-port s-ip s-port version).
  { format: 'iis-w3c-log', by: 'content', test: /^\uFEFF?\d{4}-\d\d-\d\d \d\d:\d\d:\d\d (?:\S+ ){1,3}(?:GET|POST|HEAD) \/\S* \S+ \d{1,5} /m, share: 0.5 },
  { format: 'httperr-log', by: 'content', test: /^\uFEFF?\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [0-9A-Fa-f.:%]{2,60} \d{1,5} [0-9A-Fa-f.:%]{2,60} \d{1,5} (?:HTTP\/\d(?:\.\d)?|-) \S+ \S+ /m, share: 0.5 },
  { format: 'windows-event-log', by: 'content', test: /<Event[ \t\r\n]+xmlns=["']http:\/\/schemas\.microsoft\.com\/win\/2004\/08\/events\/event["']/ },
  // Event Viewer's .txt/.csv header and a "Copy details as text" block (its log, then its source), in English and the languages eventlog.ts lists.
  { format: 'windows-event-log', by: 'content', test: VIEWER_FILE_HEADER },
  { format: 'windows-event-log', by: 'content', test: KV_FILE_START },
  // PowerShell Export-Csv of Get-WinEvent / Get-EventLog output: its type line, or a header of property names with Message, Id/EventID and another event property.
  { format: 'windows-event-log', by: 'content', test: /^\uFEFF?#TYPE[ \t]+System\.Diagnostics\.(?:Eventing\.Reader\.EventLogRecord|EventLogEntry)\b/m },
  { format: 'windows-event-log', by: 'content', test: PS_CSV_FILE_HEADER },
  // …and its ConvertTo-Json: an array of objects (or one object) with a numeric Id/EventID, a Message and another event property.
  { format: 'windows-event-log', by: 'content', test: JSON_EVENT_FILE },
  { format: 'windows-event-log', by: 'content', test: /^(?:TimeCreated|TimeGenerated)[ \t]+:[^\r\n]*(?:\r?\n[^\r\n]*){0,8}\r?\n(?:ProviderName|Id|EventID|InstanceId|Source)[ \t]+:/m },
  // `Format-List *` puts the message first and the time late: Get-WinEvent's Id then, within a few
  // properties, ProviderName; Get-EventLog's EventID then MachineName.
  { format: 'windows-event-log', by: 'content', test: /^Id[ \t]+:[ \t]*\d{1,10}[ \t]*\r?\n(?:[^\r\n]*\r?\n){0,12}?ProviderName[ \t]+:/m },
  { format: 'windows-event-log', by: 'content', test: /^EventID[ \t]+:[ \t]*\d{1,10}[ \t]*\r?\nMachineName[ \t]+:/m },
  { format: 'windows-event-log', by: 'content', test: /^[ \t]*(?:TimeCreated|Index|TimeGenerated)[ \t]+(?:Id|Time|EntryType|ProviderName)[ \t][^\r\n]*\bMessage[ \t]*\r?\n[ \t]*-+[ \t]/m },
  { format: 'setupmsi-log', by: 'content', test: /^\uFEFF?=== Verbose logging started: /m },
  { format: 'setupmsi-log', by: 'content', test: /^MSI \([a-z]\) \([0-9A-F]{1,8}:[0-9A-F]{1,8}\) \[\d\d:\d\d:\d\d:\d{3}\]: /mi },
  { format: 'device-log', by: 'content', test: /^\uFEFF?\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}[ \t]+[A-Z]{3,7}[ \t]+\S+[ \t]+\S+[ \t]+\d{1,10}[ \t]+\d{1,10}[ \t]/m },
  // Console's saved text capitalises the level (`Debug 18:30:53.691033 -0500 profiled …`, troubleshoot-scep-certificate-delivery).
  { format: 'device-log', by: 'content', test: /^(?:\\[a-z]{1,32}-?\d{0,10} ?){0,12}(?:default|info|debug|error|fault|notice)[ \t]+\d\d:\d\d:\d\d\.\d{6}[ \t]*[+-]\d{4}[ \t]+\S/im },
  // Apple's syslog line, `<Level>:` after the pid: as the device writes it (`Mar  5 10:14:01 iPhone profiled[123] <Notice>:`),
  // with a weekday in front, and as idevicesyslog prints it: without the device name and, since it reads the unified
  // log (libimobiledevice 1.4), with microseconds and the image that logged (`Mar  4 18:30:53.123456 profiled(Security)[123]`).
  // Blanks may be single, tabs or no-break spaces (a day's padding lost or turned into &nbsp; in a mail).
  // One such line quoted in a ticket does not make the ticket a device log (its NDES lines would go unread);
  // a message printed over several lines (a dictionary, a certificate list) is one line's.
  { format: 'device-log', by: 'content', test: /^\uFEFF?(?:[A-Z][a-z]{2}[^\S\r\n]{1,2})?[A-Z][a-z]{2}[^\S\r\n]{1,2}\d{1,2}[^\S\r\n]\d\d:\d\d:\d\d(?:\.\d{1,6})?[^\S\r\n]{1,2}(?:[^\s[]{1,100}[^\S\r\n])?[\w.-]{1,100}(?:\([^\s()]{1,100}\))?\[\d{1,10}\][^\S\r\n]{1,2}<\w{1,20}>:/m, share: 0.5, multiLine: true },
  { format: 'ndesplugin-log', by: 'phrases', test: /\b(?:Calling VerifyRequest|Sending request to certificate registration point|Verify challenge returns|Exiting VerifyRequest with|Calling Notifyrequest|Exiting Notify with|Failed to send http request \/CertificateRegistrationSvc)/i },
  { format: 'wcf-svclog', by: 'phrases', test: /\b(?:VerifyRequest Started\.|Validation Phase \d finished with status|VerifyRequest Finished with status|Microsoft\.ConfigurationManager\.CertRegPoint)/i },
];

/** Every content test, for the linear-time check in the test suite (they run on the first 64 KB of any file). */
export const DETECT_PATTERNS: readonly RegExp[] = CONTENT_RULES.map((r) => r.test);

const NAME_RULES: readonly { readonly format: FormatId; readonly test: RegExp }[] = [
  { format: 'ndesplugin-log', test: /^NDESPlugin[^/\\]*\.log$/i },
  { format: 'iis-w3c-log', test: /^u_(?:ex|in|nc)[^/\\]*\.log$/i },
  { format: 'wcf-svclog', test: /\.svclog$/i },
  { format: 'httperr-log', test: /^httperr[^/\\]*\.log$/i },
  { format: 'setupmsi-log', test: /^SetupMsi[^/\\]*\.log$/i },
  { format: 'cmtrace-log', test: /^Validate-NDESConfig[^/\\]*\.log$/i },
  { format: 'device-log', test: /^(?:OMADM|CloudExtension)[^/\\]*\.log$/i },
  // A binary event log reaches the scanners rendered as Event XML (node/decode.ts).
  { format: 'windows-event-log', test: /\.evtx$/i },
];

function isFormatId(id: string | undefined): id is FormatId {
  return id !== undefined && (FORMAT_IDS as readonly string[]).includes(id) && id !== 'plain-text';
}

export function detectFormat(input: DetectInput): Detection {
  const head = input.text.length > SNIFF_CHARS ? input.text.slice(0, SNIFF_CHARS) : input.text;
  const byName = formatByName(input);
  for (const rule of CONTENT_RULES) {
    const at = matchAt(rule, head);
    if (at < 0) continue;
    // Sentences of a format in a file already named or tagged as that format: the name is the stronger evidence.
    if (rule.by === 'phrases' && byName?.format === rule.format) return byName;
    if (byName && rule.yields?.includes(byName.format)) return byName;
    // A tag of another format that comes only after the framing the name announces is a message
    // quoting it (an NDESPlugin.log line holding `<E2ETraceEvent …>` is no trace file): the rules
    // after it decide. Framing that only comes after the other format's is not enough: a renamed
    // HTTPERR log also holds an IIS-like `#Fields: date time` line, and nothing comes before an
    // `<Events>` export, which frames the whole file.
    if (byName && byName.format !== rule.format && framedBefore(byName.format, head, at)) continue;
    return { format: rule.format, by: rule.by };
  }
  return byName ?? { format: 'plain-text', by: 'fallback' };
}

/** Where `rule` first matches `head`, or -1 (also when its lines are too few a share). */
function matchAt(rule: ContentRule, head: string): number {
  const m = rule.test.exec(head);
  if (!m || (rule.share !== undefined && shareOfLines(head, rule.test, rule.multiLine === true) < rule.share)) return -1;
  return m.index;
}

/** Whether `head` shows the framing of `format` itself (not only sentences it writes) before offset `at`. */
function framedBefore(format: FormatId, head: string, at: number): boolean {
  return CONTENT_RULES.some((r) => {
    if (r.format !== format || r.by !== 'content') return false;
    const own = matchAt(r, head);
    return own >= 0 && own < at;
  });
}

/** How many lines a share is taken over: enough for a verdict, few enough to stay cheap. */
const SHARE_LINES = 50;
/**
 * With `multiLine`: at most this many lines between two of the format's lines are a message's, and only
 * once it has at least MULTI_LINE_MIN lines of its own (a ticket quotes one or two); the most lines looked at.
 */
const ENCLOSED_LINES = 20;
const MULTI_LINE_MIN = 3;
const SHARE_SCAN_LINES = 400;

/**
 * A line whose message goes on below it: it ends opening a list, a dictionary or a value (`:`, `{`, `(`,
 * `[`, `,`, `=`), as a message printed over several lines does (`SCEP payload contents:`, `NSError:`).
 */
const OPEN_ENDED = /[:{([,=][ \t]*$/;

/** The share of the first non-blank lines of `head` that `line` matches (with `multiLine`, see ContentRule). */
function shareOfLines(head: string, line: RegExp, multiLine = false): number {
  let seen = 0;
  let matched = 0;
  /**
   * Non-matching lines since the last matching one, and those of them enclosed between two; only lines
   * below an open-ended one are a message's rest (a ticket's own words between quoted lines are not).
   */
  let pending = 0;
  let enclosed = 0;
  let open = false;
  let scanned = 0;
  for (let from = 0; from < head.length && seen - enclosed < SHARE_LINES && scanned < SHARE_SCAN_LINES;) {
    const end = head.indexOf('\n', from);
    const text = head.slice(from, end === -1 ? head.length : end);
    from = end === -1 ? head.length : end + 1;
    if (text.trim() === '') continue;
    scanned++;
    seen++;
    if (!line.test(text)) { pending++; continue; }
    if (multiLine && open && pending <= ENCLOSED_LINES) enclosed += pending;
    pending = 0;
    matched++;
    open = multiLine && OPEN_ENDED.test(text);
  }
  if (multiLine && matched >= MULTI_LINE_MIN) seen -= enclosed;
  return seen === 0 ? 0 : matched / seen;
}

function formatByName(input: DetectInput): Detection | undefined {
  if (isFormatId(input.languageId)) return { format: input.languageId, by: 'language' };
  const base = baseName(input.fileName ?? '');
  for (const rule of NAME_RULES) if (rule.test.test(base)) return { format: rule.format, by: 'file name' };
  return undefined;
}

/** The last path segment of a path or URI (`/`, `\` separators; URI-decoded). */
export function baseName(path: string): string {
  const last = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  try { return decodeURIComponent(last); } catch { return last; }
}
