/** Win32 and WinHTTP error numbers as printed bare, and the generic readings for numbers not in the tables. */
import { SRC, hex8, type Win32Entry, type WinHttpErrorEntry } from './tables';
import { decoding, fromInfo, memo, type CodeDecoding } from './decoding';
import { decodeHresult } from './hresult';
import { HRESULT_BY_WIN32, WIN32_BY_CODE, WINHTTP_BY_CODE } from './lookup';

/** Decode a WinHTTP error number (12xxx). */
export function decodeWinHttp(n: number): CodeDecoding | undefined {
  return winHttpMemo(n);
}
const winHttpMemo = memo((n: number): CodeDecoding | undefined => {
  const wh: WinHttpErrorEntry | undefined = WINHTTP_BY_CODE.get(n);
  return wh === undefined ? undefined : fromInfo('winhttp', String(n), wh, { symbol: wh.name });
});

/**
 * Decode a Win32 error number as printed bare (IIS sc-win32-status, MSI, `WIN32: n`).
 * Following codes.md §0, a value above 0xFFFF is an HRESULT printed as unsigned decimal.
 */
export function decodeWin32(n: number): CodeDecoding | undefined {
  return win32Memo(n);
}
const win32Memo = memo((n: number): CodeDecoding | undefined => {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) return undefined;
  if (n > 0xffff) return decodeHresult(n);
  const w: Win32Entry | undefined = WIN32_BY_CODE.get(n);
  if (w !== undefined) return fromInfo('win32', String(n), w, { symbol: w.symbol });
  const wh = decodeWinHttp(n);
  if (wh !== undefined) return wh;
  const h = HRESULT_BY_WIN32.get(n);
  if (h !== undefined) return fromInfo('win32', String(n), h, { symbol: h.symbol });
  return undefined;
});

export function genericWin32(n: number): CodeDecoding {
  if (n > 0xffff) {
    return decoding('hresult', hex8(n), `A value above 0xFFFF in a Win32 status field is an HRESULT printed as unsigned decimal: ${hex8(n)}. It is not in the NDES Lens tables.`, SRC.hresultFromWin32, { derived: true });
  }
  return decoding('win32', String(n), `Win32 error ${n}; not in the NDES Lens tables (\`certutil -error ${n}\` prints its text).`, SRC.goWindows, { derived: true });
}

export function genericWinHttp(n: number): CodeDecoding {
  return decoding('winhttp', String(n), `WinHTTP error ${n} (12001-12999 is the WinHTTP range); this number is not in the NDES Lens table.`, SRC.winhttpErrors, { derived: true });
}
