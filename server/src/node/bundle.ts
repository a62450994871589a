import type { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import * as yauzl from 'yauzl';
import type { SkippedFile } from '../core/report/located';
import { skipReason } from './walk';

/**
 * Reading a support bundle (.zip) in place: entries are listed from the central directory, then
 * each is inflated as a stream when its turn comes, so one entry's bytes are in memory at a time
 * and nothing is written to disk. Entry names are only ever shown, never used as paths.
 */

/** How far a bundle may expand; every limit is checked on the bytes actually inflated, not on headers. */
export interface BundleLimits {
  /** Inflated bytes of one entry. */
  readonly maxEntryBytes: number;
  /** Inflated bytes of the whole bundle. */
  readonly maxTotalBytes: number;
  /** Inflated bytes per compressed byte of one entry, checked once it has inflated `ratioFloorBytes`. */
  readonly maxRatio: number;
  readonly ratioFloorBytes: number;
  /** Entries listed at most (names and sizes are kept until the bundle is read). */
  readonly maxEntries: number;
}

/**
 * Measured: the bench's IIS log deflates 17×, a CMTrace log of one failure with changing times 53×,
 * 100,000 near-identical rendered events 101×; a deflate bomb reaches 1,000×. Real support bundles
 * are a few hundred MB unpacked, so the size caps only bound the time a hostile one costs.
 */
export const BUNDLE_LIMITS: BundleLimits = {
  maxEntryBytes: 2 * 1024 ** 3,
  maxTotalBytes: 8 * 1024 ** 3,
  maxRatio: 400,
  ratioFloorBytes: 1024 ** 2,
  maxEntries: 100_000,
};

/** One file of the bundle, named `bundle.zip!path/inside/file.log`. */
interface BundleEntry {
  /** As shown in output. */
  readonly path: string;
  /** The entry's own file name (the last part of its name), for recognising its format. */
  readonly fileName: string;
  /** Its inflated bytes; the limits are enforced as they arrive. Read it before the next entry. */
  bytes(): AsyncIterable<Uint8Array>;
  /** Its size as the bundle says (a hint only: the limits go by the bytes inflated). */
  readonly size: number;
}

/** A limit reached while inflating: the entry is not analysed. */
export class BundleLimitError extends Error {}

const STORED = 0;
const DEFLATED = 8;

interface Listed {
  readonly entry: yauzl.Entry;
  readonly name: string;
  readonly segments: readonly string[];
}

/**
 * The entries of a bundle worth reading, in the order a walk of the unzipped folder reads them;
 * the others go to `skipped` with the reason. Throws when the file is not a readable zip.
 */
export async function* bundleEntries(zipPath: string, skipped: SkippedFile[], limits: BundleLimits = BUNDLE_LIMITS): AsyncGenerator<BundleEntry> {
  // Names are decoded here (decodeStrings off): yauzl would refuse the whole bundle over one odd name.
  const zip = await yauzl.openPromise(zipPath, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: false });
  try {
    const listed: Listed[] = [];
    const passed: { readonly segments: readonly string[]; readonly file: SkippedFile }[] = [];
    for await (const entry of zip.eachEntry()) {
      const name = entryName(entry);
      if (name.endsWith('/')) continue; // a folder
      const shown = `${zipPath}!${name}`;
      if (listed.length >= limits.maxEntries) {
        skipped.push({ path: shown, reason: `the bundle lists more than ${limits.maxEntries} entries` });
        continue;
      }
      const why = unreadable(entry, name);
      if (why !== undefined) { passed.push({ segments: name.split('/'), file: { path: shown, reason: why } }); continue; }
      listed.push({ entry, name, segments: name.split('/') });
    }
    // Both in the order the unzipped folder's walk takes them, so the bundle lists as the folder does.
    listed.sort((a, b) => walkOrder(a.segments, b.segments));
    for (const p of passed.sort((a, b) => walkOrder(a.segments, b.segments))) skipped.push(p.file);
    const budget = { total: 0 };
    for (const { entry, name, segments } of listed) {
      const path = `${zipPath}!${name}`;
      if (budget.total >= limits.maxTotalBytes) {
        skipped.push({ path, reason: `the bundle had already inflated ${limits.maxTotalBytes} bytes (the cap for one bundle)` });
        continue;
      }
      yield { path, fileName: segments[segments.length - 1] ?? name, bytes: () => inflated(zip, entry, budget, limits), size: entry.uncompressedSize };
    }
  } finally {
    zip.close();
  }
}

