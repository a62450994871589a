import { CHUNK_SIZE, isBlank, noSignatureNote, readChunk, type EvtxNote, type EvtxSink } from './chunk';
import { crc32, hasSignature, type Checksum } from './bytes';
import { FILE_HEADER, isEvtx, readHeader, type EvtxHeader } from './header';

/**
 * Reads an EVTX file pushed in pieces of any size, holding one 64 KiB chunk at a time: memory stays
 * flat however large the file. Every 64 KiB block after the header is tried, so chunks the header
 * does not count (a dirty file copied from a live system) are read too; a block that is not a chunk
 * becomes a note unless it is blank. Past the header's chunk count, such a block is only damage when
 * a chunk follows it: blocks after the last chunk are space the log grew into but never wrote (on a
 * copy taken from the disk, whatever bytes were there before), so they are left out without a note,
 * as the evtx crate stops at them.
 */
export class EvtxReader {
  private readonly block = new Uint8Array(CHUNK_SIZE);
  private filled = 0;
  /** File offset of the block being filled. */
  private base = 0;
  private header: EvtxHeader | undefined;
  private done = false;
  /** Notes for non-chunk blocks past the header's count, written only if a chunk follows them. */
  private pending: EvtxNote[] = [];

  constructor(private readonly sink: EvtxSink, private readonly checksum: Checksum = crc32) {}

  get fileHeader(): EvtxHeader | undefined { return this.header; }

  push(bytes: Uint8Array): void {
    let at = 0;
    while (at < bytes.length && !this.done) {
      const want = (this.base === 0 ? FILE_HEADER : CHUNK_SIZE) - this.filled;
      const n = Math.min(want, bytes.length - at);
      if (this.filled === 0 && n === want) {
        // A whole block in the pushed bytes is read where it is: no copy.
        this.filled = n;
        this.flush(bytes.subarray(at, at + n), false);
        at += n;
        continue;
      }
      this.block.set(bytes.subarray(at, at + n), this.filled);
      this.filled += n;
      at += n;
      if (n === want) this.flush(this.block.subarray(0, this.filled), false);
    }
  }

  end(): void {
    if (!this.done && this.filled > 0) this.flush(this.block.subarray(0, this.filled), true);
    this.done = true;
  }

  private flush(bytes: Uint8Array, partial: boolean): void {
    if (this.base === 0) {
      this.header = readHeader(bytes, this.checksum);
      if (partial && isEvtx(bytes)) {
        this.sink.note({ offset: this.filled, message: `file ends inside its header (${this.filled} bytes); no chunk to read` });
        this.done = true;
        return;
      }
      if (!this.header) {
        this.sink.note({ offset: 0, message: 'not an EVTX file: no ElfFile signature at offset 0' });
        this.done = true;
        return;
      }
      if (!this.header.checksumOk) this.sink.note({ offset: 124, message: 'file header checksum does not match; read anyway' });
      this.base = FILE_HEADER;
    } else {
      if (partial) {
        this.sink.note({ offset: this.base, message: `file ends inside a chunk (${this.filled} of ${CHUNK_SIZE} bytes at offset 0x${this.base.toString(16)}); its complete records were read` });
      }
      const uncounted = (this.base - FILE_HEADER) / CHUNK_SIZE >= (this.header?.chunkCount ?? 0);
      if (hasSignature(bytes, 0, 'ElfChnk\0')) {
        for (const n of this.pending) this.sink.note(n);
        this.pending = [];
      } else if (uncounted && !partial && !isBlank(bytes)) {
        this.pending.push(noSignatureNote(this.base));
        this.base += CHUNK_SIZE;
        this.filled = 0;
        return;
      }
      readChunk(partial ? padded(bytes) : bytes, this.base, this.sink, this.checksum);
      this.base += CHUNK_SIZE;
    }
    this.filled = 0;
  }
}

/** A cut-off chunk read as if its missing end were zeros: records that are whole still count. */
function padded(bytes: Uint8Array): Uint8Array {
  const full = new Uint8Array(CHUNK_SIZE);
  full.set(bytes);
  return full;
}
