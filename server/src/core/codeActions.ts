import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { CodeActionKind } from 'vscode-languageserver-types';
import { noticeById, signatureById } from './catalogue';
import { isDiagnosticData } from './diagnostics';
import type { SignatureLookup } from './validate';

/** Command ids the client implements. They open text or copy text; they never run anything. */
export const SHOW_GUIDANCE_COMMAND = 'ndesLens.showGuidance';
export const COPY_REMEDIATION_COMMAND = 'ndesLens.copyRemediation';

/**
 * Quick fixes computed from the diagnostics alone (their `code` and `data`), no document needed.
 * `lookup` finds each rule's entry (the host's rules, team signatures included; built-in by default).
 */
export function codeActions(diagnostics: readonly Diagnostic[], lookup: SignatureLookup = signatureById): CodeAction[] {
  const actions: CodeAction[] = [];
  const seen = new Set<string>();
  for (const d of diagnostics) {
    if (d.source !== 'ndes-lens') continue;
    const ruleId = isDiagnosticData(d.data) ? d.data.ruleId : typeof d.code === 'string' ? d.code : undefined;
    if (!ruleId || seen.has(ruleId)) continue;
    seen.add(ruleId);
    const sig = lookup(ruleId);
    if (!sig && !noticeById(ruleId)) continue;
    // A team rule's guidance is its team's page: the client opens the link, there is no shipped document.
    const teamPage = sig?.team ? sig.link.url : undefined;
    if (sig?.team && !teamPage) continue;
    actions.push({
      title: teamPage ? `Open team guidance (${ruleId})` : `Show resolution guidance (${ruleId})`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [d],
      isPreferred: true,
      command: { title: 'Show resolution guidance', command: SHOW_GUIDANCE_COMMAND, arguments: teamPage ? [ruleId, teamPage] : [ruleId] },
    });
    if (sig?.remediation) {
      const title = `Copy remediation: ${sig.remediation.label}`;
      actions.push({
        title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        command: { title, command: COPY_REMEDIATION_COMMAND, arguments: [ruleId, sig.remediation.text] },
      });
    }
  }
  return actions;
}
