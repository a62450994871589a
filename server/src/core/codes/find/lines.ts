/** Line-shaped records: the IIS W3C status triplet and the http.sys HTTPERR tail, found or hinted. */
import { iisBase, decodeHttpStatus, decodeHttpSysReason } from '../http';
import { REASON_BY_TEXT } from '../lookup';
import { decodeWin32, genericWin32 } from '../win32';
import { allDigits, tailTokens, type IisStatusHint, type Scan, type Span } from './scan';

/** A token that can stand right before sc-status: `-` (empty referer) or a user agent / URL / NDES_Plugin. */
function looksLikeUaOrReferer(token: string): boolean {
  return token === '-' || /[/+();_]/.test(token);
}

function addTriplet(scan: Scan, st: Span, sub: Span, w32: Span): void {
  const text = scan.text;
  const status = Number(text.slice(st[0], st[1]));
  const substatus = Number(text.slice(sub[0], sub[1]));
  const win32 = Number(text.slice(w32[0], w32[1]));
  const base = iisBase(status, substatus);
  if (base === undefined) return;
  scan.add(st[0], sub[1], base);
  scan.add(w32[0], w32[1], decodeWin32(win32) ?? genericWin32(win32));
}

function scanW3cTail(scan: Scan, tokens: readonly Span[], more: boolean): boolean {
  const text = scan.text;
  let run = 0;
  for (let i = tokens.length - 1; i >= 0; i--) {
    const t = tokens[i];
    if (t === undefined || !allDigits(text, t[0], t[1])) break;
    run++;
  }
  if (run < 3 || run > 6) return false;
  const first = tokens.length - run;
  if (first === 0) {
    // The whole line is numbers: accept only a bare triplet (doc snippets), never longer runs.
    if (more || run !== 3) return false;
  } else {
    const before = tokens[first - 1];
    if (before === undefined || !looksLikeUaOrReferer(text.slice(before[0], before[1]))) return false;
  }
  const st = tokens[first];
  const sub = tokens[first + 1];
  const w32 = tokens[first + 2];
  if (st === undefined || sub === undefined || w32 === undefined) return false;
  const c0 = text.charCodeAt(st[0]);
  if (st[1] - st[0] !== 3 || c0 < 49 || c0 > 53) return false; // [1-5]\d\d
  if (sub[1] - sub[0] > 3 || w32[1] - w32[0] > 10) return false;
  if (Number(text.slice(w32[0], w32[1])) > 0xffffffff) return false;
  addTriplet(scan, st, sub, w32);
  return true;
}

function scanHttpErrTail(scan: Scan, tokens: readonly Span[]): boolean {
  const text = scan.text;
  const tok = (i: number): string | undefined => {
    const t = tokens[i];
    return t === undefined ? undefined : text.slice(t[0], t[1]);
  };
  const n = tokens.length;
  // status site reason queue   |   status site reason   (status / site may be `-`)
  for (const reasonIdx of [n - 2, n - 1]) {
    const reason = tok(reasonIdx);
    const site = tok(reasonIdx - 1);
    const status = tok(reasonIdx - 2);
    if (reason === undefined || site === undefined || status === undefined) continue;
    if (!REASON_BY_TEXT.has(reason)) continue;
    if (!/^(?:[1-5]\d\d|-)$/.test(status) || !/^(?:-|\d{1,10})$/.test(site)) continue;
    const statusSpan = tokens[reasonIdx - 2];
    const reasonSpan = tokens[reasonIdx];
    if (statusSpan === undefined || reasonSpan === undefined) continue;
    // Timer_* records carry `-` for the status.
    const sd = status === '-' ? undefined : decodeHttpStatus(Number(status));
    if (sd !== undefined) scan.add(statusSpan[0], statusSpan[1], sd);
    const rd = decodeHttpSysReason(reason);
    if (rd !== undefined) scan.add(reasonSpan[0], reasonSpan[1], rd);
    return true;
  }
  return false;
}

export function scanLines(scan: Scan): void {
  const text = scan.text;
  let ls = 0;
  while (ls <= text.length) {
    let le = text.indexOf('\n', ls);
    if (le < 0) le = text.length;
    const { tokens, more } = tailTokens(text, ls, le, 8);
    if (scanW3cTail(scan, tokens, more) || scanHttpErrTail(scan, tokens)) scan.quietLines.push([ls, le]);
    ls = le + 1;
  }
}

function lineBounds(text: string, pos: number): Span {
  const s = text.lastIndexOf('\n', pos - 1) + 1;
  const e = text.indexOf('\n', pos);
  return [s, e < 0 ? text.length : e];
}

export function scanIisHint(scan: Scan, h: IisStatusHint): void {
  const text = scan.text;
  if (!Number.isInteger(h.start) || !Number.isInteger(h.end) || h.start < 0 || h.end > text.length || h.start >= h.end) return;
  const { tokens } = tailTokens(text, h.start, h.end, 4);
  const [a, b, c] = tokens;
  if (
    tokens.length === 3 && a !== undefined && b !== undefined && c !== undefined &&
    text.slice(a[0], a[1]) === String(h.status) &&
    text.slice(b[0], b[1]) === String(h.substatus) &&
    text.slice(c[0], c[1]) === String(h.win32)
  ) {
    addTriplet(scan, a, b, c);
  } else {
    const base = iisBase(h.status, h.substatus);
    if (base !== undefined) {
      const w = decodeWin32(h.win32) ?? genericWin32(h.win32);
      const sym = w.symbol !== undefined ? ` (${w.symbol})` : '';
      scan.add(h.start, h.end, { ...base, meaning: `${base.meaning} sc-win32-status ${h.win32}${sym}: ${w.meaning}` });
    }
  }
  const line = lineBounds(text, h.start);
  scan.quietLines.push(line);
  scan.quietLines.sort((x, y) => x[0] - y[0]);
}
