import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { CHUNK_BYTES, readTextChunks } from '../../server/src/node/decode';

/**
 * The file reader: one buffer read from disk a megabyte at a time, decoded in small chunks. Every
 * encoding must come out whole whatever the chunk size, with characters cut at chunk and read
 * boundaries, and with the ASCII fast path taken and left.
 */

const dir = mkdtempSync(join(tmpdir(), 'ndes-decode-'));
after(() => { rmSync(dir, { recursive: true, force: true }); });

async function read(path: string, chunkBytes?: number): Promise<{ text: string; chunks: number; bytesRead: number }> {
  let text = '';
  let chunks = 0;
  let bytesRead = 0;
  for await (const c of readTextChunks(path, chunkBytes)) {
    assert.ok(c.bytesRead >= bytesRead, 'bytesRead never goes back');
    text += c.text;
    chunks++;
    bytesRead = c.bytesRead;
  }
  return { text, chunks, bytesRead };
}

// ASCII runs (the fast path), then two- to four-byte UTF-8 characters at every alignment, past one
// read (1 MB) so a character is also cut between two reads.
const line = 'Verify challenge returns false é € 😀 ï ';
const mixed = `${'A'.repeat(4095)}${line}\r\n`.repeat(300);

const cases: { name: string; bytes: Buffer; text: string }[] = [
  { name: 'utf-8 with BOM', bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(mixed, 'utf8')]), text: mixed },
  { name: 'utf-8 without BOM', bytes: Buffer.from(mixed, 'utf8'), text: mixed },
  { name: 'utf-16le with BOM', bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(mixed, 'utf16le')]), text: mixed },
  { name: 'utf-16be without BOM', bytes: Buffer.from(mixed, 'utf16le').swap16(), text: mixed },
];

for (const c of cases) {
  test(`readTextChunks: ${c.name} comes out whole at every chunk size`, async () => {
    const path = join(dir, `${c.name.replace(/\W+/g, '-')}.log`);
    writeFileSync(path, c.bytes);
    assert.ok(c.bytes.length > 1024 * 1024, 'crosses a read');
    for (const size of [undefined, 1, 3, 4097, 65_537]) {
      if (size !== undefined && size < 64 && c.bytes.length > 256 * 1024) {
        // One-byte chunks over a megabyte are slow to check: the first 256 KB show the same cuts.
        const head = join(dir, 'head.log');
        writeFileSync(head, c.bytes.subarray(0, 256 * 1024));
        const got = await read(head, size);
        assert.ok(c.text.startsWith(got.text), `${c.name}, ${size}-byte chunks`);
        assert.ok(got.text.length > 60_000, `${c.name}, ${size}-byte chunks`);
        continue;
      }
      const got = await read(path, size);
      assert.equal(got.text, c.text, `${c.name}, ${size ?? 'default'} chunks`);
      assert.equal(got.bytesRead, c.bytes.length);
      if (size === undefined) assert.ok(got.chunks >= Math.floor(c.bytes.length / CHUNK_BYTES), `chunks of ${CHUNK_BYTES} bytes by default`);
    }
  });
}

test('readTextChunks: an empty file gives no chunk; a missing one fails as the OS says', async () => {
  const empty = join(dir, 'empty.log');
  writeFileSync(empty, '');
  assert.deepEqual(await read(empty), { text: '', chunks: 0, bytesRead: 0 });
  await assert.rejects(read(join(dir, 'missing.log')), (e: NodeJS.ErrnoException) => e.code === 'ENOENT');
  await assert.rejects(read(dir), (e: NodeJS.ErrnoException) => e.code === 'EISDIR');
});
