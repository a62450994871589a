/** Symbolic names printed in the text, looked up in the symbol index. */
import { decodeSymbol } from '../symbols';
import { isWordChar, type Scan } from './scan';

/** Longest identifier worth a lookup (the longest table name is well below this). */
const MAX_IDENT = 64;
/** CamelCase names (no underscore) that are looked up: SCEP enum names and unified-connector event names. */
const CAMEL_PREFIXES: readonly string[] = ['SCEP', 'Scep', 'Pkcs', 'Revoke', 'HealthMessage'];

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/**
 * Identifier-like tokens worth a lookup: names with an underscore (CERT_E_*, WINHTTP_*, EVENT_MSCEP_*,
 * URL_Length, Invalid_CR/LF, ...) and the CamelCase SCEP / connector names. A manual single pass
 * (a regex with a repeated group would need backtracking stack proportional to the token length).
 * Path segments (`/` on either side) are skipped.
 */
export function scanIdentifiers(scan: Scan): void {
  const text = scan.text;
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!isWordChar(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    let underscore = false;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (!isWordChar(c)) break;
      if (c === 95) underscore = true;
      i++;
    }
    let end = i;
    if (start > 0 && text.charCodeAt(start - 1) === 47) continue; // .../name
    if (end < n && text.charCodeAt(end) === 47) {
      // name/LF suffix (Invalid_CR/LF); anything else with a slash is a path
      let j = end + 1;
      while (j < n && isLetter(text.charCodeAt(j))) j++;
      const after = j < n ? text.charCodeAt(j) : 32;
      if (!underscore || j === end + 1 || isWordChar(after) || after === 47) {
        i = j;
        continue;
      }
      end = j;
      i = j;
    }
    if (end - start > MAX_IDENT || !isLetter(text.charCodeAt(start))) continue;
    const word = text.slice(start, end);
    if (!underscore && !CAMEL_PREFIXES.some((p) => word.startsWith(p))) continue;
    const d = decodeSymbol(word);
    if (d !== undefined) scan.add(start, end, d);
  }
}
