/** Hex forms: `0x...` and eight bare hex digits. */
import type { CodeDecoding } from '../decoding';
import { decodeConnectorDiag } from '../connector';
import { decodeHresult, strongHresult } from '../hresult';
import type { Scan } from './scan';

const R_HEX_0X = /(?<![\w])0[xX]([0-9a-fA-F]{1,8})(?![\w])/g;
/** 8 hex digits without 0x, optionally with the `lx` printf leftover (`Error hr = 80090014lx`); not the first group of a GUID. */
const R_HEX_BARE = /(?<![\w-])([0-9a-fA-F]{8})(?=lx(?![\w])|(?![\w]|-[0-9a-fA-F]))/g;


export function scanHex(scan: Scan): void {
  const text = scan.text;
  R_HEX_0X.lastIndex = 0;
  for (let m = R_HEX_0X.exec(text); m !== null; m = R_HEX_0X.exec(text)) {
    const digits = m[1] ?? '';
    const value = parseInt(digits, 16);
    let d: CodeDecoding | undefined;
    if (digits.length === 8 && value !== 0) d = decodeConnectorDiag(value);
    d ??= decodeHresult(value);
    if (d !== undefined) scan.add(m.index, m.index + m[0].length, d);
  }
  R_HEX_BARE.lastIndex = 0;
  for (let m = R_HEX_BARE.exec(text); m !== null; m = R_HEX_BARE.exec(text)) {
    const d = strongHresult(parseInt(m[1] ?? '', 16));
    if (d !== undefined) scan.add(m.index, m.index + 8, d);
  }
}
