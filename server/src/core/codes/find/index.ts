/**
 * The free-text code finder: every code printed in a text, decoded.
 *
 * Every scan is a single pass of a linear-time regular expression (no nested or overlapping
 * quantifiers) or a bounded manual scan, so `findCodes` is O(n) in the length of the text (plus
 * O(m log m) for sorting m mentions).
 */
import { scanDecimals } from './decimals';
import { scanEventIds } from './eventIds';
import { scanHex } from './hex';
import { scanHttpStatus } from './httpStatus';
import { scanIdentifiers } from './identifiers';
import { scanLabelled, scanScepStatus } from './labelled';
import { scanIisHint, scanLines } from './lines';
import { Scan, type CodeMention, type DecodeHints } from './scan';

export type { CodeMention, DecodeHints, IisStatusHint } from './scan';

/**
 * Find every code printed in `text` and decode it. Mentions are sorted by `start`; no two mentions
 * overlap. Recognisers run in priority order (hinted IIS triplet, W3C / HTTPERR line tails, event ids,
 * SCEP status fields, labelled `WIN32:` / `WinHttp:` / `error code`, hex, IIS status.substatus,
 * symbolic names, bare decimals), and a later one never claims text an earlier one already used.
 */
export function findCodes(text: string, hints?: DecodeHints): CodeMention[] {
  const scan = new Scan(text);
  if (hints?.iisStatus !== undefined) scanIisHint(scan, hints.iisStatus);
  scanLines(scan);
  scan.quietLines.sort((x, y) => x[0] - y[0]);
  scanEventIds(scan);
  scanScepStatus(scan);
  scanLabelled(scan);
  scanHex(scan);
  scanHttpStatus(scan);
  scanIdentifiers(scan);
  scanDecimals(scan);
  return scan.result();
}
