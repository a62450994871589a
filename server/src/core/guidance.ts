import type { Notice, Signature } from './catalogue';
import { flowStage } from './catalogue/define';
import { TEAM_FILE_NAME } from './teamSignatures';

export const STAGE_NAMES: Readonly<Record<number, string>> = {
  1: 'profile deployment',
  2: 'device → NDES',
  3: 'NDES → policy module',
  4: 'NDES → CA',
  5: 'delivery to the device',
  6: 'reporting to Intune',
};

/** Markdown-safe inline code for text that may come from a log. */
export function codeSpan(text: string): string {
  const clean = text.replace(/[\r\n]+/g, ' ').replace(/`/g, '\u02CB');
  return '`' + (clean.length > 120 ? clean.slice(0, 117) + '…' : clean) + '`';
}

/**
 * Makes prose inert as Markdown: no HTML, no links, no emphasis or code from stray characters.
 * Log text goes through `codeSpan` instead.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*[\]<>&]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : '\\' + c));
}

/** The explanation of a signature as Markdown: meaning, causes, fix, check, caveat and source. */
export function explainSignature(s: Signature, headingLevel = 3): string {
  const h = '#'.repeat(headingLevel);
  if (s.team) return explainTeamSignature(s, h);
  const out: string[] = [];
  out.push(`${h} ${escapeMarkdown(s.title)}`);
  out.push(`${codeSpan(s.id)} · ${s.kind === 'evidence' ? 'success marker' : s.severity} · ${escapeMarkdown(stageLabel(s))}`);
  out.push(escapeMarkdown(s.meaning));
  if (s.causes?.length) out.push('**Likely causes**\n\n' + s.causes.map((c) => `- ${escapeMarkdown(c)}`).join('\n'));
  if (s.fix?.length) out.push('**Fix**\n\n' + s.fix.map((f, i) => `${i + 1}. ${escapeMarkdown(f)}`).join('\n'));
  if (s.verify?.length) out.push('**Check**\n\n' + s.verify.map((v) => `- ${escapeMarkdown(v)}`).join('\n'));
  if (s.unconfirmed) out.push(`> **Reported, not confirmed by Microsoft:** ${escapeMarkdown(s.unconfirmed)}`);
  out.push(`Source: [${escapeMarkdown(s.link.title)}](${s.link.url})`);
  return out.join('\n\n');
}

/** A team rule has no causes, checks or shipped guidance: it names its file and links the team's page. */
function explainTeamSignature(s: Signature, h: string): string {
  const out = [`${h} ${escapeMarkdown(s.title)}`];
  out.push(`Team signature ${codeSpan(s.id)} from ${codeSpan(TEAM_FILE_NAME)} · ${s.kind === 'evidence' ? 'success marker' : s.severity} · ${escapeMarkdown(stageLabel(s))}`);
  if (s.meaning !== s.message) out.push(escapeMarkdown(s.meaning));
  if (s.fix?.length) out.push('**Fix**\n\n' + s.fix.map((f) => `- ${escapeMarkdown(f)}`).join('\n'));
  if (s.link.url) out.push(`[${escapeMarkdown(s.link.title || s.link.url)}](${s.link.url})`);
  return out.join('\n\n');
}

export function explainNotice(n: Notice, headingLevel = 3): string {
  const h = '#'.repeat(headingLevel);
  return [
    `${h} ${escapeMarkdown(n.title)}`,
    `${codeSpan(n.id)} · ${n.severity} · about the file itself`,
    escapeMarkdown(n.meaning),
    '**What to do**\n\n' + n.fix.map((f, i) => `${i + 1}. ${escapeMarkdown(f)}`).join('\n'),
  ].join('\n\n');
}

/** The stage a rule places its findings in; a fallback's notes and the connector's other work are placed in none. */
function stageLabel(s: Signature, prefix = 'stage '): string {
  const stage = flowStage(s);
  if (stage !== undefined) return `${prefix}${stage}: ${STAGE_NAMES[stage] ?? ''}`;
  return s.besideFlow !== undefined
    ? `none: ${s.besideFlow} are not a step of the SCEP flow; their failures are listed beside it`
    : 'none: a note for lines no signature knows, not placed in the SCEP flow';
}

const FORMAT_NAMES: Readonly<Record<string, string>> = {
  'iis-w3c-log': 'IIS W3C log (u_ex*.log)',
  'ndesplugin-log': 'NDESPlugin.log',
  'wcf-svclog': 'WCF trace (*.svclog)',
  'httperr-log': 'HTTP.sys error log (httperr*.log)',
  'windows-event-log': 'Windows event log export (XML, text, CSV, PowerShell)',
  'setupmsi-log': 'connector installer log (SetupMsi.log)',
  'cmtrace-log': 'CMTrace log (Validate-NDESConfig.log)',
  'device-log': 'device log (OMADM.log, iOS/macOS console)',
  'plain-text': 'any text',
};

/**
 * The resolution guidance document of a rule (docs/guidance/<id>.md), rendered from the catalogue
 * so the quick fix, the hover and the document never disagree. Generated; a test keeps it current.
 */
export function guidanceDocument(s: Signature): string {
  const out: string[] = [];
  out.push(`# ${s.id}: ${s.title}`);
  out.push('<!-- Generated from the NDES Lens catalogue (npm run docs). Edit the catalogue, not this file. -->');
  out.push([
    '| | |', '|---|---|',
    `| Kind | ${s.fallback ? 'note (safety net for failures no signature knows)' : s.kind === 'evidence' ? 'success marker' : 'failure'} |`,
    `| Severity | ${s.kind === 'evidence' ? 'info (not listed in Problems unless ndesLens.showSuccessMarkers is on)' : s.milder ? `${s.severity}; ${s.milder.severity} ${s.milder.why.replace(/\|/g, '\\|')}` : s.severity} |`,
    `| SCEP stage | ${stageLabel(s, '')} |`,
    `| Logs | ${s.formats.map((f) => FORMAT_NAMES[f] ?? f).join(', ')} |`,
    `| Source | [${s.link.title}](${s.link.url}) |`,
  ].join('\n'));
  out.push(`## ${s.kind === 'evidence' ? 'What succeeded' : 'What it means'}\n\n${s.meaning}`);
  if (s.unconfirmed) out.push(`> **Reported, not confirmed by Microsoft:** ${s.unconfirmed}`);
  if (s.causes?.length) out.push('## Likely causes\n\n' + s.causes.map((c) => `- ${c}`).join('\n'));
  if (s.fix?.length) out.push('## How to fix it\n\n' + s.fix.map((f, i) => `${i + 1}. ${f}`).join('\n'));
  if (s.remediation && s.fallback) {
    // A fallback's copy text is a team signature to fill in, not a command for the server.
    out.push(`## To copy: ${s.remediation.label}\n\nThe quick fix "Copy remediation" puts this on the clipboard; fill it in with the line's exact words and save it as .ndeslens.json at the workspace root.\n\n\`\`\`json\n${s.remediation.text}\n\`\`\``);
  } else if (s.remediation) {
    out.push(`## Remediation to copy: ${s.remediation.label}\n\nThe quick fix "Copy remediation" puts this on the clipboard. NDES Lens never runs it; review it, then run it yourself on the server.\n\n\`\`\`powershell\n${s.remediation.text}\n\`\`\``);
  }
  if (s.verify?.length) out.push('## How to check\n\n' + s.verify.map((v) => `- ${v}`).join('\n'));
  out.push('## Example log lines\n\n```text\n' + s.samples.positive.join('\n') + '\n```');
  const links = [s.link, ...(s.related ?? [])];
  out.push('## Sources\n\n' + links.map((l) => `- [${l.title}](${l.url})`).join('\n'));
  return out.join('\n\n') + '\n';
}

export function noticeDocument(n: Notice): string {
  return [
    `# ${n.id}: ${n.title}`,
    '<!-- Generated from the NDES Lens catalogue (npm run docs). Edit the catalogue, not this file. -->',
    `Severity: ${n.severity}. This note is about the file itself, not about a SCEP failure.`,
    `## What it means\n\n${n.meaning}`,
    '## What to do\n\n' + n.fix.map((f, i) => `${i + 1}. ${f}`).join('\n'),
  ].join('\n\n') + '\n';
}

/** docs/rules.md: one row per rule. */
export function rulesTable(signatures: readonly Signature[], notices: readonly Notice[]): string {
  const cell = (t: string): string => t.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const rows = signatures.map((s) =>
    `| [${s.id}](guidance/${s.id}.md) | ${s.kind === 'evidence' ? 'success marker' : s.severity} | ${flowStage(s) ?? '–'} | ${s.formats.map((f) => FORMAT_NAMES[f] ?? f).join(', ')} | ${cell(s.title)} | [source](${s.link.url}) |`);
  const noticeRows = notices.map((n) => `| [${n.id}](guidance/${n.id}.md) | ${n.severity} | – | any | ${cell(n.title)} | NDES Lens |`);
  return [
    '# Rules',
    '<!-- Generated from the NDES Lens catalogue (npm run docs). Edit the catalogue, not this file. -->',
    `${signatures.length} signatures and ${notices.length} file notes. Each rule id is the diagnostic \`code\`, the CLI and SARIF \`ruleId\`, and the key of \`ndesLens.rules\`. Ids follow the shared spec's scheme, extended in [rule-ids.md](rule-ids.md).`,
    ['| Rule | Severity | Stage | Logs | Meaning | Source |', '|---|---|---|---|---|---|', ...rows, ...noticeRows].join('\n'),
  ].join('\n\n') + '\n';
}
