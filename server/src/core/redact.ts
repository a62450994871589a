/**
 * Masks what identifies a customer in a log — UPNs and e-mail addresses, host names and FQDNs,
 * IPv4 and IPv6 addresses, GUIDs, SCEP challenges and `message=` payloads — with tokens of the same
 * shape, so the redacted log still parses as the same format and yields the same rule ids:
 * an IPv4 stays IPv4-shaped (documentation ranges), a GUID stays a GUID, every token is one
 * space-free word. One `Redactor` gives the same value the same token in every file of a run.
 * Pure: text in, text out.
 */

type RedactionKind = 'guid' | 'email' | 'user' | 'host' | 'ipv4' | 'ipv6' | 'payload' | 'secret' | 'blob';

export interface Redactor {
  /** A view for one file: shares the run's tokens, keeps the file's own state (IIS `#Fields`). */
  file(): TextRedactor;
  /** How many distinct values each kind has had masked so far. */
  counts(): Readonly<Record<RedactionKind, number>>;
}

export interface TextRedactor {
  /** Redacts text made of whole lines (a chunk may end inside a line only at the end of the file). */
  redact(text: string): string;
}

/** Host names that name public services, not a customer: schema namespaces, Microsoft endpoints. */
const PUBLIC_DOMAINS: readonly string[] = ['microsoft.com', 'microsoftonline.com', 'windows.net', 'w3.org', 'xmlsoap.org', 'example.invalid', 'example.com'];

/** Top-level labels that make a dotted word a host name (and not a .NET type or a file name). */
const TLDS = new Set([
  'com', 'net', 'org', 'edu', 'gov', 'mil', 'int', 'biz', 'info', 'io', 'cloud', 'local', 'lan', 'corp', 'internal', 'intranet',
  'intra', 'home', 'ad', 'domain', 'localdomain', 'arpa', 'uk', 'de', 'fr', 'nl', 'be', 'ch', 'at', 'au', 'ca', 'jp', 'se', 'no',
  'dk', 'fi', 'es', 'ie', 'nz', 'eu', 'us', 'cz', 'hu', 'it', 'br', 'mx', 'za', 'sg', 'hk', 'kr', 'cn', 'ru', 'lu', 'gr', 'tr',
]);

/** IIS columns that hold a host or a user, masked as a whole. */
const IIS_HOST_FIELDS = new Set(['s-computername', 'cs-host']);
const IIS_USER_FIELDS = new Set(['cs-username']);