/** The entry's name as the archiver wrote it (UTF-8 flag, Info-ZIP Unicode path, else CP437), `\` as `/`. */
function entryName(entry: yauzl.Entry): string {
  const raw: unknown = entry.fileName;
  const name = Buffer.isBuffer(raw) ? yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, raw, entry.extraFields, false) : String(raw);
  // Shown only: no control character may reach a terminal, no empty name.
  // eslint-disable-next-line no-control-regex
  return name.replace(/[\u0000-\u001f\u007f]/g, '\uFFFD') || '(no name)';
}

/** Why an entry is not read: what a folder walk passes over, a nested zip, encryption, an unknown method. */
function unreadable(entry: yauzl.Entry, name: string): string | undefined {
  if (/\.zip$/i.test(name)) return 'a zip inside the bundle is not opened (one level only): unzip it and name it on its own';
  // `..` and `.` are not hidden folders: such names are shown as they are and read from the bundle.
  const why = skipReason(name.split('/').filter((s) => s !== '.' && s !== '..').join('/'));
  if (why !== undefined) return why;
  if (entry.isEncrypted()) return 'encrypted';
  if (isSymbolicLink(entry)) return 'a symbolic link (its target is not followed)';
  if (entry.compressionMethod !== STORED && entry.compressionMethod !== DEFLATED) return `compression method ${entry.compressionMethod} is not supported (only stored and deflated)`;
  return undefined;
}

/** A link stored by a Unix archiver: its data is the target's path, which must never be followed or read as a log. */
function isSymbolicLink(entry: yauzl.Entry): boolean {
  const unix = entry.versionMadeBy >> 8 === 3;
  return unix && ((entry.externalFileAttributes >>> 16) & 0o170000) === 0o120000;
}

/**
 * A folder walk's order: in each folder its files by name, then its subfolders by name.
 * `a` and `b` are names split at `/`.
 */
function walkOrder(a: readonly string[], b: readonly string[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    if (x === y) continue;
    const xFile = i === a.length - 1;
    const yFile = i === b.length - 1;
    if (xFile !== yFile) return xFile ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

/** One entry's bytes, raw from the bundle and inflated here so every limit counts real bytes. */
async function* inflated(zip: yauzl.ZipFile, entry: yauzl.Entry, budget: { total: number }, limits: BundleLimits): AsyncGenerator<Uint8Array> {
  const raw: Readable = await zip.openReadStreamPromise(entry, { decodeFileData: false });
  let compressed = 0;
  let inflate: Readable = raw;
  if (entry.compressionMethod === DEFLATED) {
    raw.on('data', (c: Buffer) => { compressed += c.length; });
    raw.on('error', (e) => { inflate.destroy(e); });
    // Pieces of 256 KB rather than zlib's 16 KB: each piece costs a round through the stream, the
    // decoder and the scanners. 50 MB of IIS log in a bundle: 1.2-1.9 s → 1.0-1.5 s, about the file's time.
    inflate = raw.pipe(createInflateRaw({ chunkSize: 256 * 1024 }));
  }
  let out = 0;
  try {
    for await (const piece of inflate as AsyncIterable<Buffer>) {
      out += piece.length;
      if (inflate === raw) compressed = out;
      budget.total += piece.length;
      if (out > limits.maxEntryBytes) throw new BundleLimitError(`expands past ${limits.maxEntryBytes} bytes (the cap for one entry)`);
      if (budget.total > limits.maxTotalBytes) throw new BundleLimitError(`the bundle expands past ${limits.maxTotalBytes} bytes (the cap for one bundle)`);
      if (out > limits.ratioFloorBytes && out > compressed * limits.maxRatio) {
        throw new BundleLimitError(`expands more than ${limits.maxRatio} times its compressed size (a zip bomb?)`);
      }
      yield piece;
    }
  } finally {
    raw.destroy();
    if (inflate !== raw) inflate.destroy();
  }
}
