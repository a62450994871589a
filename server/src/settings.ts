import { DEFAULT_SETTINGS, type ServerSettings } from './protocol';

const RULE_SETTINGS = new Set(['error', 'warning', 'info', 'off']);

/** Accepts whatever the client sends and keeps only well-formed values; the rest fall back to defaults. */
export function normaliseSettings(raw: unknown): ServerSettings {
  if (typeof raw !== 'object' || raw === null) return DEFAULT_SETTINGS;
  const r = raw as Record<string, unknown>;
  const rules: Record<string, 'error' | 'warning' | 'info' | 'off'> = {};
  if (typeof r['rules'] === 'object' && r['rules'] !== null) {
    for (const [id, value] of Object.entries(r['rules'] as Record<string, unknown>)) {
      if (typeof value === 'string' && RULE_SETTINGS.has(value)) rules[id] = value as 'error' | 'warning' | 'info' | 'off';
    }
  }
  const max = r['maxNumberOfProblems'];
  return {
    showSuccessMarkers: r['showSuccessMarkers'] === true,
    maxNumberOfProblems: typeof max === 'number' && Number.isFinite(max) && max > 0 ? Math.floor(max) : DEFAULT_SETTINGS.maxNumberOfProblems,
    rules,
  };
}
