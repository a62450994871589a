/** SCEP PkiStatus / FailInfo / EnrollStatus values. */
import type { ScepStatusEntry, ScepStatusField } from './tables';
import { fromInfo, type CodeDecoding } from './decoding';
import { SCEP_BY_KEY } from './lookup';

/** Decode a SCEP PkiStatus / FailInfo / EnrollStatus value. */
export function decodeScepStatus(field: ScepStatusField, value: number): CodeDecoding | undefined {
  const s: ScepStatusEntry | undefined = SCEP_BY_KEY.get(`${field}(${value})`);
  return s === undefined ? undefined : fromInfo('scep-status', `${field}(${value})`, s, { symbol: s.name }, `${s.enumName} ${s.name}: ${s.meaning}`);
}
