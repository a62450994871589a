import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { SkippedFile } from '../../server/src/core/report/located';
import { BUNDLE_LIMITS, BundleLimitError, bundleEntries, type BundleLimits } from '../../server/src/node/bundle';
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