// Each alternative starts only where its token starts (lookbehind), so one pass is linear in the text.
const PATTERN = new RegExp([
  /(?<blob>(?<![A-Za-z0-9+/=])[A-Za-z0-9+/]{200,}={0,2}(?![A-Za-z0-9+/=]))/.source,
  /(?<guid>(?<![\w-])[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![\w-]))/.source,
  /(?<email>(?<![\w.%+-])[\w.%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)/.source,
  /(?<=(?:^|[?&\s])message=)(?<payload>[^&\s"<;,]+)/.source,
  /(?<=challenge(?:[ _-]?password)?\s{0,3}[:=]\s{0,3})(?<secret>[^\s&"<,;]+)/.source,
  /(?<=\\\\)(?<unc>[A-Za-z0-9][A-Za-z0-9-]{0,62})(?=\\)/.source,
  /(?<=<Computer>)(?<computer>[^<\s]{1,255})(?=<\/Computer>)/.source,
  /(?<ipv6>(?<![\w:.%])(?:[0-9a-fA-F]{0,4}:){2,7}[0-9a-fA-F]{0,4}(?:%\w+)?(?![\w:]))/.source,
  /(?<ipv4>(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w]|\.\d))/.source,
  /(?<fqdn>(?<![\w.@-])[A-Za-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)+)/.source,
].join('|'), 'gi');

const NOT_SENSITIVE_IPV4 = new Set(['0.0.0.0', '127.0.0.1', '255.255.255.255']);

export function createRedactor(): Redactor {
  const tokens = new Map<string, string>();
  const counts: Record<RedactionKind, number> = { guid: 0, email: 0, user: 0, host: 0, ipv4: 0, ipv6: 0, payload: 0, secret: 0, blob: 0 };

  const token = (kind: RedactionKind, value: string, make: (n: number) => string): string => {
    const key = `${kind}\u0000${kind === 'payload' || kind === 'secret' || kind === 'blob' ? value : value.toLowerCase()}`;
    let t = tokens.get(key);
    if (t === undefined) {
      t = make(++counts[kind]);
      tokens.set(key, t);
    }
    return t;
  };

  const host = (value: string): string => token('host', value, (n) => `host-${n}`);
  const user = (value: string): string => token('user', value, (n) => `account-${n}`);

  const replace = (match: string, g: Readonly<Record<string, string | undefined>>): string => {
    if (g['blob'] !== undefined) return token('blob', match, (n) => `blob-${n}`);
    if (g['guid'] !== undefined) return /^[0-]+$/.test(match) ? match : token('guid', match, (n) => `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`);
    if (g['email'] !== undefined) return token('email', match, (n) => `user-${n}@example.invalid`);
    if (g['payload'] !== undefined) return /^default$/i.test(match) ? match : token('payload', match, (n) => `redacted-payload-${n}`);
    if (g['secret'] !== undefined) return token('secret', match, (n) => `redacted-secret-${n}`);
    if (g['unc'] !== undefined || g['computer'] !== undefined) return host(match);
    if (g['ipv6'] !== undefined) return ipv6(match);
    if (g['ipv4'] !== undefined) return ipv4(match);
    if (g['fqdn'] !== undefined) return isHostName(match) ? host(match) : match;
    return match;
  };

  const ipv4 = (value: string): string => {
    if (!value.split('.').every((o) => Number(o) <= 255) || NOT_SENSITIVE_IPV4.has(value)) return value;
    return token('ipv4', value, ipv4Token);
  };

  const ipv6 = (value: string): string => {
    const percent = value.indexOf('%');
    const address = percent >= 0 ? value.slice(0, percent) : value;
    const zone = percent >= 0 ? value.slice(percent) : '';
    if (!isIpv6(address) || address === '::1' || address === '::') return value;
    const linkLocal = /^fe[89ab]/i.test(address);
    return token('ipv6', address, (n) => `${linkLocal ? 'fe80' : '2001:db8'}::${n.toString(16)}`) + zone;
  };

  const redactLine = (line: string, fields: readonly string[] | undefined): string => {
    let text = line;
    if (fields && !line.startsWith('#')) {
      const cols = line.split(' ');
      if (cols.length === fields.length) {
        text = cols.map((c, i) => {
          const name = fields[i] ?? '';
          if (c === '-' || c === '') return c;
          if (IIS_HOST_FIELDS.has(name) && !c.includes('.')) return host(c);
          if (IIS_USER_FIELDS.has(name) && !c.includes('@')) return user(c);
          return c;
        }).join(' ');
      }
    }
    return text.replace(PATTERN, (...args: unknown[]) => {
      const groups = args[args.length - 1] as Readonly<Record<string, string | undefined>>;
      return replace(String(args[0]), groups);
    });
  };

  return {
    file(): TextRedactor {
      let fields: readonly string[] | undefined;
      return {
        redact(text: string): string {
          // Split keeping the line breaks, so offsets of the breaks and the line count are kept.
          const parts = text.split(/(\r\n|\n|\r)/);
          let out = '';
          for (let i = 0; i < parts.length; i++) {
            const part = parts[i] ?? '';
            if (i % 2 === 1) { out += part; continue; }
            const fieldsLine = /^\uFEFF?#Fields:\s*(.*)$/.exec(part);
            if (fieldsLine) fields = (fieldsLine[1] ?? '').trim().split(/\s+/);
            out += redactLine(part, fields);
          }
          return out;
        },
      };
    },
    counts: () => ({ ...counts }),
  };
}

/** `192.0.2.n`, `198.51.100.n`, `203.0.113.n` (RFC 5737 documentation ranges), then reserved 240/4. */
function ipv4Token(n: number): string {
  if (n <= 254) return `192.0.2.${n}`;
  if (n <= 508) return `198.51.100.${n - 254}`;
  if (n <= 762) return `203.0.113.${n - 508}`;
  const m = n - 762;
  return `240.${(m >> 16) & 255}.${(m >> 8) & 255}.${(m & 255) || 1}`;
}

function isIpv6(address: string): boolean {
  const doubles = address.split('::').length - 1;
  if (doubles > 1) return false;
  const groups = address.split(':').filter((g) => g !== '');
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return false;
  return doubles === 1 ? groups.length <= 7 && groups.length >= 1 : groups.length === 8;
}

/** A dotted word is a host when it ends in a known top-level label written in one case (not `System.Net`). */
function isHostName(word: string): boolean {
  const lower = word.toLowerCase();
  const tld = lower.slice(lower.lastIndexOf('.') + 1);
  const printedTld = word.slice(word.lastIndexOf('.') + 1);
  if (!TLDS.has(tld)) return false;
  if (printedTld !== tld && printedTld !== tld.toUpperCase()) return false;
  return !PUBLIC_DOMAINS.some((d) => lower === d || lower.endsWith('.' + d));
}

/** Redacts one text with a fresh redactor. */
export function redactText(text: string): string {
  return createRedactor().file().redact(text);
}
