import type { Notice, Signature } from './define';
import { DEVICE_TO_NDES } from './deviceToNdes';
import { NOTICES } from './notices';
import { POLICY_MODULE } from './policyModule';

export type { Matcher, Notice, Remediation, Signature, SourceLink } from './define';
export { defineSignature } from './define';
export { NOTICES } from './notices';
export { SOURCES } from './sources';

/** Every signature, grouped by area. Adding one is adding an entry to an area file. */
export const CATALOGUE: readonly Signature[] = [...DEVICE_TO_NDES, ...POLICY_MODULE];

const BY_ID = new Map<string, Signature>(CATALOGUE.map((s) => [s.id, s]));
const NOTICE_BY_ID = new Map<string, Notice>(NOTICES.map((n) => [n.id, n]));

export function signatureById(id: string): Signature | undefined { return BY_ID.get(id); }
export function noticeById(id: string): Notice | undefined { return NOTICE_BY_ID.get(id); }
