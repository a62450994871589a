import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { Signature } from './core/catalogue/define';
import { DIAGNOSTIC_SOURCE } from './core/diagnostics';
import { BUILTIN_RULES, rulesWith, type Rules } from './core/rules';
import { LineIndex } from './core/text';
import { recheckPattern } from './node/redos';
import { parseTeamSignatures, TEAM_FILE_NAME, TEAM_PROBLEM_ID, type TeamProblem } from './core/teamSignatures';

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;

interface Loaded {
  readonly uri: string;
  readonly signatures: readonly Signature[];
  readonly diagnostics: Diagnostic[];
}

/**
 * The team signature files (`.ndeslens.json`) of the workspace folders: read at start and whenever
 * one changes; their problems become diagnostics on the file itself, their good entries join the
 * rules every feature reads.
 */
export class TeamFiles {
  private readonly byRoot = new Map<string, Loaded>();
  private current: Rules = BUILTIN_RULES;

  rules(): Rules { return this.current; }

  static isTeamFile(path: string): boolean {
    return path.endsWith(`/${TEAM_FILE_NAME}`) || path.endsWith(`\\${TEAM_FILE_NAME}`);
  }

  /** (Re-)reads the file of one root; returns the URI whose diagnostics changed. */
  async load(root: string): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
    const path = join(root, TEAM_FILE_NAME);
    const uri = pathToFileURL(path).toString();
    let text: string | undefined;
    try { text = await readFile(path, 'utf8'); } catch { text = undefined; }
    if (text === undefined) {
      this.byRoot.delete(root);
    } else {
      const set = parseTeamSignatures(text, recheckPattern);
      const lines = LineIndex.of(text);
      this.byRoot.set(root, { uri, signatures: set.signatures, diagnostics: set.problems.map((p) => toDiagnostic(p, lines)) });
    }
    this.rebuild();
    return { uri, diagnostics: this.byRoot.get(root)?.diagnostics ?? [] };
  }

  private rebuild(): void {
    const byId = new Map<string, Signature>();
    for (const loaded of this.byRoot.values()) for (const s of loaded.signatures) if (!byId.has(s.id)) byId.set(s.id, s);
    this.current = rulesWith([...byId.values()]);
  }
}

function toDiagnostic(p: TeamProblem, lines: LineIndex): Diagnostic {
  return {
    range: { start: lines.positionAt(p.start), end: lines.positionAt(p.end) },
    severity: SEVERITY[p.severity],
    code: TEAM_PROBLEM_ID,
    source: DIAGNOSTIC_SOURCE,
    message: `${p.path}: ${p.message}`,
    data: { ruleId: TEAM_PROBLEM_ID, kind: 'notice', path: p.path },
  };
}
