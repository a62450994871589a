import type { LocatedFinding } from '../core/report/located';
import { NO_FACTS } from '../core/report/facts';
import { Fingerprinter } from '../core/report/fingerprint';
import { fleetLine, type FleetLine } from '../core/report/fleet';
import type { SignatureLookup } from '../core/validate';
import type { AnalysedFile } from './analyse';

/**
 * The flat lines of one analysed file (read with `facts`), one per located finding, fingerprinted in
 * document order. `located` is `locateFindings(file…).findings`: every finding but success markers,
 * in order, so the i-th located finding is the i-th of those.
 */
export function fleetLinesOf(file: AnalysedFile, located: readonly LocatedFinding[], machine: string, toolVersion: string, lookup?: SignatureLookup): FleetLine[] {
  const sources = file.findings.filter((f) => f.kind !== 'evidence');
  const fingerprints = new Fingerprinter();
  const context = { file: file.path, machine, toolVersion, ...(lookup ? { lookup } : {}) };
  return located.map((f, i) => {
    const source = sources[i];
    return fleetLine(f, (source && file.facts?.get(source)) ?? NO_FACTS, context, fingerprints);
  });
}
