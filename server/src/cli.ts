import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { LineIndex, parseDocument, validate, type Finding, type LogModel } from './core';

/**
 * Headless entry: the same core as the language server. `ndes-lens check <file|folder>…` prints
 * every finding as text or JSON; exit 0 = no error found, 1 = errors found, 2 = usage or I/O error.
 */
interface FileResult {
  readonly path: string;
  readonly model: LogModel;
  readonly findings: readonly Finding[];
  readonly lines: LineIndex;
}

const USAGE = `Usage: ndes-lens check <file|folder>... [--format text|json] [--show-evidence]

Reads NDES / Intune SCEP troubleshooting logs (IIS u_ex*.log, NDESPlugin.log, *.svclog, pasted text)
and prints every known failure with its rule id.

Exit codes: 0 no error found, 1 errors found, 2 usage or I/O error.`;

function main(argv: readonly string[]): number {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') { process.stdout.write(USAGE + '\n'); return command ? 0 : 2; }
  if (command !== 'check') { process.stderr.write(`ndes-lens: unknown command '${command}'\n\n${USAGE}\n`); return 2; }
  let format = 'text';
  let showEvidence = false;
  const paths: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i] ?? '';
    if (a === '--help' || a === '-h') { process.stdout.write(USAGE + '\n'); return 0; }
    if (a === '--format') { format = rest[++i] ?? ''; continue; }
    if (a.startsWith('--format=')) { format = a.slice('--format='.length); continue; }
    if (a === '--show-evidence') { showEvidence = true; continue; }
    if (a.startsWith('-')) { process.stderr.write(`ndes-lens: unknown option '${a}'\n`); return 2; }
    paths.push(a);
  }
  if (format !== 'text' && format !== 'json') { process.stderr.write(`ndes-lens: --format must be text or json\n`); return 2; }
  if (paths.length === 0) { process.stderr.write(`ndes-lens: no file or folder given\n\n${USAGE}\n`); return 2; }

  const results: FileResult[] = [];
  let ioError = false;
  for (const p of paths) {
    for (const file of expand(p)) {
      try {
        results.push(checkFile(file));
      } catch (e: unknown) {
        ioError = true;
        process.stderr.write(`ndes-lens: cannot read ${file}: ${e instanceof Error ? e.message : String(e)}\n`);
      }
    }
  }
  if (format === 'json') process.stdout.write(JSON.stringify(toJson(results), null, 2) + '\n');
  else process.stdout.write(toText(results, showEvidence));
  if (ioError && results.length === 0) return 2;
  return results.some((r) => r.findings.some((f) => f.severity === 'error' && f.kind !== 'evidence')) ? 1 : 0;
}

/** Files a folder walk passes over: documentation and binaries nobody exports logs as. */
const NOT_LOGS = /\.(?:md|markdown|png|jpe?g|gif|bmp|ico|pdf|zip|7z|cab|gz|exe|dll|msi|vsix)$/i;

function expand(path: string): string[] {
  const st = statSync(path, { throwIfNoEntry: false });
  if (!st) { process.stderr.write(`ndes-lens: no such file or folder: ${path}\n`); return []; }
  if (!st.isDirectory()) return [path];
  const out: string[] = [];
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const full = join(path, entry.name);
    if (entry.isDirectory()) out.push(...expand(full));
    else if (entry.isFile() && !NOT_LOGS.test(entry.name)) out.push(full);
  }
  return out.sort();
}

/** Decodes UTF-8 and UTF-16 (with a BOM, or LE without one when every other byte is NUL). */
export function decode(bytes: Buffer): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  const sample = bytes.subarray(0, 4096);
  let oddNul = 0;
  for (let i = 1; i < sample.length; i += 2) if (sample[i] === 0) oddNul++;
  if (sample.length >= 16 && oddNul > sample.length / 2 * 0.9) return bytes.toString('utf16le');
  return bytes.toString('utf8');
}

function checkFile(path: string): FileResult {
  const text = decode(readFileSync(path));
  const model = parseDocument(text, { fileName: path });
  return { path, model, findings: validate(model), lines: LineIndex.of(text) };
}

function toJson(results: readonly FileResult[]): unknown {
  return {
    version: 1,
    files: results.map((r) => ({ path: r.path, format: r.model.format, bytes: r.model.length, lines: r.lines.lineCount })),
    findings: results.flatMap((r) => r.findings.filter((f) => f.kind !== 'evidence').map((f) => {
      const s = r.lines.positionAt(f.start);
      const e = r.lines.positionAt(f.end);
      return { path: r.path, line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1, ruleId: f.ruleId, severity: f.severity, message: f.message };
    })),
    evidence: results.flatMap((r) => {
      const byRule = new Map<string, { count: number; first: number; last: number }>();
      for (const f of r.findings) {
        if (f.kind !== 'evidence') continue;
        const line = r.lines.positionAt(f.start).line + 1;
        const e = byRule.get(f.ruleId);
        if (e) { e.count++; e.last = line; } else byRule.set(f.ruleId, { count: 1, first: line, last: line });
      }
      return [...byRule].map(([ruleId, e]) => ({ path: r.path, ruleId, count: e.count, firstLine: e.first, lastLine: e.last }));
    }),
  };
}

function toText(results: readonly FileResult[], showEvidence: boolean): string {
  let out = '';
  let errors = 0;
  let others = 0;
  for (const r of results) {
    const rel = relative(process.cwd(), r.path) || r.path;
    for (const f of r.findings) {
      if (f.kind === 'evidence' && !showEvidence) continue;
      const s = r.lines.positionAt(f.start);
      out += `${rel}:${s.line + 1}:${s.character + 1}: ${f.kind === 'evidence' ? 'evidence' : f.severity} ${f.ruleId}: ${f.message}\n`;
      if (f.kind !== 'evidence') { if (f.severity === 'error') errors++; else others++; }
    }
  }
  out += `${results.length} file(s) checked: ${errors} error(s), ${others} warning(s)/info.\n`;
  return out;
}

if (require.main === module) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e: unknown) {
    process.stderr.write(`ndes-lens: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  }
}
