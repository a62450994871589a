import type { Random } from './random';

/**
 * The devices that enroll, with the user agents and SCEP request shapes real NDES logs show
 * (shared/spec/formats.md §1, samples/u_ex240305.log, Microsoft's device-to-NDES article).
 */
export type Platform = 'android' | 'ios' | 'macos' | 'windows';

export interface Device {
  readonly platform: Platform;
  readonly userAgent: string;
  /** Where IIS sees the request from: an Entra application proxy connector, or the device on the LAN. */
  readonly clientIp: string;
  /** GetCACaps/GetCACert `message=` value and stem the client uses. */
  readonly caMessage: string;
  readonly stem: string;
  /** PKIOperation by POST (body) or GET (message in the query string). */
  readonly postPkiOperation: boolean;
  /** Apple devices ask for the CA certificate before the capabilities. */
  readonly certFirst: boolean;
  readonly name: string;
}

const PROXY_CONNECTORS = ['10.20.40.21', '10.20.40.22'];
const PKICLIENT = '/certsrv/mscep/mscep.dll/pkiclient.exe';

const KINDS: readonly { platform: Platform; weight: number; agents: readonly string[] }[] = [
  { platform: 'ios', weight: 30, agents: ['profiled/1.0+CFNetwork/1494.0.7+Darwin/23.4.0', 'profiled/1.0+CFNetwork/1490.0.4+Darwin/23.2.0', 'profiled/1.0+CFNetwork/1410.0.3+Darwin/22.6.0'] },
  { platform: 'macos', weight: 10, agents: ['profiled/1.0+CFNetwork/1494.0.7+Darwin/23.4.0', 'profiled/1.0+CFNetwork/1410.0.3+Darwin/22.6.0'] },
  { platform: 'android', weight: 30, agents: ['Dalvik/2.1.0+(Linux;+U;+Android+14;+Pixel+7+Build/UQ1A.240205.004)', 'Dalvik/2.1.0+(Linux;+U;+Android+13;+SM-G991B+Build/TP1A.220624.014)'] },
  { platform: 'windows', weight: 30, agents: ['Mozilla/4.0+(compatible;+Win32;+NDES+client)'] },
];

export function newDevice(r: Random, index: number): Device {
  let roll = r.int(1, 100);
  const kind = KINDS.find((k) => (roll -= k.weight) <= 0) ?? KINDS[0];
  if (kind === undefined) throw new Error('no device kinds');
  const apple = kind.platform === 'ios' || kind.platform === 'macos';
  const onLan = kind.platform === 'windows' && r.chance(0.4);
  return {
    platform: kind.platform,
    userAgent: r.pick(kind.agents),
    clientIp: onLan ? `10.20.${44 + r.int(0, 3)}.${r.int(2, 250)}` : r.pick(PROXY_CONNECTORS),
    caMessage: kind.platform === 'android' ? 'CertificateAuthority' : apple && r.chance(0.3) ? 'SCEP%20Authority' : 'default',
    stem: apple && r.chance(0.3) ? '/certsrv/mscep/mscep.dll' : PKICLIENT,
    postPkiOperation: apple || (kind.platform === 'android' && r.chance(0.5)),
    certFirst: apple,
    name: `${kind.platform}-${String(index).padStart(5, '0')}`,
  };
}
