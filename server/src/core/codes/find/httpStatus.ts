/** IIS status.substatus written dotted, and "HTTP Error 503". */
import { decodeHttpStatus, iisBase } from '../http';
import { IIS_BY_KEY } from '../lookup';
import type { Scan } from './scan';

const R_IIS_DOTTED = /(?<![\w.])([1-5]\d\d)\.(\d{1,3})(?![\w]|\.\d)/g;
const R_HTTP_WORD = /\bHTTP(?:[ \t]+Error)?[ \t]+([1-5]\d\d)(?![\w]|\.\d)/gi;

export function scanHttpStatus(scan: Scan): void {
  const text = scan.text;
  R_IIS_DOTTED.lastIndex = 0;
  for (let m = R_IIS_DOTTED.exec(text); m !== null; m = R_IIS_DOTTED.exec(text)) {
    const key = `${m[1] ?? ''}.${Number(m[2] ?? '')}`;
    if (!IIS_BY_KEY.has(key)) continue;
    const d = iisBase(Number(m[1] ?? ''), Number(m[2] ?? ''));
    if (d !== undefined) scan.add(m.index, m.index + m[0].length, d);
  }
  R_HTTP_WORD.lastIndex = 0;
  for (let m = R_HTTP_WORD.exec(text); m !== null; m = R_HTTP_WORD.exec(text)) {
    const digits = m[1] ?? '';
    const d = decodeHttpStatus(Number(digits));
    const end = m.index + m[0].length;
    if (d !== undefined) scan.add(end - digits.length, end, d);
  }
}
