import { basename, join } from 'node:path';
import { checkJson, cli, tempDir, type JsonV1 } from '../cli/run';
import { simulate, writeSimulation, type Placed, type SimulateOptions, type Simulation } from '../support/simulate';

/** What `ndes-lens diagnose --format json` prints (the fields these properties read). */
export interface FlowJson {
  stages: { stage: number; status: string; evidence: { ruleId: string }[] }[];
  firstFailure: { stage: number; ruleId: string; path: string; line: number } | null;
  verdict: string;
  gaps: { kind: string; ruleId?: string; message: string; path?: string; line?: number }[];
}

export type Finding = JsonV1['findings'][number];

export interface Analysed {
  readonly sim: Simulation;
  readonly check: JsonV1;
  readonly flow: FlowJson;
  /** Errors and warnings only (the findings a user acts on). */
  readonly alarms: readonly Finding[];
}

/**
 * Simulates a folder and analyses it through the real path a user takes: the bundled CLI,
 * `check --format json` and `diagnose --format json` on the folder.
 */
export function analyseSimulation(options: SimulateOptions): Analysed {
  const sim = simulate(options);
  const t = tempDir();
  try {
    const dir = join(t.dir, 'evidence');
    writeSimulation(dir, sim);
    const { run, json } = checkJson([dir]);
    if (run.status === null || run.status > 1) throw new Error(`check failed (${String(run.status)}): ${run.stderr}`);
    const d = cli(['diagnose', dir, '--format', 'json']);
    if (d.status === null || d.status > 1) throw new Error(`diagnose failed (${String(d.status)}): ${d.stderr}`);
    const flow = JSON.parse(d.stdout) as FlowJson;
    return { sim, check: json, flow, alarms: json.findings.filter((f) => f.severity === 'error' || f.severity === 'warning') };
  } finally {
    t.done();
  }
}

/** Whether a 1-based `line` of the file at `path` lies in one of `places`. */
export function within(path: string | undefined, line: number | undefined, places: readonly Placed[]): boolean {
  if (path === undefined || line === undefined) return false;
  const name = basename(path);
  return places.some((p) => p.file === name && line >= p.line && line <= p.endLine);
}

/** A short, readable list for an assertion message: rule, severity and place, first few per rule. */
export function describe(findings: readonly { ruleId?: string | undefined; severity?: string; path?: string | undefined; line?: number | undefined; message: string }[], perRule = 3): string {
  const byRule = new Map<string, string[]>();
  for (const f of findings) {
    const key = `${f.severity ?? 'gap'} ${f.ruleId ?? '(no rule)'}`;
    const list = byRule.get(key) ?? [];
    list.push(`${f.path ? basename(f.path) : '?'}:${String(f.line ?? '?')} ${f.message.slice(0, 120)}`);
    byRule.set(key, list);
  }
  return [...byRule].map(([k, list]) => `${k} ×${list.length}\n    ${list.slice(0, perRule).join('\n    ')}`).join('\n');
}
