import { crc32, hasSignature, u16, u32, u64, type Checksum } from './bytes';

/** The 4 KiB file header: `ElfFile\0`, chunk and record counters, version, flags, CRC-32. */
export const FILE_HEADER = 0x1000;

export interface EvtxHeader {
  readonly nextRecordId: bigint;
  readonly chunkCount: number;
  readonly version: string;
  /** Flag 1: the log was not closed cleanly (copied from a live system). */
  readonly dirty: boolean;
  readonly checksumOk: boolean;
}

/**
 * Flag 4 of the file header and of each chunk header: the writer keeps no CRC-32 and leaves the
 * checksum fields zero (Windows 10 format 3.2 logs; the `evtx` crate's `NO_CRC32`,
 * omerbenamram/evtx src/evtx_file_header.rs and src/evtx_chunk.rs). Nothing is damaged then.
 */
export const NO_CRC32 = 4;

/** True when the bytes start like an EVTX file, whatever the file is called. */
export function isEvtx(head: Uint8Array): boolean {
  return hasSignature(head, 0, 'ElfFile\0');
}

export function readHeader(b: Uint8Array, checksum: Checksum = crc32): EvtxHeader | undefined {
  if (!isEvtx(b) || b.length < 128) return undefined;
  return {
    nextRecordId: u64(b, 24) ?? 0n,
    chunkCount: u16(b, 42) ?? 0,
    version: `${u16(b, 38) ?? 0}.${u16(b, 36) ?? 0}`,
    dirty: ((u32(b, 120) ?? 0) & 1) === 1,
    checksumOk: ((u32(b, 120) ?? 0) & NO_CRC32) !== 0 || checksum(b, [[0, 120]]) === u32(b, 124),
  };
}
