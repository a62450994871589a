import { crc32, hasSignature, u32, u64, type Checksum } from './bytes';
import { BinXmlError, ChunkContext, parseFragment } from './binxml';
import { NO_CRC32 } from './header';
import { renderRecord } from './program';

/**
 * One 64 KiB chunk: a 512-byte header (record numbers, the end of the records, two CRC-32s, the
 * string and template tables), then records, each `**\0\0`, its size, id, FILETIME, BinXML and the
 * size again. The caches of names and templates live and die with the chunk.
 */

export const CHUNK_SIZE = 0x10000;
export const CHUNK_HEADER = 512;
const RECORD_HEADER = 24;
/** Chunk flag 1: the chunk was still being written (the `evtx` crate's ChunkFlags::DIRTY). */
const CHUNK_DIRTY = 1;

export interface EvtxEvent {
  readonly recordId: bigint;
  /** File offset of the record. */
  readonly offset: number;
  /** The rendered `<Event …>…</Event>`, on one line unless its values hold line breaks. */
  readonly xml: string;
}

export interface EvtxNote {
  /** File offset of what could not be read. */
  readonly offset: number;
  readonly message: string;
}

export interface EvtxSink {
  event(e: EvtxEvent): void;
  note(n: EvtxNote): void;
}

const at16 = (n: number): string => `0x${n.toString(16)}`;

/** True for a block of zeros: space the log reserved but never wrote, not damage. */
export function isBlank(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) if (b[i] !== 0) return false;
  return true;
}

/** The note for a 64 KiB block at file offset `base` that is neither a chunk nor blank. */
export function noSignatureNote(base: number): EvtxNote {
  return { offset: base, message: `chunk at offset ${at16(base)} has no ElfChnk signature (damaged); its records were skipped` };
}

/** Reads every record of the chunk at file offset `base`; whatever cannot be read becomes a note. */
export function readChunk(chunk: Uint8Array, base: number, sink: EvtxSink, checksum: Checksum = crc32): void {
  if (!hasSignature(chunk, 0, 'ElfChnk\0')) {
    if (!isBlank(chunk)) sink.note(noSignatureNote(base));
    return;
  }
  const freeSpace = u32(chunk, 48) ?? 0;
  const end = freeSpace >= CHUNK_HEADER && freeSpace <= chunk.length ? freeSpace : chunk.length;
  if (end !== freeSpace) sink.note({ offset: base + 48, message: `chunk at offset ${at16(base)} gives an impossible end of records (${freeSpace}); read to the chunk's end` });
  // A chunk flagged NO_CRC32 carries no checksums to compare (its checksum fields are zero). One
  // flagged DIRTY was being written when the file was copied: its records checksum lags behind the
  // records appended since ("dirty files usually have bad checksums", evtx_dump's --validate-checksums
  // help, omerbenamram/evtx src/bin/evtx_dump.rs); every record was read, nothing is damaged.
  const flags = u32(chunk, 120) ?? 0;
  if ((flags & NO_CRC32) === 0) {
    const headerSum = checksum(chunk, [[0, 120], [128, CHUNK_HEADER]]);
    if (headerSum !== u32(chunk, 124)) sink.note({ offset: base + 124, message: `chunk at offset ${at16(base)}: header checksum does not match; read anyway` });
    else if (end === freeSpace && (flags & CHUNK_DIRTY) === 0 && checksum(chunk, [[CHUNK_HEADER, end]]) !== u32(chunk, 52)) {
      sink.note({ offset: base + 52, message: `chunk at offset ${at16(base)}: records checksum does not match; read anyway` });
    }
  }
  const lastId = u64(chunk, 32);
  const lastOffset = u32(chunk, 44) ?? 0;
  const ctx = new ChunkContext(chunk);
  let p = CHUNK_HEADER;
  let previous = (u64(chunk, 24) ?? 1n) - 1n;
  while (p + RECORD_HEADER <= end) {
    if (!hasSignature(chunk, p, '**\0\0')) {
      // Past the last record a chunk may hold zeros or old bytes: only a non-blank gap is news.
      if (!isBlank(chunk.subarray(p, Math.min(end, p + 8)))) sink.note({ offset: base + p, message: `no event record where one should start (offset ${at16(base + p)}); the rest of the chunk was skipped` });
      else if (p <= lastOffset && lastId !== undefined && lastId > previous) {
        // Zeros where the header says records still are: a copy of a live log whose last pages were not yet written.
        const missing = lastId === previous + 1n ? `record ${lastId} is` : `records ${previous + 1n} to ${lastId} are`;
        sink.note({ offset: base + p, message: `chunk at offset ${at16(base)} lists records up to ${lastId}, but its bytes from offset ${at16(base + p)} are blank; ${missing} missing` });
      }
      return;
    }
    const size = u32(chunk, p + 4) ?? 0;
    const recordId = u64(chunk, p + 8) ?? 0n;
    if (size < RECORD_HEADER + 4 || p + size > chunk.length) {
      sink.note({ offset: base + p, message: `event record ${recordId} at offset ${at16(base + p)} is cut off or its size (${size}) is damaged; the rest of the chunk was skipped` });
      return;
    }
    // A record ends with a copy of its size. Without it the record may not have been written whole (a
    // live log copied mid-write: the rest is zeros), so some of its values may be cut or blank. It is
    // still read, as the evtx crate reads it (the shared files' documented counts include such
    // records), with a note that its values may be cut or blank.
    const copy = u32(chunk, p + size - 4) ?? 0;
    if (copy !== size) sink.note({ offset: base + p, message: `event record ${recordId} at offset ${at16(base + p)} may be incomplete (the copy of its size at its end reads ${copy}, not ${size}); read anyway, its values may be cut or blank` });
    try {
      ctx.tokens = 0;
      const nodes = parseFragment(ctx, p + RECORD_HEADER, p + size - 4, false, 0).nodes;
      const xml = renderRecord(ctx, nodes);
      // A record whose BinXML is zeros renders to nothing: a blank line is no event.
      if (xml === '') sink.note({ offset: base + p, message: `event record ${recordId} at offset ${at16(base + p)} holds no event (its BinXML is blank)` });
      else sink.event({ recordId, offset: base + p, xml });
    } catch (e: unknown) {
      const why = e instanceof BinXmlError ? `${e.message} (offset ${at16(base + e.offset)})` : String(e);
      sink.note({ offset: base + p, message: `event record ${recordId} at offset ${at16(base + p)} could not be read: ${why}` });
    }
    // The header's last record id ends the walk as surely as its end offset: what follows is slack.
    if (recordId === lastId) return;
    previous = recordId;
    p += size;
  }
}
