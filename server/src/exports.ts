import { basename, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyseFile } from './node/analyse';
import { toolVersion } from './cli/version';
import { analyseFlow, type FlowFile } from './core/flow';
import { createRedactor } from './core/redact';
import { buildHandOff } from './core/report/handoff';
import { handOffHtml } from './core/report/html';
import { locateFindings, type CheckResult, type EvidenceSummary, type LocatedFinding, type ReportFile } from './core/report/located';
import { handOffMarkdown } from './core/report/markdown';
import { toSarif } from './core/report/sarif';
import type { Catalogue, SignatureLookup, ValidationSettings } from './core/validate';
import type { ExportParams, ExportResult } from './protocol';
import type { Entry } from './workspace';

/** The workspace's rules (built-in and team signatures), for logs read again and for the flow. */
interface ExportRules {
  readonly settings: ValidationSettings;
  readonly catalogue: Catalogue;
  readonly lookup: SignatureLookup;
}

/**
 * "Export Report…" and "Export SARIF…": the same renderers as `ndes-lens report` and
 * `ndes-lens check --format sarif`, fed with the workspace's logs. Paths are relative to the
 * workspace folder. A redacted hand-off reads the files again through the redactor, as the CLI
 * does, so no unmasked value reaches the findings, messages or evidence lines.
 */
export async function renderExport(params: ExportParams, entries: readonly Entry[], roots: readonly string[], rules: ExportRules): Promise<ExportResult> {
  const root = roots[0];
  const logs = entries.filter((e) => e.uri.startsWith('file:')).sort((a, b) => a.path.localeCompare(b.path));
  const rel = (path: string): string => {
    const owner = roots.find((r) => path === r || path.startsWith(r + sep));
    return owner ? relative(owner, path) : path;
  };
  if (params.format === 'sarif') {
    const files: ReportFile[] = [];
    const findings: LocatedFinding[] = [];
    const evidence: EvidenceSummary[] = [];
    for (const e of logs) {
      const path = rel(e.path);
      files.push({ path, format: e.model.format, bytes: e.model.length, lines: e.positionAt(e.model.length).line + 1 });
      const located = locateFindings(path, e.findings, e.positionAt);
      findings.push(...located.findings);
      evidence.push(...located.evidence);
    }
    const result: CheckResult = { files, findings, evidence };
    const sarif = toSarif(result, { toolVersion: toolVersion(), lookup: rules.lookup, ...(root ? { baseUri: pathToFileURL(root + sep).href } : {}) });
    return { text: JSON.stringify(sarif, null, 2) + '\n', files: files.length };
  }
  const redact = params.redact !== false;
  let files: FlowFile[];
  if (redact) {
    const redactor = createRedactor();
    files = [];
    for (const e of logs) {
      try {
        const a = await analyseFile(e.path, { keepModel: true, transform: redactor.file(), settings: rules.settings, catalogue: rules.catalogue });
        if (a.model) files.push({ path: rel(e.path), model: a.model, findings: a.findings, positionAt: (o) => a.lines.positionAt(o) });
      } catch {
        // A file that vanished since the scan is left out, as the CLI leaves out what it cannot read.
      }
    }
  } else {
    files = logs.map((e) => ({ path: rel(e.path), model: e.model, findings: e.findings, positionAt: e.positionAt }));
  }
  const handOff = buildHandOff(root ? basename(root) : 'workspace', files, analyseFlow(files, rules.lookup), redact, rules.lookup);
  return { text: params.format === 'html' ? handOffHtml(handOff) : handOffMarkdown(handOff), files: files.length };
}
