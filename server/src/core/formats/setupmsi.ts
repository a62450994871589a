import type { LogRecord } from '../types';
import { LineSplitter } from './lines';
import type { RecordSink, Scanner } from './scanner';
import { iso, localIso } from './segments';

/**
 * Windows Installer verbose log scanner (SetupMsi.log of the Intune connector installer). One record
 * per line: engine lines `MSI (s) (3C:1A) [10:02:17:441]: …` (`s` server, `c` client, `N` nested),
 * custom-action output `Name:  Error 0x…: …`, `Action start/ended hh:mm:ss: …`, and the result lines
 * `CustomAction X returned actual error code N`, `Installation success or error status: N.`. The
 * date comes from the `=== Verbose logging started: 3/5/2024  10:02:15 …` banner; times are local.
 */
const ENGINE = /^MSI \(([a-z])\) \(([0-9A-F]{1,8}):([0-9A-F]{1,8})\) \[(\d\d):(\d\d):(\d\d):(\d{1,3})\]:/i;
const BANNER = /^=== (?:Verbose )?logging (?:started|stopped): ([^\s=][^=]{0,40}?)\s{1,4}(\d{1,2}:\d\d:\d\d)/i;
const ACTION = /^Action (?:start|ended) (\d\d):(\d\d):(\d\d): ([^\s.]{1,200})/i;
const CUSTOM_ACTION = /\bCustomAction (\S{1,200}) returned actual error code (\d{1,10})/i;
const STATUS = /\bInstallation success or error status: (\d{1,10})/i;

export function createSetupMsiScanner(sink: RecordSink): Scanner {
  let date: string | undefined; // yyyy-MM-dd from the banner

  const lines = new LineSplitter((l) => {
    const text = l.text;
    if (text.trim().length === 0) return;
    const banner = BANNER.exec(text);
    if (banner) {
      const when = localIso(`${banner[1] ?? ''} ${banner[2] ?? ''}`, true); // msiexec prints M/d/yyyy
      if (when) date = when.slice(0, 10);
      sink.record({ kind: 'directive', start: l.start, end: l.start + text.length, line: l.line, text, ...(when ? { time: when } : {}) });
      return;
    }
    const record: { -readonly [K in keyof LogRecord]: LogRecord[K] } = { kind: 'entry', start: l.start, end: l.start + text.length, line: l.line, text };
    const fields: Record<string, string> = {};
    const engine = ENGINE.exec(text);
    if (engine) {
      fields['context'] = engine[1] ?? '';
      fields['process'] = engine[2] ?? '';
      fields['thread'] = engine[3] ?? '';
      const when = date ? iso(date.slice(0, 4), date.slice(5, 7), date.slice(8, 10), engine[4], engine[5], engine[6], engine[7]?.padStart(3, '0')) : undefined;
      if (when) record.time = when;
    }
    const action = ACTION.exec(text);
    if (action) {
      fields['action'] = action[4] ?? '';
      const when = date ? iso(date.slice(0, 4), date.slice(5, 7), date.slice(8, 10), action[1], action[2], action[3]) : undefined;
      if (when) record.time = when;
    }
    const custom = CUSTOM_ACTION.exec(text);
    if (custom) { fields['action'] = custom[1] ?? ''; fields['returnCode'] = custom[2] ?? ''; }
    const status = STATUS.exec(text);
    if (status) fields['status'] = status[1] ?? '';
    if (Object.keys(fields).length > 0) record.fields = fields;
    sink.record(record);
  });
  return { push: (chunk) => { lines.push(chunk); }, end: () => { lines.end(); } };
}
