import { test } from 'node:test';
import fc from 'fast-check';
import { detectionProperty, FORMATS, FUZZ_SEED, scannerProperty } from './properties';

/**
 * The fixed-seed share of the fuzzing that runs in `npm test`: FUZZ_RUNS cases per scanner (every
 * entry of SCANNERS, so new formats are covered as they land) and for detection. `npm run fuzz`
 * runs the full count with a fresh seed.
 */
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 300);

for (const format of FORMATS()) {
  test(`fuzz: the ${format} scanner keeps its properties on ${RUNS} log-like texts`, () => {
    fc.assert(scannerProperty(format), { numRuns: RUNS, seed: FUZZ_SEED, includeErrorInReport: true });
  });
}

test(`fuzz: detection and the whole pipeline keep their properties on ${RUNS} texts`, () => {
  fc.assert(detectionProperty(), { numRuns: RUNS, seed: FUZZ_SEED, includeErrorInReport: true });
});
