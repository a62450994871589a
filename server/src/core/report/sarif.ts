import { noticeById, signatureById } from '../catalogue';
import type { Severity } from '../types';
import type { SignatureLookup } from '../validate';
import type { CheckResult, LocatedFinding } from './located';

/**
 * SARIF 2.1.0 for code-scanning tools: one `rules[]` entry per rule that fired (title, meaning,
 * source link, default level) and one result per finding with its 1-based region. Success markers
 * are not results.
 */
interface SarifOptions {
  readonly toolVersion: string;
  /** Absolute `file:` URI (ending in `/`) that relative paths resolve against, usually the working folder. */
  readonly baseUri?: string;
  /** Finds each rule's entry for `rules[]`: the host's rules, team signatures included. Built-in by default. */
  readonly lookup?: SignatureLookup;
}

type SarifLevel = 'error' | 'warning' | 'note';

const LEVEL: Readonly<Record<Severity, SarifLevel>> = { error: 'error', warning: 'warning', info: 'note' };

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const BASE_ID = 'SRCROOT';
/** SARIF names a fingerprint by what computed it and its version (fingerprint.ts). */
const FINGERPRINT_KEY = 'ndesLensFingerprint/v1';

export function toSarif(result: CheckResult, options: SarifOptions): unknown {
  const ruleIds = [...new Set(result.findings.map((f) => f.ruleId))].sort();
  const index = new Map(ruleIds.map((id, i) => [id, i]));
  const run: Record<string, unknown> = {
    tool: {
      driver: {
        name: 'NDES Lens',
        version: options.toolVersion,
        semanticVersion: /^\d+\.\d+\.\d+/.test(options.toolVersion) ? options.toolVersion : undefined,
        rules: ruleIds.map((id) => ruleDescriptor(id, options.lookup ?? signatureById)),
      },
    },
    columnKind: 'utf16CodeUnits',
    results: result.findings.map((f) => sarifResult(f, index.get(f.ruleId) ?? 0, options)),
  };
  if (options.baseUri !== undefined) run['originalUriBaseIds'] = { [BASE_ID]: { uri: options.baseUri } };
  return { $schema: SARIF_SCHEMA, version: '2.1.0', runs: [run] };
}

function ruleDescriptor(id: string, lookup: SignatureLookup): Record<string, unknown> {
  const sig = lookup(id);
  if (sig) {
    return {
      id, name: pascal(sig.title),
      shortDescription: { text: sentence(sig.title) },
      fullDescription: { text: sentence(sig.meaning) },
      // A team rule without a link has no page to point at.
      helpUri: sig.link.url || undefined,
      help: { text: [sig.meaning, ...(sig.fix ?? [])].join('\n') },
      defaultConfiguration: { level: LEVEL[sig.severity] },
      properties: { tags: sig.team ? [sig.kind, `stage-${sig.stage}`, 'team'] : [sig.kind, `stage-${sig.stage}`] },
    };
  }
  const notice = noticeById(id);
  return {
    id, name: pascal(notice?.title ?? id),
    shortDescription: { text: sentence(notice?.title ?? id) },
    fullDescription: { text: sentence(notice?.meaning ?? id) },
    defaultConfiguration: { level: LEVEL[notice?.severity ?? 'warning'] },
    properties: { tags: ['notice'] },
  };
}

function sarifResult(f: LocatedFinding, ruleIndex: number, options: SarifOptions): Record<string, unknown> {
  const artifactLocation: Record<string, unknown> = { uri: toUri(f.path) };
  if (options.baseUri !== undefined && !isAbsolute(f.path)) artifactLocation['uriBaseId'] = BASE_ID;
  return {
    ruleId: f.ruleId,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: sentence(f.message) },
    ...(f.fingerprint !== undefined ? { partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint } } : {}),
    locations: [{
      physicalLocation: {
        artifactLocation,
        region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: Math.max(f.endColumn, f.endLine === f.line ? f.column : 1) },
      },
    }],
  };
}

function isAbsolute(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\');
}

/** A path as a URI reference: relative paths stay relative, absolute ones become `file:` URIs. */
function toUri(path: string): string {
  const slashed = path.replace(/\\/g, '/');
  const encoded = slashed.split('/').map((seg) => encodeURIComponent(seg).replace(/%3A/gi, (m, at: number) => (at === 1 ? ':' : m))).join('/');
  if (slashed.startsWith('//')) return `file:${encoded}`;
  if (slashed.startsWith('/')) return `file://${encoded}`;
  if (/^[A-Za-z]:\//.test(slashed)) return `file:///${encoded}`;
  return encoded.replace(/^(?:\.\/)+/, '');
}

function sentence(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

function pascal(title: string): string {
  return title.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase()).replace(/^./, (c) => c.toUpperCase());
}
