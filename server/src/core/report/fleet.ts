import { noticeById, signatureById } from '../catalogue';
import { flowStage } from '../catalogue/define';
import { timeMs } from '../time';
import type { FindingKind, Severity, Stage } from '../types';
import { keyValues, utcTime, type RecordFacts } from './facts';
import type { Fingerprinter } from './fingerprint';
import type { SignatureLookup } from '../validate';

/**
 * One finding as one flat JSON line (`check --format jsonl`, `watch`): what the Azure Monitor Agent,
 * Splunk's forwarder, Filebeat and rsyslog ingest as is. Version 1; fields are only ever added.
 * Absent values are `null`, so every line has every column.
 */
export interface FleetLine {
  readonly schema: 'ndes-lens.finding/1';
  /** The log record's time in UTC (ISO-8601), or null when the log states no zone (NDESPlugin.log). */
  readonly time: string | null;
  /** The record's time as logged when it has no zone (local time of the NDES server). */
  readonly localTime: string | null;
  readonly host: string;
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  readonly column: number;
  readonly ruleId: string;
  readonly ruleName: string;
  readonly kind: FindingKind;
  readonly severity: Severity;
  /** Microsoft's SCEP stage (1-6) the rule belongs to; null for notes about the file. */
  readonly stage: Stage | null;
  readonly message: string;
  /** Codes on the record, normalised (`403.16`, `0x800B0109`). */
  readonly codes: readonly string[];
  readonly eventId: string | null;
  readonly uri: string | null;
  readonly operation: string | null;
  readonly fingerprint: string;
  readonly tool: 'ndes-lens';
  readonly toolVersion: string;
}

interface FleetFindingInput {
  readonly ruleId: string;
  readonly kind: FindingKind;
  readonly severity: Severity;
  readonly message: string;
  /** 1-based. */
  readonly line: number;
  readonly column: number;
}

interface FleetContext {
  /** The file as given (the path in the line); its logical name goes into the fingerprint. */
  readonly file: string;
  /** The machine's name, used when the log does not state a computer name. */
  readonly machine: string;
  readonly toolVersion: string;
  /** Finds each rule's name and stage: the host's rules, team signatures included. Built-in by default. */
  readonly lookup?: SignatureLookup;
}

/** The flat line of one finding; `fingerprints` numbers equal findings of the same log in order. */
export function fleetLine(f: FleetFindingInput, facts: RecordFacts, context: FleetContext, fingerprints: Fingerprinter): FleetLine {
  const host = facts.host ?? context.machine;
  const time = utcTime(facts.time) ?? null;
  const sig = (context.lookup ?? signatureById)(f.ruleId);
  return {
    schema: 'ndes-lens.finding/1',
    time,
    // Only a date: a time without a year (Apple's syslog) in the same field would break a date mapping.
    localTime: time === null && timeMs(facts.time) !== undefined ? facts.time ?? null : null,
    host,
    file: context.file,
    line: f.line,
    column: f.column,
    ruleId: f.ruleId,
    ruleName: sig?.title ?? noticeById(f.ruleId)?.title ?? f.ruleId,
    kind: f.kind,
    severity: f.severity,
    stage: sig ? flowStage(sig) ?? null : null,
    message: f.message,
    codes: facts.codes,
    eventId: facts.eventId ?? null,
    uri: facts.uri ?? null,
    operation: facts.operation ?? null,
    fingerprint: fingerprints.next({ ruleId: f.ruleId, host, file: context.file, values: keyValues(facts), time: facts.time ?? '' }),
    tool: 'ndes-lens',
    toolVersion: context.toolVersion,
  };
}

const ECS_VERSION = '8.11.0';

/** Elastic's log levels for our severities. */
const ECS_LEVEL: Readonly<Record<Severity, string>> = { error: 'error', warning: 'warning', info: 'info' };

/**
 * The same line with Elastic Common Schema names (`--schema ecs`). ECS has no field for a record
 * without a zone, so such a line's `@timestamp` is the time it was written (`observed`), and the
 * logged local time stays under `ndes_lens.local_time`.
 */
export function toEcs(line: FleetLine, observed: string): Record<string, unknown> {
  return {
    '@timestamp': line.time ?? observed,
    ecs: { version: ECS_VERSION },
    message: line.message,
    event: {
      kind: 'alert', category: ['configuration'], type: ['error'], dataset: 'ndes_lens.finding', created: observed,
      id: line.fingerprint, code: line.eventId ?? line.codes[0] ?? line.ruleId,
    },
    rule: { id: line.ruleId, name: line.ruleName, ruleset: 'ndes-lens' },
    log: { level: ECS_LEVEL[line.severity], file: { path: line.file } },
    host: { name: line.host },
    error: { code: line.codes[0] ?? line.ruleId, message: line.message },
    url: line.uri === null ? undefined : { path: line.uri },
    observer: { product: 'NDES Lens', vendor: 'ndes-lens', version: line.toolVersion },
    ndes_lens: {
      fingerprint: line.fingerprint, stage: line.stage, kind: line.kind, line: line.line, column: line.column,
      codes: line.codes, event_id: line.eventId, operation: line.operation, local_time: line.localTime,
    },
  };
}

export type FleetSchema = 'flat' | 'ecs';

/** One JSON object on one line, newline-terminated: JSON escapes every control character a log could hold. */
export function jsonLine(line: FleetLine, schema: FleetSchema, observed: string): string {
  return JSON.stringify(schema === 'ecs' ? toEcs(line, observed) : line) + '\n';
}
