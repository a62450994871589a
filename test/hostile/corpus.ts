/**
 * The hostile-input corpus. Everything is generated at test time (nothing big is committed). Each
 * case says what the editor or the core sees (`text`: bytes decoded the way VS Code would without
 * a guessed encoding), what the CLI reads (`bytes`, decoded by its own sniffing), and which rule
 * ids must come out of each: a clear note about the file, and the evidence around it still found.
 */
export interface HostileCase {
  readonly name: string;
  readonly fileName: string;
  readonly languageId: string;
  /** The document text as an editor holds it. */
  readonly text: () => string;
  /** The file on disk, for the CLI (default: `text` as UTF-8). */
  readonly bytes?: () => Buffer;
  /** Rule ids (sorted, unique) through the core and the language server. */
  readonly ids: readonly string[];
  /** Rule ids through the CLI when they differ (the CLI decodes UTF-16 itself). */
  readonly cliIds?: readonly string[];
  /** A notice whose message must say this. */
  readonly message?: { readonly ruleId: string; readonly says: RegExp };
}

const PLUGIN = 'Calling VerifyRequest ...\r\nSending request to certificate registration point.\r\nVerify challenge returns false\r\n';
const CRP_EVENT = (body: string): string =>
  `<E2ETraceEvent xmlns="http://schemas.microsoft.com/2004/06/E2ETraceEvent"><System xmlns="http://schemas.microsoft.com/2004/06/windows/eventlog/system"><EventID>0</EventID><SubType Name="Error">0</SubType><Source Name="CertificateRegistrationPoint" /><Computer>NDESSRV07</Computer></System><ApplicationData>${body}</ApplicationData></E2ETraceEvent>\r\n`;
const IIS_HEAD = '#Software: Microsoft Internet Information Services 10.0\r\n#Version: 1.0\r\n';
const FIELDS_A = '#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken\r\n';
const FIELDS_B = '#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) sc-status sc-substatus sc-win32-status time-taken\r\n';
const IIS_403_A = '2024-03-05 08:14:03 10.1.2.3 POST /CertificateRegistrationSvc/Certificate/VerifyRequest - 443 - 10.1.2.3 NDES_Plugin - 403 16 2148204809 31\r\n';
const IIS_403_B = '2024-03-05 09:14:03 10.1.2.3 POST /CertificateRegistrationSvc/Certificate/VerifyRequest - 443 - 10.1.2.3 NDES_Plugin 403 16 2148204809 31\r\n';

export const ENTITY_BOMB = '<?xml version="1.0"?>\r\n<!DOCTYPE lolz [\r\n <!ENTITY lol "lol">\r\n'
  + Array.from({ length: 9 }, (_, i) => ` <!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">\r\n`).join('')
  + ']>\r\n';

function binaryJunk(n: number): string {
  let junk = '';
  for (let i = 0; i < n; i++) junk += String.fromCharCode((i * 7919) % 32);
  return junk;
}

const utf16le = (s: string): Buffer => Buffer.from(s, 'utf16le');
const utf16be = (s: string): Buffer => utf16le(s).swap16();
const BOM_LE = Buffer.from([0xff, 0xfe]);
const BOM_BE = Buffer.from([0xfe, 0xff]);
const UTF16_MESSAGE = { ruleId: 'NDES-LENS-UNPARSEABLE', says: /UTF-16/ } as const;

/** How an editor that assumed UTF-8 shows bytes that are not (what VS Code does without a BOM guess). */
export const asUtf8 = (bytes: Buffer): string => bytes.toString('utf8');

export const TEN_MB = 10 * 1024 * 1024;

