import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';

/**
 * A small ZIP writer for tests: honest bundles, and the dishonest ones a reader must survive
 * (names that climb out of the folder, encrypted or unknown-method entries, sizes that lie).
 */
export interface ZipEntrySpec {
  readonly name: string;
  readonly data: Buffer | string;
  /** Default deflate. */
  readonly method?: 'store' | 'deflate';
  /** Any other method id, written as is (the data stays stored). */
  readonly methodId?: number;
  /** Sets the "encrypted" flag (the data is not really encrypted). */
  readonly encrypted?: boolean;
  /** The uncompressed size the headers claim, instead of the true one. */
  readonly claimedSize?: number;
  /** Stored as a Unix symbolic link (the data is the target's path). */
  readonly symlink?: boolean;
}

export function zipBytes(entries: readonly ZipEntrySpec[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const data = typeof e.data === 'string' ? Buffer.from(e.data, 'utf8') : e.data;
    const deflate = (e.method ?? 'deflate') === 'deflate' && e.methodId === undefined;
    const body = deflate ? deflateRawSync(data) : data;
    const method = e.methodId ?? (deflate ? 8 : 0);
    const flags = (e.encrypted ? 0x1 : 0) | 0x800; // names in UTF-8
    const name = Buffer.from(e.name, 'utf8');
    const crc = crc32(data);
    const size = e.claimedSize ?? data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0, 10); // time
    local.writeUInt16LE(0x5865, 12); // date: 2024-03-05
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(e.symlink ? (3 << 8) | 20 : 20, 4); // made by: Unix for a link
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x5865, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    if (e.symlink) central.writeUInt32LE((0o120777 << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** Every file under `folder`, named by its path below it with `/`, in the order the file system lists them. */
export function folderEntries(folder: string): ZipEntrySpec[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => {
      const path = join(d.parentPath, d.name);
      return { name: relative(folder, path).split(sep).join('/'), data: readFileSync(path) };
    })
    // Reversed, so a reader that kept the zip's order would read the folder in another order than a walk.
    .reverse();
}
