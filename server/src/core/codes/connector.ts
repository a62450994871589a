/** The legacy Intune connector's diagnostic codes. */
import { hex8, type ConnectorDiagEntry } from './tables';
import { fromInfo, type CodeDecoding } from './decoding';
import { CONNECTOR_BY_VALUE } from './lookup';

/** Decode a legacy Intune connector diagnostic code (0x00000400 ...). */
export function decodeConnectorDiag(value: number): CodeDecoding | undefined {
  const c: ConnectorDiagEntry | undefined = CONNECTOR_BY_VALUE.get(value);
  return c === undefined ? undefined : fromInfo('connector-diag', hex8(value), c, { symbol: c.name }, `Legacy Intune connector diagnostic code ${c.name}: ${c.meaning}`);
}
