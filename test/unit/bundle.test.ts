import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { SkippedFile } from '../../server/src/core/report/located';
import { analyseFile } from '../../server/src/node/analyse';
import { BUNDLE_LIMITS, BundleLimitError, bundleEntries, type BundleLimits } from '../../server/src/node/bundle';
import { logSources, type SourceReport } from '../../server/src/node/sources';
import { REPO_ROOT } from '../support/paths';
import { zipBytes, type ZipEntrySpec } from '../support/zip';

/** Reads every entry of a bundle as the CLI does; an entry that fails gives its error message instead. */
async function readAll(entries: readonly ZipEntrySpec[], limits: Partial<BundleLimits>): Promise<{ read: Record<string, string>; skipped: SkippedFile[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'ndes-lens-bundle-'));
  try {
    const zip = join(dir, 'b.zip');
    writeFileSync(zip, zipBytes(entries));
    const skipped: SkippedFile[] = [];
    const read: Record<string, string> = {};
    for await (const e of bundleEntries(zip, skipped, { ...BUNDLE_LIMITS, ...limits })) {
      const name = e.path.slice(zip.length + 1);
      let bytes = 0;
      try {
        for await (const piece of e.bytes()) bytes += piece.length;
        read[name] = `${bytes} bytes`;
      } catch (err: unknown) {
        assert.ok(err instanceof BundleLimitError, String(err));
        read[name] = err.message;
      }
    }
    return { read, skipped };
  } finally { rmSync(dir, { recursive: true, force: true }); }
}

test('bundle limits count the bytes inflated, whatever the headers claim', async () => {
  const big = Buffer.alloc(5000, 'a');
  const { read } = await readAll([
    { name: 'honest.log', data: Buffer.alloc(900, 'b') },
    { name: 'liar.log', data: big, claimedSize: 10 },
    { name: 'stored-liar.log', data: big, method: 'store', claimedSize: 10 },
  ], { maxEntryBytes: 1000, ratioFloorBytes: 1e9 });
  assert.deepEqual(read, {
    'honest.log': '900 bytes',
    'liar.log': 'expands past 1000 bytes (the cap for one entry)',
    'stored-liar.log': 'expands past 1000 bytes (the cap for one entry)',
  });
});

test('bundle limits: the total over all entries, then every later entry is skipped with the reason', async () => {
  const entry = (name: string): ZipEntrySpec => ({ name, data: Buffer.alloc(600, 'c') });
  const { read, skipped } = await readAll([entry('a.log'), entry('b.log'), entry('c.log')], { maxTotalBytes: 1000, ratioFloorBytes: 1e9 });
  assert.deepEqual(read, { 'a.log': '600 bytes', 'b.log': 'the bundle expands past 1000 bytes (the cap for one bundle)' });
  assert.equal(skipped.length, 1);
  assert.match(skipped[0]?.reason ?? '', /already inflated 1000 bytes/);
});

test('bundle limits: the compression ratio, checked past a floor so small files pass', async () => {
  const zeros = Buffer.alloc(2 * 1024 * 1024);
  const { read } = await readAll([{ name: 'small.log', data: Buffer.alloc(4096) }, { name: 'bomb.log', data: zeros }], { ratioFloorBytes: 64 * 1024 });
  assert.equal(read['small.log'], '4096 bytes');
  assert.match(read['bomb.log'] ?? '', /more than 400 times/);
});

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

test('bundle: 200 damaged zips are read or reported, never thrown, never hung', { timeout: 120_000 }, async () => {
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