export const HOSTILE: readonly HostileCase[] = [
  { name: 'empty file', fileName: 'NDESPlugin.log', languageId: 'ndesplugin-log', text: () => '', ids: ['NDES-LENS-EMPTY'] },
  {
    name: 'binary bytes before readable lines', fileName: 'NDESPlugin.log', languageId: 'log', text: () => binaryJunk(3000) + '\n' + PLUGIN,
    ids: ['NDES-LENS-UNPARSEABLE', 'NDES-PLUGIN-VERIFY-FALSE', 'NDES-PLUGIN-VERIFY-SENT'],
    message: { ruleId: 'NDES-LENS-UNPARSEABLE', says: /does not look like a text log/ },
  },
  ...([
    ['UTF-16 LE with BOM', (s: string) => Buffer.concat([BOM_LE, utf16le(s)])],
    ['UTF-16 LE without BOM', utf16le],
    ['UTF-16 BE with BOM', (s: string) => Buffer.concat([BOM_BE, utf16be(s)])],
    ['UTF-16 BE without BOM', utf16be],
  ] as const).map(([name, encode]): HostileCase => ({
    name, fileName: 'NDESPlugin.log', languageId: 'log', text: () => asUtf8(encode(PLUGIN.repeat(3))), bytes: () => encode(PLUGIN.repeat(3)),
    ids: ['NDES-LENS-UNPARSEABLE'], cliIds: ['NDES-PLUGIN-VERIFY-FALSE', 'NDES-PLUGIN-VERIFY-SENT'], message: UTF16_MESSAGE,
  })),
  {
    name: 'a 10 MB single line', fileName: 'NDESPlugin.log', languageId: 'ndesplugin-log', text: () => 'Verify challenge returns false ' + 'A'.repeat(TEN_MB),
    ids: ['NDES-LENS-LONG-RECORD', 'NDES-PLUGIN-VERIFY-FALSE'],
  },
  {
    name: 'truncated svclog', fileName: 'CertificateRegistrationPoint_03_05.svclog', languageId: 'wcf-svclog',
    text: () => CRP_EVENT('VerifyRequest Started.') + CRP_EVENT('VerifyRequest Finished with status False').slice(0, -20),
    ids: ['NDES-CRP-VERIFY-FINISHED-FALSE', 'NDES-LENS-TRUNCATED-RECORD'],
  },
  {
    name: 'svclog with a DOCTYPE and an entity-expansion bomb', fileName: 'CertificateRegistrationPoint_03_05.svclog', languageId: 'wcf-svclog',
    text: () => ENTITY_BOMB + CRP_EVENT('&lol9; VerifyRequest Finished with status False &lol9;'),
    ids: ['NDES-CRP-VERIFY-FINISHED-FALSE', 'NDES-LENS-DTD-IGNORED'],
    message: { ruleId: 'NDES-LENS-DTD-IGNORED', says: /never reads a DTD or expands its entities/ },
  },
  {
    name: '#Fields change mid-file', fileName: 'u_ex240305.log', languageId: 'iis-w3c-log',
    text: () => IIS_HEAD + FIELDS_A + IIS_403_A + IIS_HEAD + FIELDS_B + IIS_403_B,
    ids: ['NDES-IIS-CRP-403-16', 'NDES-LENS-FIELDS-CHANGED'],
  },
  {
    name: 'mixed CRLF, LF and CR line breaks', fileName: 'NDESPlugin.log', languageId: 'ndesplugin-log',
    text: () => 'Calling VerifyRequest ...\nSending request to certificate registration point.\r\n\rVerify challenge returns false\r',
    ids: ['NDES-PLUGIN-VERIFY-FALSE', 'NDES-PLUGIN-VERIFY-SENT'],
  },
  {
    name: 'NUL bytes: a zero-filled head, then the log', fileName: 'NDESPlugin.log', languageId: 'ndesplugin-log',
    text: () => '\u0000'.repeat(5000) + '\r\n' + PLUGIN + '\u0000'.repeat(64) + '\r\nVerify challenge returns false\u0000\r\n',
    ids: ['NDES-LENS-UNPARSEABLE', 'NDES-PLUGIN-VERIFY-FALSE', 'NDES-PLUGIN-VERIFY-SENT'],
  },
  {
    name: 'unknown format', fileName: 'notes.dat', languageId: 'plaintext',
    text: () => 'Lorem ipsum dolor sit amet\n{"json": true, "nested": [1, 2, 3]}\n<root><child/></root>\n\u00e9\u00e8\u4e2d\u6587 \uD83D\uDE00\n',
    ids: [],
  },
];
