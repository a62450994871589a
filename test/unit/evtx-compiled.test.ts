import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CATALOGUE } from '../../server/src/core/catalogue';
import { ChunkContext, parseFragment } from '../../server/src/core/evtx/binxml';
import { hasSignature, u32 } from '../../server/src/core/evtx/bytes';
import { CHUNK_HEADER, CHUNK_SIZE } from '../../server/src/core/evtx/chunk';
import { FILE_HEADER } from '../../server/src/core/evtx/header';
import { renderCompiled } from '../../server/src/core/evtx/program';
import { renderNodes } from '../../server/src/core/evtx/render';
import { concat, le, T, utf16le } from '../support/evtx/encode';
import { CONNECTOR, eventOf, sampleEvent } from '../support/evtx/events';
import { REPO_ROOT } from '../support/paths';
import { el, typed, writeEvtx } from '../support/evtx/writer';

/**
 * Records are rendered by their templates' compiled programs (`program.ts`); the tree renderer
 * (`render.ts`) is the reference. Every record of the shared real files and of written files with
 * arrays, nested BinXML and absent optional values renders the same both ways, by the compiled path
 * alone (before any hand-over to the tree renderer).
 */
function renderBothWays(file: Uint8Array): { records: number; compiled: string[]; tree: string[] } {
  const compiled: string[] = [];
  const tree: string[] = [];
  const outcome = (render: () => string): string => { try { return render(); } catch (e: unknown) { return `error: ${String(e)}`; } };
  for (let base = FILE_HEADER; base + CHUNK_SIZE <= file.length; base += CHUNK_SIZE) {
    const chunk = file.subarray(base, base + CHUNK_SIZE);
    if (!hasSignature(chunk, 0, 'ElfChnk\0')) continue;
    const ctx = new ChunkContext(chunk);
    for (let p = CHUNK_HEADER; p + 24 <= chunk.length && hasSignature(chunk, p, '**\0\0');) {
      const size = u32(chunk, p + 4) ?? 0;
      if (size < 28 || p + size > chunk.length) break;
      const parsed = outcome(() => { ctx.tokens = 0; return JSON.stringify(parseFragment(ctx, p + 24, p + size - 4, false, 0).nodes.length); });
      if (!parsed.startsWith('error')) {
        const nodes = parseFragment(ctx, p + 24, p + size - 4, false, 0).nodes;
        compiled.push(outcome(() => { ctx.tokens = 0; return renderCompiled(ctx, nodes); }));
        tree.push(outcome(() => { ctx.tokens = 0; return renderNodes(ctx, nodes, 0); }));
      }
      p += size;
    }
  }
  return { records: compiled.length, compiled, tree };
}

const SHARED = join(REPO_ROOT, '..', 'shared', 'evtx');
for (const name of ['CAPI2-Operational.evtx', 'Application_no_crc32.evtx', 'sample_with_a_bad_chunk_magic.evtx', 'sample-with-zero-data-size-event.evtx']) {
  test(`evtx compiled: every record of ${name} renders as the tree renderer renders it`, (t) => {
    if (!existsSync(join(SHARED, name))) { t.skip('shared .evtx files not present'); return; }
    const { records, compiled, tree } = renderBothWays(readFileSync(join(SHARED, name)));
    assert.ok(records > 10, `${records} records`);
    // Without handing over: the compiled path itself renders each record as the reference does.
    assert.deepEqual(compiled, tree);
  });
}

test('evtx compiled: arrays, nested BinXML, absent optional values and every rule sample render as the tree renderer renders them', () => {
  const strings = concat(['one', 'tw<o', "thr'ee"].map((s) => utf16le(`${s}\0`)));
  const nested = el('Revoked', [['xmlns', { literal: 'urn:test' }]], [el('Serial', [], ['0A&1B']), el('Reason', [], [typed(T.uint32, le(4, 4))])]);
  const events = [
    el('Event', [], [
      el('System', [], [el('EventID', [], [typed(T.uint16, le(3001, 2))]), el('Correlation', [['ActivityID', typed(0, new Uint8Array(0))]])]),
      el('EventData', [], [
        el('Data', [['Name', 'strings']], [typed(T.array | T.string, strings)]),
        el('Data', [['Name', typed(T.string, utf16le("it's <here>"))]], [typed(T.array | T.uint16, concat([le(1, 2), le(2, 2)]))]),
      ]),
      el('UserData', [], [{ nested }]),
    ]),
    eventOf({ provider: CONNECTOR, eventId: 4005, level: 2, channel: `${CONNECTOR}/Operational`, time: '2024-03-05T07:00:00.0000000Z', data: [['Result', 'a & b <c>']] }),
    ...CATALOGUE.filter((s) => s.formats.includes('windows-event-log')).flatMap((s) => s.samples.positive.map((p) => sampleEvent(s.id, p))),
  ];
  const { records, compiled, tree } = renderBothWays(writeEvtx(events));
  assert.equal(records, events.length);
  assert.deepEqual(compiled, tree);
  assert.match(compiled[0] ?? '', /<Data Name='strings'>one<\/Data><Data Name='strings'>tw&lt;o<\/Data>/);
});
