/** HTTP statuses, IIS status.substatus (+ sc-win32-status) and http.sys HTTPERR reason phrases. */
import { SRC, type HttpSysReasonEntry, type IisStatusEntry } from './tables';
import { decoding, fromInfo, type CodeDecoding, type IisStatusDecoding, type Mutable } from './decoding';
import { IIS_BY_KEY, IIS_BY_STATUS, REASON_BY_TEXT } from './lookup';
import { decodeWin32, genericWin32 } from './win32';

function httpClass(status: number): string {
  if (status < 200) return 'informational';
  if (status < 300) return 'success';
  if (status < 400) return 'redirection';
  if (status < 500) return 'client error';
  return 'server error';
}

function iisMeaning(e: IisStatusEntry): string {
  return `${e.title}. ${e.meaning}`;
}

/** Decode an HTTP status without substatus (HTTPERR, `HTTP Error 503`). */
export function decodeHttpStatus(status: number): CodeDecoding | undefined {
  if (!Number.isInteger(status) || status < 100 || status > 599) return undefined;
  const e = IIS_BY_STATUS.get(status) ?? IIS_BY_KEY.get(`${status}.0`);
  if (e !== undefined) return fromInfo('http-status', String(status), e, {}, iisMeaning(e));
  return decoding('http-status', String(status), `HTTP ${status} (${httpClass(status)}); no NDES-specific entry.`, SRC.iisStatus, { derived: true });
}

export function iisBase(status: number, substatus: number): CodeDecoding | undefined {
  if (!Number.isInteger(status) || status < 100 || status > 599 || !Number.isInteger(substatus) || substatus < 0) return undefined;
  const code = `${status}.${substatus}`;
  const exact = IIS_BY_KEY.get(code);
  if (exact !== undefined) return fromInfo('http-status', code, exact, {}, iisMeaning(exact));
  const whole = IIS_BY_STATUS.get(status);
  if (whole !== undefined) {
    const note = substatus === 0 ? '' : ` (substatus ${substatus} is not in the NDES Lens table)`;
    return fromInfo('http-status', code, whole, {}, `${iisMeaning(whole)}${note}`);
  }
  return decoding('http-status', code, `HTTP ${status} (${httpClass(status)}), IIS substatus ${substatus}; no NDES-specific entry.`, SRC.iisStatus, { derived: true });
}

/** Decode an IIS `sc-status` + `sc-substatus` (+ optional `sc-win32-status`). */
export function decodeIisStatus(status: number, substatus: number, win32?: number): IisStatusDecoding | undefined {
  const base = iisBase(status, substatus);
  if (base === undefined) return undefined;
  const result: Mutable<IisStatusDecoding> = { ...base, status, substatus };
  if (win32 !== undefined && Number.isInteger(win32) && win32 >= 0 && win32 <= 0xffffffff) {
    result.win32Decoding = decodeWin32(win32) ?? genericWin32(win32);
  }
  return result;
}

/** Decode an http.sys HTTPERR reason phrase (case-sensitive, as logged). */
export function decodeHttpSysReason(reason: string): CodeDecoding | undefined {
  const r: HttpSysReasonEntry | undefined = REASON_BY_TEXT.get(reason);
  return r === undefined ? undefined : fromInfo('httpsys-reason', r.reason, r);
}
