import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { CodeActionKind } from 'vscode-languageserver-types';
import { noticeById, signatureById } from './catalogue';
import { isDiagnosticData } from './diagnostics';
import type { SignatureLookup } from './validate';

/** Command ids the client implements. They open text or copy text; they never run anything. */
export const SHOW_GUIDANCE_COMMAND = 'ndesLens.showGuidance';
export const COPY_REMEDIATION_COMMAND = 'ndesLens.copyRemediation';

/**
 * What the guidance command takes for a rule: its id, and for a team rule its team's page (the client
 * opens the link; no document ships for it). Undefined when the rule has no guidance.
 */
export function guidanceArguments(ruleId: string, lookup: SignatureLookup = signatureById): [string] | [string, string] | undefined {
  const sig = lookup(ruleId);
  if (!sig) return noticeById(ruleId) ? [ruleId] : undefined;
  if (!sig.team) return [ruleId];
  return sig.link.url ? [ruleId, sig.link.url] : undefined;
}

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
    const args = guidanceArguments(ruleId, lookup);
    if (!args) continue;
    const sig = lookup(ruleId);
    actions.push({
      title: args.length > 1 ? `Open team guidance (${ruleId})` : `Show resolution guidance (${ruleId})`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [d],
      isPreferred: true,
      command: { title: 'Show resolution guidance', command: SHOW_GUIDANCE_COMMAND, arguments: args },
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
