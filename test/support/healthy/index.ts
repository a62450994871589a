import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Random } from '../simulate/random';
import { applicationNoise, CA, caHealthy, capi2Noise, connectorHealth, connectorPfx, connectorRequest, lifecycle, NDES, ndesHealthy, systemNoise, type Draft, type HealthyEvent } from './events';
import { toCsv, toEvtx, toFormatList, toTxt, toXml, utf16, type Numbered } from './render';

export type { HealthyEvent } from './events';

/**
 * Whole event logs of a healthy NDES server (NDES01, which also runs the Intune certificate
 * connector) and its issuing CA (CA01), deterministic per seed: every log a server keeps, with the
 * errors and warnings any Windows server writes that have nothing to do with SCEP. Written in the
 * shapes admins attach: `.evtx`, Event XML, Event Viewer CSV and text, PowerShell Format-List.
 */
export interface HealthyOptions {
  readonly seed: number;
  /** UTC milliseconds; default 2024-03-04 00:00 UTC, a day before the simulator's first enrollment. */
  readonly start?: number;
  /** Length in hours; default 36 (to 2024-03-05 12:00 UTC, past the simulator's traffic). */
  readonly hours?: number;
  /** Scale of the noise: events per hour in System and Application (default 40). */
  readonly perHour?: number;
}

/** One log: the computer, the channel and its events in time order. */
export interface HealthyLog { readonly computer: string; readonly channel: string; readonly events: readonly HealthyEvent[] }

export const SHAPES = ['evtx', 'xml', 'csv', 'txt', 'fl'] as const;
export type Shape = typeof SHAPES[number];

const DEFAULT_START = Date.UTC(2024, 2, 4, 0, 0, 0);

