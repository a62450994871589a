/** Gaps: success lines that never came, sources that are missing, logs that do not cover the failure's time. */
import { baseName } from '../detect';
import { CALL_OVER_AFTER_MS, overByLaterActivity, pluginCalls } from '../pluginCalls';
import { latestTime, parseTime } from '../time';
import type { LogModel, LogRecord } from '../types';
import type { SignatureLookup } from '../validate';
import { PAIR_WINDOW_SECONDS } from './clocks';
import { CRP_FINISH, CRP_START, type RequestEvent } from './requests';
import { anyBetween } from './sorted';
import type { Located } from './stages';
import type { FlowFile, FlowGap } from './types';

/** A Notify is expected this long after a successful PKIOperation at most. */
const NOTIFY_WINDOW_SECONDS = 600;

export function missingSuccess(files: readonly FlowFile[], requests: readonly RequestEvent[], located: readonly Located[]): FlowGap[] {
  const gaps: FlowGap[] = [];
  // A block whose failure is already reported needs no second finding for its missing success line.
  const failedRecords = new Set(located.filter((l) => l.finding.kind === 'failure').map((l) => `${l.file.path}\u0000${l.finding.record}`));
  for (const file of files) {
    const records = file.model.records;
    if (file.model.format === 'ndesplugin-log') {
      // A call without its Exiting line is a gap only once the log proves it is over: the thread
      // started another call, or the log went on long after it. A call open at the end is in progress.
      const { calls, latest } = pluginCalls(file.model);
      for (const call of calls) {
        if (!call.calling || call.exited) continue;
        if (call.end === 'open' && !overByLaterActivity(call, latest)) continue;
        if (call.records.some((i) => failedRecords.has(`${file.path}\u0000${i}`))) continue;
        const r = records[call.calling.index];
        const name = call.name ?? 'VerifyRequest';
        if (r) gaps.push(gapAt(file, r, 'NDES-FLOW-NO-EXIT', `"Calling ${name}" is never followed by "Exiting ${name}" on its thread: the policy module did not finish this call.`));
      }
    }
    if (file.model.format === 'wcf-svclog') {
      const finished = new Set<string>();
      let lastFinish = -1;
      records.forEach((r, i) => {
        if (!CRP_FINISH.test(r.text)) return;
        lastFinish = i;
        if (r.activityId) finished.add(r.activityId);
      });
      const failedActivities = new Set(records.filter((r, i) => r.activityId && failedRecords.has(`${file.path}\u0000${i}`)).map((r) => r.activityId));
      const latest = latestTime(records);
      records.forEach((r, i) => {
        if (r.kind !== 'entry' || !CRP_START.test(r.text)) return;
        if (r.activityId ? finished.has(r.activityId) || failedActivities.has(r.activityId) : lastFinish > i) return;
        // Still verifying when the trace was copied, unless the trace goes on long after it.
        const started = parseTime(r.time)?.ms;
        const over = started !== undefined && latest !== undefined ? latest - started > CALL_OVER_AFTER_MS : lastFinish > i;
        if (!over) return;
        gaps.push(gapAt(file, r, 'NDES-FLOW-NO-FINISH', '"VerifyRequest Started." has no "VerifyRequest Finished" for the same activity: the verification never completed in this trace.'));
      });
    }
  }
  // Only a request whose challenge was verified (VerifyRequest 20x just before) is expected to be reported.
  const iisAt = (what: RequestEvent['what']): RequestEvent[] => requests.filter((r) => r.source === 'iis' && r.what === what && r.time !== undefined);
  const sorted = (xs: number[]): number[] => xs.sort((a, b) => a - b);
  const notifies = sorted(iisAt('notify').map((r) => r.time ?? 0));
  const verified = sorted(iisAt('verify').filter((r) => r.status !== undefined && r.status >= 200 && r.status < 300).map((r) => r.time ?? 0));
  // A request that failed anywhere (the CRP answers a rejected challenge with 200 too) is not expected to notify.
  const failedAt = sorted(located.filter((l) => l.finding.kind === 'failure' && l.time !== undefined).map((l) => l.time ?? 0));
  const window = PAIR_WINDOW_SECONDS * 1000;
  const iisLatest = new Map<FlowFile, number | undefined>();
  const latestOf = (file: FlowFile): number | undefined => {
    if (!iisLatest.has(file)) iisLatest.set(file, latestTime(file.model.records));
    return iisLatest.get(file);
  };
  for (const p of iisAt('pkioperation')) {
    const t = p.time ?? 0;
    if (p.status !== 200 || !anyBetween(verified, t - window, t + 1000)) continue;
    // A Notify may still come: the log must go on past the window before its absence says anything.
    const end = latestOf(p.file);
    if (end === undefined || end < t + NOTIFY_WINDOW_SECONDS * 1000) continue;
    if (anyBetween(failedAt, t - window, t + window)) continue;
    if (!anyBetween(notifies, t - 1000, t + NOTIFY_WINDOW_SECONDS * 1000)) gaps.push(gapAt(p.file, p.record, 'NDES-FLOW-NO-NOTIFY', 'A PKIOperation was answered with 200 but NDES_Plugin never called Notify afterwards: the issued certificate may not have been reported to Intune.'));
  }
  return gaps;
}

