/**
 * How Windows tools put text on disk: cmd.exe redirection writes the OEM or ANSI code page,
 * PowerShell 5.1's `>` and Out-File write UTF-16 LE with a BOM, regedit writes UTF-16 LE with a
 * BOM, .NET StreamWriter writes UTF-8 (with a BOM or not), and a few tools write UTF-16 without one.
 */
export type Encoding = 'utf8' | 'utf8-bom' | 'utf16le-bom' | 'utf16le' | 'utf16be-bom' | 'cp1252';

/** Windows-1252 for the characters a generated file uses (the rest become '?'). */
const CP1252: Readonly<Record<string, number>> = {
  '€': 0x80, '‚': 0x82, '„': 0x84, '…': 0x85, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96, '—': 0x97, '™': 0x99,
};

export function encode(text: string, encoding: Encoding): Buffer {
  switch (encoding) {
    case 'utf8': return Buffer.from(text, 'utf8');
    case 'utf8-bom': return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf16le': return Buffer.from(text, 'utf16le');
    case 'utf16le-bom': return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf16be-bom': {
      const le = Buffer.from(text, 'utf16le');
      const be = Buffer.alloc(le.length + 2);
      be[0] = 0xfe;
      be[1] = 0xff;
      for (let i = 0; i + 1 < le.length; i += 2) {
        be[i + 2] = le[i + 1] ?? 0;
        be[i + 3] = le[i] ?? 0;
      }
      return be;
    }
    case 'cp1252': {
      const out = Buffer.alloc(text.length);
      let n = 0;
      for (const ch of text) {
        const code = ch.codePointAt(0) ?? 0x3f;
        out[n++] = code < 0x80 || (code >= 0xa0 && code <= 0xff) ? code : (CP1252[ch] ?? 0x3f);
      }
      return out.subarray(0, n);
    }
  }
}

/** Windows line ends. */
export function crlf(lines: readonly string[]): string {
  return lines.join('\r\n') + '\r\n';
}
