import type { FlowFile } from '../core/flow';
import type { Redactor } from '../core/redact';
import type { Catalogue } from '../core/validate';
import { collect, type CollectSummary } from './collect';
import { CliError } from './errors';

/** Reads a folder into the flow's input: every log with its model, findings and positions. */
export async function readFlowFiles(folder: string, options: { readonly maxFiles: number; readonly jobs: number; readonly catalogue: Catalogue; readonly redactor?: Redactor }): Promise<{ files: FlowFile[]; errors: boolean; summary: CollectSummary }> {
  const files: FlowFile[] = [];
  let errors = false;
  const summary = await collect([folder], { ...options, keepModel: true }, (file) => {
    if (!file.model) return;
    const lines = file.lines;
    errors ||= file.findings.some((f) => f.severity === 'error' && f.kind !== 'evidence');
    files.push({ path: file.path, model: file.model, findings: file.findings, positionAt: (o) => lines.positionAt(o) });
  });
  if (summary.files === 0) throw new CliError(summary.problems.length > 0 ? `nothing could be read under ${folder}` : `no log files under ${folder}`);
  return { files, errors, summary };
}
