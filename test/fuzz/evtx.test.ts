import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { createEvtxText, evtxToText } from '../../server/src/core/evtx';
import { ascii, le } from '../support/evtx/encode';
import { CONNECTOR, eventOf } from '../support/evtx/events';
import { writeEvtx } from '../support/evtx/writer';

/**
 * The EVTX reader on damaged input: cut anywhere, bytes flipped, length and offset fields set to
 * absurd values. It must return (no throw, no hang) with text bounded by what it was given.
 */
const FILE = writeEvtx(Array.from({ length: 200 }, (_, i) => eventOf({
  provider: CONNECTOR, guid: '{E5F5A3B1-6A0E-4C1B-9D6B-6F1D0E5D2C11}', eventId: 4000 + (i % 12), channel: `${CONNECTOR}/Operational`,
  ...(i % 3 === 0 ? { userData: `<Revoke><Serial>${i}</Serial></Revoke>` } : { data: [['Index', String(i)], ['Text', 'y'.repeat(i % 50)]] }),
})));
const EVENTS = (evtxToText(FILE).match(/<Event /g) ?? []).length;

/** Output grows with input and no faster: every record renders from its own bytes or a few KiB of templates. */
function checkBounded(bytes: Uint8Array): void {
  const reader = createEvtxText();
  let length = 0;
  for (let at = 0; at < bytes.length; at += 65536) length += reader.push(bytes.subarray(at, at + 65536)).length;
  length += reader.end().length;
  assert.ok(length < 64 * 1024 * 1024, `rendered ${length} characters from ${bytes.length} bytes`);
  assert.ok(reader.events <= EVENTS + 1000);
}

test('evtx fuzz: a file cut at any length reads what is whole and notes the rest', () => {
  fc.assert(fc.property(fc.integer({ min: 0, max: FILE.length }), (n) => {
    checkBounded(FILE.subarray(0, n));
  }), { numRuns: 300 });
});

test('evtx fuzz: flipped bytes anywhere never stop the reader', () => {
  fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: FILE.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 40 }), (flips) => {
    const bytes = FILE.slice();
    for (const [at, v] of flips) bytes[at] = v;
    checkBounded(bytes);
  }), { numRuns: 300 });
});

const ABSURD = [0, 1, 0x7fff, 0xffff, 0x10000, 0x7fffffff, 0xffffffff, 0x1fc, 0x200];

test('evtx fuzz: absurd sizes and offsets in headers, records, templates and names', () => {
  // The first records of the first chunk hold every kind of length field: record sizes, template
  // definition offsets and sizes, substitution counts and sizes, name offsets and character counts.
  fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 0x1000 + 0x1200 }), fc.constantFrom(...ABSURD), fc.constantFrom(2, 4)), { minLength: 1, maxLength: 8 }), (edits) => {
    const bytes = FILE.slice();
    for (const [at, v, width] of edits) bytes.set(le(width === 2 ? v & 0xffff : v, width).subarray(0, Math.max(0, Math.min(width, bytes.length - at))), at);
    checkBounded(bytes);
  }), { numRuns: 500 });
});

test('evtx fuzz: random bytes after a valid signature, and a chunk of random bytes after a valid file header', () => {
  fc.assert(fc.property(fc.uint8Array({ minLength: 0, maxLength: 70000 }), (noise) => {
    const a = new Uint8Array(8 + noise.length);
    a.set([0x45, 0x6c, 0x66, 0x46, 0x69, 0x6c, 0x65, 0x00]);
    a.set(noise, 8);
    checkBounded(a);
    const b = FILE.slice(0, 0x1000 + 0x10000);
    b.set(ascii('ElfChnk\0'), 0x1000);
    b.set(noise.subarray(0, 0x10000 - 8), 0x1008);
    checkBounded(b);
  }), { numRuns: 100 });
});
