/** The code tables indexed once by the value each decoder looks up. */
import {
  ALL_EVENTS,
  CONNECTOR_DIAG_CODES,
  DM_STATUSES,
  EVENT_LOGS,
  HRESULTS,
  HTTPSYS_REASONS,
  IIS_STATUSES,
  SCEP_STATUSES,
  WIN32_ERRORS,
  WINHTTP_ERRORS,
  toUnsigned32,
  type EventEntry,
  type HresultEntry,
  type IisStatusEntry,
  type ScepStatusField,
} from './tables';
import { indexBy } from './decoding';

export const HRESULT_BY_VALUE = indexBy(HRESULTS, (h) => toUnsigned32(h.value));
export const HRESULT_BY_WIN32 = new Map<number, HresultEntry>();
for (const h of HRESULTS) if (h.win32 !== undefined && !HRESULT_BY_WIN32.has(h.win32)) HRESULT_BY_WIN32.set(h.win32, h);
export const DM_BY_VALUE = indexBy(DM_STATUSES, (d) => toUnsigned32(d.value));
export const WIN32_BY_CODE = indexBy(WIN32_ERRORS, (w) => w.code);
export const WINHTTP_BY_CODE = indexBy(WINHTTP_ERRORS, (w) => w.code);
export const CONNECTOR_BY_VALUE = indexBy(CONNECTOR_DIAG_CODES, (c) => c.value);
export const REASON_BY_TEXT = indexBy(HTTPSYS_REASONS, (r) => r.reason);
export const IIS_BY_KEY = new Map<string, IisStatusEntry>();
export const IIS_BY_STATUS = new Map<number, IisStatusEntry>();
for (const e of IIS_STATUSES) {
  if (e.substatus === undefined) IIS_BY_STATUS.set(e.status, e);
  else IIS_BY_KEY.set(`${e.status}.${e.substatus}`, e);
}
export const SCEP_BY_KEY = indexBy(SCEP_STATUSES, (s) => `${s.field}(${s.value})`);
export const SCEP_FIELD_BY_LOWER = new Map<string, ScepStatusField>([
  ['pkistatus', 'PkiStatus'],
  ['failinfo', 'FailInfo'],
  ['enrollstatus', 'EnrollStatus'],
]);
export const EVENT_LOG_INFO = indexBy(EVENT_LOGS, (l) => l.id);
export const EVENTS_BY_ID = new Map<number, EventEntry[]>();
for (const e of ALL_EVENTS) {
  const list = EVENTS_BY_ID.get(e.id);
  if (list === undefined) EVENTS_BY_ID.set(e.id, [e]);
  else list.push(e);
}
