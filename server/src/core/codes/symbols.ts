/** Symbolic names as printed in logs (CERT_E_UNTRUSTEDROOT, WINHTTP_CALLBACK_STATUS_FLAG_*, ...), each with the reading of its code. */
import {
  ALL_EVENTS,
  CONNECTOR_DIAG_CODES,
  DM_STATUSES,
  HRESULTS,
  HTTPSYS_REASONS,
  SCEP_STATUSES,
  WIN32_ERRORS,
  WINHTTP_CALLBACK_FLAGS,
  WINHTTP_ERRORS,
  hex8,
} from './tables';
import { fromInfo, type CodeDecoding } from './decoding';
import { decodeConnectorDiag } from './connector';
import { eventReading } from './events';
import { decodeHresult } from './hresult';
import { decodeHttpSysReason } from './http';
import { decodeScepStatus } from './scep';
import { decodeWin32, decodeWinHttp } from './win32';

const SYMBOLS = new Map<string, CodeDecoding>();
function addSymbol(name: string, d: CodeDecoding | undefined): void {
  if (d !== undefined && !SYMBOLS.has(name)) SYMBOLS.set(name, d);
}
for (const f of WINHTTP_CALLBACK_FLAGS) addSymbol(f.name, fromInfo('winhttp-flag', hex8(f.value), f, { symbol: f.name }));
for (const w of WINHTTP_ERRORS) addSymbol(w.name, decodeWinHttp(w.code));
for (const w of WIN32_ERRORS) addSymbol(w.symbol, decodeWin32(w.code));
for (const h of HRESULTS) if (h.symbol !== undefined) addSymbol(h.symbol, decodeHresult(h.value));
for (const d of DM_STATUSES) addSymbol(d.symbol, decodeHresult(d.value));
for (const c of CONNECTOR_DIAG_CODES) if (c.value !== 0) addSymbol(c.name, decodeConnectorDiag(c.value));
for (const s of SCEP_STATUSES) addSymbol(s.name, decodeScepStatus(s.field, s.value));
for (const r of HTTPSYS_REASONS) if (r.reason.includes('_')) addSymbol(r.reason, decodeHttpSysReason(r.reason));
for (const e of ALL_EVENTS) if (e.name !== undefined) addSymbol(e.name, eventReading(e));

/** Decode a symbolic name as printed (CERT_E_UNTRUSTEDROOT, WINHTTP_CALLBACK_STATUS_FLAG_*, SCEPFailBadRequest, ...). */
export function decodeSymbol(name: string): CodeDecoding | undefined {
  return SYMBOLS.get(name);
}