export function healthyLogs(options: HealthyOptions): HealthyLog[] {
  const r = new Random(options.seed);
  const start = options.start ?? DEFAULT_START;
  const span = (options.hours ?? 36) * 3_600_000;
  const perHour = options.perHour ?? 40;
  const logs = new Map<string, HealthyEvent[]>();
  const add = (computer: string, d: Draft, time: number): void => {
    const key = `${computer}|${d.channel}`;
    let list = logs.get(key);
    if (!list) logs.set(key, list = []);
    list.push({ ...d, computer, time: Math.round(time) });
  };
  const at = (): number => start + r.next() * span;
  const count = Math.round(perHour * span / 3_600_000);

  for (const computer of [NDES, CA]) {
    for (let i = 0; i < count; i++) add(computer, systemNoise(r), at());
    for (let i = 0; i < count; i++) add(computer, applicationNoise(r), at());
    // A patch night: services stop, the machine restarts, services start.
    const reboot = start + 2 * 3_600_000 + r.int(0, 1_800_000);
    const sys = (d: Omit<Draft, 'channel'>, dt: number): void => { add(computer, { ...d, channel: 'System' }, reboot + dt); };
    sys({ provider: 'User32', id: 1074, qualifiers: 32768, level: 4, task: 0, keywords: '0x8080000000000000', processId: 2132, threadId: 3320, userId: 'S-1-5-18',
      data: [['param1', 'C:\\Windows\\servicing\\TrustedInstaller.exe (NDES01)'], ['param2', computer.split('.')[0] ?? ''], ['param3', 'Operating System: Upgrade (Planned)'], ['param4', '0x80020011'], ['param5', 'restart'], ['param6', ''], ['param7', 'NT AUTHORITY\\SYSTEM']],
      message: `The process C:\\Windows\\servicing\\TrustedInstaller.exe (${computer.split('.')[0] ?? ''}) has initiated the restart of computer ${computer.split('.')[0] ?? ''} on behalf of user NT AUTHORITY\\SYSTEM for the following reason: Operating System: Upgrade (Planned)\n Reason Code: 0x80020011\n Shutdown Type: restart\n Comment: ` }, 0);
    const services = computer === NDES ? [['World Wide Web Publishing Service', 'W3SVC'], ['Windows Process Activation Service', 'WAS'], ['PFXCertificateConnectorSvc', 'PFXCertificateConnectorSvc']] as const : [['Active Directory Certificate Services', 'CertSvc']] as const;
    services.forEach(([name], i) => { sys({ provider: 'Service Control Manager', guid: '{555908d1-a6d7-4695-8e1e-26931d2012f4}', sourceName: 'Service Control Manager', id: 7036, qualifiers: 16384, level: 4, keywords: '0x8080000000000000', processId: 712, threadId: 800,
      data: [['param1', name], ['param2', 'stopped']], message: `The ${name} service entered the stopped state.` }, 20_000 + i * 1000); });
    sys({ provider: 'EventLog', id: 6006, qualifiers: 32768, level: 4, task: 0, keywords: '0x80000000000000', processId: 0, threadId: 0, data: [], message: 'The Event log service was stopped.' }, 60_000);
    sys({ provider: 'Microsoft-Windows-Kernel-General', guid: '{A68CA8B7-004F-D7B6-A698-07E2DE0F1F5D}', id: 13, version: 0, level: 4, task: 0, keywords: '0x8000000000000010', processId: 4, threadId: 8, userId: 'S-1-5-18',
      data: [['StopTime', new Date(reboot + 61_000).toISOString()]], message: `The operating system is shutting down at system time ${new Date(reboot + 61_000).toISOString()}.` }, 61_000);
    sys({ provider: 'Microsoft-Windows-Kernel-General', guid: '{A68CA8B7-004F-D7B6-A698-07E2DE0F1F5D}', id: 12, version: 1, level: 4, task: 0, keywords: '0x8000000000000080', processId: 4, threadId: 8, userId: 'S-1-5-18',
      data: [['MajorVersion', '10'], ['MinorVersion', '0'], ['BuildVersion', '17763'], ['QfeVersion', '5458'], ['ServiceVersion', '0'], ['BootMode', '0'], ['StartTime', new Date(reboot + 120_000).toISOString()]],
      message: `The operating system started at system time ${new Date(reboot + 120_000).toISOString()}.` }, 125_000);
    sys({ provider: 'EventLog', id: 6005, qualifiers: 32768, level: 4, task: 0, keywords: '0x80000000000000', processId: 0, threadId: 0, data: [], message: 'The Event log service was started.' }, 140_000);
    sys({ provider: 'EventLog', id: 6009, qualifiers: 32768, level: 4, task: 0, keywords: '0x80000000000000', processId: 0, threadId: 0, data: [[undefined, '10.00.'], [undefined, '17763'], [undefined, ''], [undefined, 'Multiprocessor Free'], [undefined, '0']],
      message: 'Microsoft (R) Windows (R) 10.00. 17763  Multiprocessor Free.' }, 140_001);
    services.forEach(([name], i) => { sys({ provider: 'Service Control Manager', guid: '{555908d1-a6d7-4695-8e1e-26931d2012f4}', sourceName: 'Service Control Manager', id: 7036, qualifiers: 16384, level: 4, keywords: '0x8080000000000000', processId: 712, threadId: 820,
      data: [['param1', name], ['param2', 'running']], message: `The ${name} service entered the running state.` }, 170_000 + i * 1000); });
  }

  // The NDES server: IIS, WAS, CAPI2 chain builds, the connector, certificate lifecycle.
  for (let i = 0; i < count / 2; i++) {
    const d = ndesHealthy(r);
    add(NDES, d, at());
  }
  for (let i = 0; i < count; i++) add(NDES, capi2Noise(r), at());
  for (let i = 0; i < count / 8; i++) add(NDES, lifecycle(r), at());
  for (let t = start; t < start + span; t += 5 * 60_000) for (const [j, d] of connectorHealth(r, r.chance(0.03)).entries()) add(NDES, d, t + j * 30_000);
  for (let t = start + r.int(0, 600_000); t < start + span; t += r.int(300_000, 1_800_000)) for (const [j, d] of connectorPfx(r).entries()) add(NDES, d, t + j * r.int(100, 900));
  const traffic = Date.UTC(2024, 2, 5, 6, 0, 0);
  for (let t = traffic; t < traffic + 4 * 3_600_000; t += r.int(20_000, 90_000)) for (const [j, d] of connectorRequest(r).entries()) add(NDES, d, t + j * r.int(100, 900));
  // The CA: its database engine and service.
  for (let i = 0; i < count / 4; i++) { const d = caHealthy(r); add(CA, d, at()); }

  return [...logs].map(([key, events]) => {
    const [computer = '', channel = ''] = key.split('|');
    return { computer, channel, events: [...events].sort((a, b) => a.time - b.time) };
  });
}

/** The file name Windows gives a channel's log under winevt\Logs (`/` written as `%4`). */
export const logFileName = (channel: string): string => channel.replace(/\//g, '%4');

const numbered = (log: HealthyLog): Numbered[] => log.events.map((e, i) => ({ e, recordId: 1000 + i }));

/** The files of one shape: relative path to content. Variants of a shape (wevtutil with and without a root, Format-List and Format-List *) alternate over the logs. */
export function renderShape(logs: readonly HealthyLog[], shape: Shape): Map<string, Uint8Array | string> {
  const out = new Map<string, Uint8Array | string>();
  logs.forEach((log, i) => {
    const host = log.computer.split('.')[0] ?? log.computer;
    const base = `${host}/${logFileName(log.channel)}`;
    const n = numbered(log);
    switch (shape) {
      case 'evtx': out.set(`${base}.evtx`, toEvtx(n)); break;
      case 'xml': out.set(`${base}.xml`, toXml(n, { root: i % 2 === 1, rendered: i % 3 === 2 })); break;
      case 'csv': out.set(`${base}.csv`, `\uFEFF${toCsv(n)}`); break;
      case 'txt': out.set(`${base}.txt`, utf16(toTxt(n))); break;
      case 'fl': out.set(`${base}.txt`, utf16(toFormatList(n, i % 2 === 1, i % 3 === 2 ? 120 : 0))); break;
    }
  });
  return out;
}

export function writeFiles(dir: string, files: ReadonlyMap<string, Uint8Array | string>): string[] {
  const written: string[] = [];
  for (const [name, content] of files) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
    written.push(path);
  }
  return written;
}