function gapAt(file: FlowFile, record: LogRecord, ruleId: string, message: string): FlowGap {
  const end = Math.min(record.end, record.start + Math.max(1, record.text.trimEnd().length));
  return { kind: 'missing-success', ruleId, message, path: file.path, line: file.positionAt(record.start).line + 1, start: record.start, end };
}

export function coverage(files: readonly FlowFile[], located: readonly Located[], first: Located | undefined, lookup: SignatureLookup): FlowGap[] {
  const gaps: FlowGap[] = [];
  // A source's lines pasted into plain text (Microsoft's articles print IIS lines without a header)
  // are that source too: a rule that reads only its format found something in them. `rules` narrows
  // it as `name` narrows files: of the svclog rules only NDES-CRP-* read the registration point's
  // trace; the connector's own (NDESConnector_*.svclog: PKCS, sign-in) is another file.
  const pasted = (format: LogModel['format'], rules: RegExp): boolean => located.some((l) => {
    if (l.file.model.format !== 'plain-text' || !rules.test(l.finding.ruleId)) return false;
    const own = lookup(l.finding.ruleId)?.formats.filter((f) => f !== 'plain-text');
    return own?.length === 1 && own[0] === format;
  });
  const has = (format: LogModel['format'], name: RegExp, rules: RegExp = /^/): boolean => pasted(format, rules) ||
    files.some((f) => f.model.format === format && (format !== 'wcf-svclog' || name.test(f.path) || f.model.records.some((r) => r.fields?.['Source'] === 'CertificateRegistrationPoint')));
  if (!has('iis-w3c-log', /./)) gaps.push({ kind: 'missing-source', message: 'No IIS log (u_ex*.log from %SystemDrive%\\inetpub\\logs\\LogFiles\\W3SVC1): device requests to NDES (stage 2) cannot be checked.' });
  // The unified Certificate Connector (rule area CC) logs the challenge check to its own event channels:
  // with those, stage 3 was checked, and the legacy files only add detail where they are still written.
  const connector = located.some((l) => l.stage === 3 && l.finding.ruleId.startsWith('CC-EVT-SCEP-'));
  if (!has('ndesplugin-log', /./)) {
    gaps.push({
      kind: 'missing-source',
      message: connector
        ? 'No NDESPlugin.log: stage 3 was read from the Certificate Connector\'s events; the policy module\'s log (%ProgramFiles%\\Microsoft Intune\\NDESPolicyModule\\Logs), where it is still written, has each call\'s detail.'
        : 'No NDESPlugin.log (%ProgramFiles%\\Microsoft Intune\\NDESPolicyModule\\Logs): the policy module\'s side of stage 3 cannot be checked.',
    });
  }
  if (!has('wcf-svclog', /CertificateRegistrationPoint/i, /^NDES-CRP-/)) {
    const pm = located.some((l) => l.stage === 3 && l.finding.kind === 'failure' && l.file.model.format === 'ndesplugin-log');
    gaps.push({
      kind: 'missing-source',
      ...(pm ? { ruleId: 'NDES-FLOW-NO-CRP-TRACE' } : {}),
      message: pm
        ? 'The policy module reports a failure but there is no CertificateRegistrationPoint_*.svclog: the reason is recorded there (NDESConnectorSvc\\Logs\\Logs).'
        : connector
          ? 'No CertificateRegistrationPoint_*.svclog: stage 3 was read from the Certificate Connector\'s events; the legacy connector\'s trace (NDESConnectorSvc\\Logs\\Logs), where it is still written, has the verification\'s detail.'
          : 'No CertificateRegistrationPoint_*.svclog: the certificate registration point\'s side of stage 3 cannot be checked.',
    });
  }
  const when = first?.time;
  if (when !== undefined) {
    for (const f of files) {
      // Only UTC times are compared, and the policy module's framing has none: reading every line's
      // time would find nothing and keep a time string on each of its records.
      if (f.model.format === 'ndesplugin-log') continue;
      let min = Infinity;
      let max = -Infinity;
      for (const r of f.model.records) {
        const t = parseTime(r.time);
        if (!t?.utc) continue;
        if (t.ms < min) min = t.ms;
        if (t.ms > max) max = t.ms;
      }
      if (min === Infinity) continue;
      if (when < min - 60_000 || when > max + 60_000) {
        gaps.push({ kind: 'time-coverage', path: f.path, message: `${baseName(f.path)} covers ${new Date(min).toISOString()} to ${new Date(max).toISOString()}, not the time of the first failure (${new Date(when).toISOString()}).` });
      }
    }
  }
  return gaps;
}

