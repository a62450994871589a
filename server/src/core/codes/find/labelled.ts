/** Labelled forms: SCEP status fields, `WIN32:` / `WinHttp:` and `error code n`. */
import type { CodeDecoding } from '../decoding';
import { strongHresult } from '../hresult';
import { SCEP_FIELD_BY_LOWER } from '../lookup';
import { decodeScepStatus } from '../scep';
import { decodeWin32, decodeWinHttp, genericWin32, genericWinHttp } from '../win32';
import type { Scan } from './scan';

const R_SCEP_STATUS = /\b(PkiStatus|FailInfo|EnrollStatus)\((\d{1,6})\)/gi;
const R_LABELLED = /(?<![\w])(WIN32|WinHttp)[ \t]*:[ \t]*(\d{1,10})(?![\w.])/gi;
const R_ERROR_CODE = /\berror[ \t]+(?:code|status)[ \t]*(?:[:=][ \t]*)?(\d{1,10})(?![\w]|\.\d)/gi;

export function scanScepStatus(scan: Scan): void {
  const text = scan.text;
  R_SCEP_STATUS.lastIndex = 0;
  for (let m = R_SCEP_STATUS.exec(text); m !== null; m = R_SCEP_STATUS.exec(text)) {
    const field = SCEP_FIELD_BY_LOWER.get((m[1] ?? '').toLowerCase());
    if (field === undefined) continue;
    const d = decodeScepStatus(field, Number(m[2] ?? ''));
    const end = m.index + m[0].length;
    if (d !== undefined) scan.add(m.index, end, d);
    else scan.claim(m.index, end);
  }
}

export function scanLabelled(scan: Scan): void {
  const text = scan.text;
  R_LABELLED.lastIndex = 0;
  for (let m = R_LABELLED.exec(text); m !== null; m = R_LABELLED.exec(text)) {
    const n = Number(m[2] ?? '');
    const isWinHttp = (m[1] ?? '').toLowerCase() === 'winhttp';
    let d: CodeDecoding;
    if (isWinHttp) d = decodeWinHttp(n) ?? (n >= 12000 && n <= 12999 ? genericWinHttp(n) : decodeWin32(n) ?? genericWin32(n));
    else d = decodeWin32(n) ?? genericWin32(n);
    scan.add(m.index, m.index + m[0].length, d);
  }
  R_ERROR_CODE.lastIndex = 0;
  for (let m = R_ERROR_CODE.exec(text); m !== null; m = R_ERROR_CODE.exec(text)) {
    const digits = m[1] ?? '';
    const n = Number(digits);
    const d = n > 0xffff ? strongHresult(n) : decodeWin32(n);
    if (d === undefined) continue;
    const end = m.index + m[0].length;
    scan.add(end - digits.length, end, d);
  }
}
