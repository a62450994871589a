import { CA } from './ca';
import { CLIENTS } from './clients';
import { CONNECTOR } from './connector';
import type { Notice, Signature } from './define';
import { DEVICE } from './device';
import { DEVICE_TO_NDES } from './deviceToNdes';
import { LIFECYCLE } from './lifecycle';
import { NDES_EVENTS } from './ndesEvents';
import { NDES_PAGES } from './ndesPages';
import { NOTICES } from './notices';
import { POLICY_MODULE } from './policyModule';
import { PROXY } from './proxy';
import { SETUP } from './setup';
import { UNIFIED_CONNECTOR } from './unifiedConnector';
import { UNRECOGNISED } from './unrecognised';
import { VALIDATION } from './validation';

export type { Matcher, ModelValidator, Notice, Remediation, Signature, SourceLink, ValidatorFinding, ValidatorScan } from './define';
export { defineValidator } from './define';
export { NOTICES } from './notices';
export { POLICY_VALIDATORS } from './validators';

/** Every signature, grouped by area. Adding one is adding an entry to an area file. */
export const CATALOGUE: readonly Signature[] = [
  ...DEVICE_TO_NDES, ...PROXY, ...NDES_PAGES, ...POLICY_MODULE, ...NDES_EVENTS, ...CA, ...CONNECTOR, ...UNIFIED_CONNECTOR, ...SETUP,
  ...DEVICE, ...CLIENTS, ...VALIDATION, ...LIFECYCLE, ...UNRECOGNISED,
];

const BY_ID = new Map<string, Signature>(CATALOGUE.map((s) => [s.id, s]));
const NOTICE_BY_ID = new Map<string, Notice>(NOTICES.map((n) => [n.id, n]));

export function signatureById(id: string): Signature | undefined { return BY_ID.get(id); }
export function noticeById(id: string): Notice | undefined { return NOTICE_BY_ID.get(id); }
