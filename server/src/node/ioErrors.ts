/** A Node file-system error in words (`ENOENT` → "no such file or folder"). */
export function describeIoError(e: unknown): string {
  const code = typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : '';
  switch (code) {
    case 'ENOENT': return 'no such file or folder';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'is a folder';
    case 'ENOTDIR': return 'not a folder';
    case 'EMFILE': case 'ENFILE': return 'too many open files';
    case 'ELOOP': return 'too many symbolic links';
    case 'ENOSPC': return 'no space left on the device';
    case 'EEXIST': return 'already exists';
    default: return e instanceof Error ? e.message.replace(/^[A-Z]+: /, '') : String(e);
  }
}
