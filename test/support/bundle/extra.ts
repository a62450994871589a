import type { Random } from '../simulate/random';
import { eventOf, type EventSpec } from '../evtx/events';
import { writeEvtx } from '../evtx/writer';
import { crlf } from './encode';
import type { Site } from './tools';

/** More of what collectors sweep up: an FTP site's W3C log, another service's WCF trace, a file inventory, binary event logs. */

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
function stamp(t: number): string {
  const d = new Date(t);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** IIS FTP writes W3C logs named u_exYYMMDD.log too (FTPSVC<n>), with FTP replies as sc-status. */
export function ftpLog(s: Site, r: Random): string {
  const out = ['#Software: Microsoft Internet Information Services 10.0', '#Version: 1.0', '#Date: 2024-03-05 00:00:41',
    '#Fields: date time c-ip cs-username s-ip s-port cs-method cs-uri-stem sc-status sc-win32-status sc-substatus x-session x-fullpath'];
  let t = Date.UTC(2024, 2, 5, 0, 0, 41);
  for (let i = 0; i < 30; i++) {
    t += r.int(60_000, 1_800_000);
    const c = `10.30.${r.int(1, 40)}.${r.int(2, 250)}`;
    const session = r.guid();
    const user = `${s.netbios}\\scanner01`;
    out.push(`${stamp(t)} ${c} - ${s.ip} 21 ControlChannelOpened - - 0 0 ${session} -`);
    out.push(`${stamp(t)} ${c} - ${s.ip} 21 USER ${user} 331 0 0 ${session} -`);
    out.push(`${stamp(t)} ${c} ${user} ${s.ip} 21 PASS *** 230 0 0 ${session} /`);
    out.push(`${stamp(t)} ${c} ${user} ${s.ip} 21 CWD /scans 250 0 0 ${session} /scans`);
    if (r.chance(0.3)) out.push(`${stamp(t)} ${c} ${user} ${s.ip} 21 SIZE scan_${r.int(1000, 9999)}.pdf 550 2 2 ${session} /scans/scan_${r.int(1000, 9999)}.pdf`);
    out.push(`${stamp(t)} ${c} ${user} ${s.ip} 21 PASV - 227 0 0 ${session} -`);
    out.push(`${stamp(t)} ${c} ${user} ${s.ip} 50${r.int(10, 99)} DataChannelOpened - - 0 0 ${session} -`);
    out.push(`${stamp(t)} ${c} ${user} ${s.ip} 50${r.int(10, 99)} DataChannelClosed - - 0 0 ${session} -`);
    out.push(`${stamp(t)} ${c} ${user} ${s.ip} 21 STOR scan_${r.int(1000, 9999)}.pdf 226 0 0 ${session} /scans/scan_${r.int(1000, 9999)}.pdf`);
    out.push(`${stamp(t)} ${c} ${user} ${s.ip} 21 QUIT - 221 0 0 ${session} -`);
    out.push(`${stamp(t)} ${c} ${user} ${s.ip} 21 ControlChannelClosed - - 0 0 ${session} -`);
  }
  return crlf(out);
}

/** A WCF trace of another service on the server (System.ServiceModel tracing at Information). */
export function otherSvclog(s: Site, r: Random): string {
  const out: string[] = [];
  let t = Date.UTC(2024, 2, 5, 7, 0, 0);
  for (let i = 0; i < 40; i++) {
    t += r.int(500, 60_000);
    const when = new Date(t).toISOString().replace('Z', '0000Z');
    const [id, desc, level] = r.pick([
      ['262163', 'Sending a message over a channel.', 'Information'],
      ['262164', 'Received a message over a channel.', 'Information'],
      ['131085', 'ServiceHost opened: Contoso.Orders.OrderService', 'Information'],
      ['524329', 'Activity boundary.', 'Start'],
    ] as const);
    out.push(`<E2ETraceEvent xmlns="http://schemas.microsoft.com/2004/06/E2ETraceEvent"><System xmlns="http://schemas.microsoft.com/2004/06/windows/eventlog/system"><EventID>${id}</EventID><Type>3</Type><SubType Name="${level}">0</SubType><Level>${level === 'Start' ? 255 : 8}</Level><TimeCreated SystemTime="${when}" /><Source Name="System.ServiceModel" /><Correlation ActivityID="{${r.guid()}}" /><Execution ProcessName="w3wp" ProcessID="${r.int(1000, 9000)}" ThreadID="${r.int(1, 60)}" /><Channel /><Computer>${s.host}</Computer></System><ApplicationData><TraceData><DataItem><TraceRecord xmlns="http://schemas.microsoft.com/2004/10/E2ETraceEvent/TraceRecord" Severity="${level}"><TraceIdentifier>http://msdn.microsoft.com/en-US/library/System.ServiceModel.Channels.MessageSent.aspx</TraceIdentifier><Description>${desc}</Description><AppDomain>/LM/W3SVC/2/ROOT-1-133541${r.int(100000000, 999999999)}</AppDomain><Source>System.ServiceModel.Channels.HttpChannelFactory\`1+HttpRequestChannel/${r.int(1000000, 99999999)}</Source></TraceRecord></DataItem></TraceData></ApplicationData></E2ETraceEvent>`);
  }
  return crlf(out);
}

/** `Get-ChildItem -Recurse | ConvertTo-Json -Compress`: one line of a megabyte or more. */
export function fileInventory(r: Random, approxBytes: number): string {
  const items: string[] = [];
  let bytes = 0;
  while (bytes < approxBytes) {
    const dir = r.pick(['C:\\\\inetpub\\\\logs\\\\LogFiles\\\\W3SVC1', 'C:\\\\inetpub\\\\logs\\\\LogFiles\\\\W3SVC2', 'C:\\\\Windows\\\\System32\\\\LogFiles\\\\HTTPERR', 'C:\\\\Program Files\\\\Microsoft Intune\\\\PFXCertificateConnector\\\\ConnectorLogs']);
    const name = `u_ex2403${pad(r.int(1, 5))}.log`;
    const item = `{"Name":"${name}","FullName":"${dir}\\\\${name}","Length":${r.int(1000, 9_000_000)},"LastWriteTime":"\\/Date(${1709596800000 + r.int(0, 400_000_000)})\\/","Attributes":32,"Extension":".log"}`;
    items.push(item);
    bytes += item.length + 1;
  }
  return `[${items.join(',')}]`;
}

/** Everyday System and Application events of a healthy server, as binary .evtx (EventData only, as Windows stores them). */
export function everydayEvtx(s: Site, r: Random, channel: 'System' | 'Application'): Uint8Array {
  const computer = `${s.host}.${s.domain}`;
  const sys: Omit<EventSpec, 'time'>[] = [
    { provider: 'Service Control Manager', guid: '{555908d1-a6d7-4695-8e1e-26931d2012f4}', eventId: 7036, level: 4, channel: 'System', computer, data: [['param1', 'Windows Modules Installer'], ['param2', 'stopped']] },
    { provider: 'Microsoft-Windows-DistributedCOM', guid: '{1B562E86-B7AA-4131-BADC-B6F3A001407E}', eventId: 10016, level: 2, channel: 'System', computer,
      data: [['param1', 'application-specific'], ['param2', 'Local'], ['param3', 'Activation'], ['param4', '{D63B10C5-BB46-4990-A94F-E40B9D520160}'], ['param5', '{9CA88EE3-ACB7-47C8-AFC4-AB702511C276}'], ['param6', 'NT AUTHORITY'], ['param7', 'SYSTEM'], ['param8', 'S-1-5-18'], ['param9', 'LocalHost (Using LRPC)']] },
    { provider: 'Schannel', guid: '{1F678132-5938-4686-9FDC-C8FF68F15C85}', eventId: 36887, level: 2, channel: 'System', computer, data: [['AlertDesc', '46']] },
    { provider: 'Microsoft-Windows-Security-Kerberos', guid: '{98e6cfcb-ee0a-41e0-a57b-622d4e1b30b1}', eventId: 4, level: 2, channel: 'System', computer,
      data: [['Server', `${s.service}@CONTOSO.COM`], ['TargetRealm', 'CONTOSO.COM'], ['Targetname', `HTTP/portal.${s.domain}`], ['ClientRealm', ''], ['ClientName', '']] },
    { provider: 'Microsoft-Windows-Kernel-General', guid: '{A68CA8B7-004F-D7B6-A698-07E2DE0F1F5D}', eventId: 1, level: 4, channel: 'System', computer,
      data: [['NewTime', '2024-03-05T06:12:00.500000000Z'], ['OldTime', '2024-03-05T06:12:00.512000000Z'], ['Reason', '2']] },
    { provider: 'Microsoft-Windows-Time-Service', guid: '{06EDCFEB-0FD0-4E53-ACCA-A6F8BBF81BCB}', eventId: 37, level: 4, channel: 'System', computer, data: [['TimeSource', `DC01.${s.domain} (ntp.d|10.20.30.11:123->10.20.30.2:123)`]] },
    { provider: 'Microsoft-Windows-WAS', guid: '{524B5D04-133C-4A62-8362-64E8EDB9CE40}', eventId: 5186, level: 4, channel: 'System', computer, data: [['ProcessID', String(r.int(1000, 9000))], ['AppPoolID', 'PortalAppPool'], ['Minutes', '20']] },
    { provider: 'EventLog', eventId: 6013, level: 4, channel: 'System', computer, data: [[undefined, '172800'], [undefined, '60'], [undefined, 'W. Europe Standard Time']] },
  ];
  const app: Omit<EventSpec, 'time'>[] = [
    { provider: 'Microsoft-Windows-WMI', guid: '{1edeee53-0afe-4609-b846-d8c0b2075b1f}', eventId: 10, level: 2, channel: 'Application', computer,
      data: [[undefined, '//./root/CIMV2'], [undefined, 'SELECT * FROM __InstanceModificationEvent WITHIN 60 WHERE TargetInstance ISA "Win32_Processor" AND TargetInstance.LoadPercentage > 99'], [undefined, '0x80041003']] },
    { provider: 'MsiInstaller', eventId: 1033, level: 4, channel: 'Application', computer, data: [[undefined, 'Contoso Monitoring Agent'], [undefined, '4.2.1.0'], [undefined, '1033'], [undefined, '0'], [undefined, 'Contoso Ltd.'], [undefined, '(NULL)']] },
    { provider: 'Microsoft-Windows-Security-SPP', guid: '{E23B33B0-C8C9-472C-A5F9-F2BDFEA0F156}', eventId: 16384, level: 4, channel: 'Application', computer, data: [[undefined, '2124-02-10T09:12:00Z'], [undefined, 'RulesEngine']] },
    { provider: 'ESENT', eventId: 326, level: 4, channel: 'Application', computer, data: [[undefined, 'svchost'], [undefined, '2212,D,50'], [undefined, 'SRUJet: '], [undefined, '1'], [undefined, 'C:\\Windows\\system32\\SRU\\SRUDB.dat'], [undefined, '0']] },
    { provider: 'Microsoft-Windows-RestartManager', guid: '{0888E5EF-9B98-4695-979D-E92CE4247224}', eventId: 10000, level: 4, channel: 'Application', computer, data: [['RmSessionId', '0'], ['UTCStartTime', '2024-03-05T06:30:02.000000000Z']] },
    { provider: 'Microsoft-Windows-RestartManager', guid: '{0888E5EF-9B98-4695-979D-E92CE4247224}', eventId: 10001, level: 4, channel: 'Application', computer, data: [['RmSessionId', '0'], ['UTCStartTime', '2024-03-05T06:30:02.000000000Z']] },
  ];
  const specs = channel === 'System' ? sys : app;
  let t = Date.UTC(2024, 2, 5, 5, 0, 0);
  const events = [];
  for (let i = 0; i < 60; i++) {
    t += r.int(5_000, 600_000);
    const spec = r.pick(specs);
    events.push(eventOf({ ...spec, time: new Date(t).toISOString().replace('Z', '0000Z') }));
  }
  return writeEvtx(events);
}
