import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { analyseFile } from '../../server/src/node/analyse';
import { logSources, type SourceReport } from '../../server/src/node/sources';
import { REPO_ROOT } from '../support/paths';
import { zipBytes } from '../support/zip';

/**
 * Damaged bundles, read as the CLI reads them (sources, then each entry analysed): truncated,
 * bit-flipped, with absurd sizes and counts. Nothing may throw past the reader, hang or crash.
 */
const GOOD = zipBytes([
  { name: 'u_ex240305.log', data: readFileSync(join(REPO_ROOT, 'samples/u_ex240305.log')) },
  { name: 'Logs/NDESPlugin.log', data: readFileSync(join(REPO_ROOT, 'samples/NDESPlugin.log')), method: 'store' },
  { name: 'Logs/CertificateRegistrationPoint_03_05.svclog', data: readFileSync(join(REPO_ROOT, 'samples/CertificateRegistrationPoint_03_05.svclog')) },
]);

/** A seeded generator, so a failure names a case that can be run again. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 2 ** 32; };
}

function damaged(seed: number): Buffer {
  const next = random(seed);
  const bytes = Buffer.from(GOOD);
  switch (seed % 4) {
    case 0: return bytes.subarray(0, Math.floor(next() * bytes.length));
    case 1: { for (let i = 0; i < 1 + next() * 8; i++) bytes[Math.floor(next() * bytes.length)] = Math.floor(next() * 256); return bytes; }
    case 2: {
      // Absurd sizes and offsets in the central directory and its end record.
      const at = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
      bytes.writeUInt32LE(0xffffffff, at + 20 + 4 * Math.floor(next() * 2));
      if (next() < 0.5) bytes.writeUInt16LE(0xffff, bytes.length - 12);
      return bytes;
    }
    default: return Buffer.concat([bytes.subarray(0, Math.floor(next() * bytes.length)), Buffer.alloc(Math.floor(next() * 4096), Math.floor(next() * 256)), bytes.subarray(Math.floor(next() * bytes.length))]);
  }
}

test('hostile (bundle): 200 damaged zips are read or reported, never thrown, never hung', { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ndes-lens-zipfuzz-'));
  try {
    for (let seed = 1; seed <= 200; seed++) {
      const zip = join(dir, `case-${seed}.zip`);
      writeFileSync(zip, damaged(seed));
      const report: SourceReport = { problems: [], capped: false, skipped: [] };
      let analysed = 0;
      let failed = 0;
      for await (const { path, entry } of logSources([zip], 100, report)) {
        try {
          const file = await analyseFile(path, entry ? { bytes: entry.bytes(), fileName: entry.fileName } : {});
          assert.ok(file.bytes >= 0);
          analysed++;
        } catch (e: unknown) {
          assert.ok(e instanceof Error, `case ${seed}: ${String(e)}`);
          failed++;
        }
      }
      assert.ok(analysed + failed + report.problems.length + report.skipped.length > 0, `case ${seed}: said nothing`);
    }
  } finally { rmSync(dir, { recursive: true, force: true }); }
});
