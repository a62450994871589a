import type { Random } from '../simulate/random';
import { crlf } from './encode';
import type { Site } from './tools';

/**
 * Event logs a collector exports besides the NDES and connector ones: System and Application as
 * wevtutil text, Event Viewer CSV and wevtutil XML, and CAPI2's operational log. Everyday events of a
 * healthy server, some at Error level that have nothing to do with SCEP (DCOM 10016, Schannel alerts).
 */
interface Ev {
  readonly log: string;
  readonly provider: string;
  readonly guid?: string;
  readonly id: number;
  readonly level: 'Information' | 'Warning' | 'Error';
  readonly task: string;
  readonly keyword: string;
  readonly text: string;
  readonly data?: readonly string[];
}

const LEVEL: Readonly<Record<Ev['level'], number>> = { Error: 2, Warning: 3, Information: 4 };

function everyday(s: Site, r: Random): Ev[] {
  const fqdn = `${s.host}.${s.domain}`;
  const pid = String(r.int(1000, 9999));
  const list: Ev[] = [
    { log: 'System', provider: 'Service Control Manager', guid: '{555908d1-a6d7-4695-8e1e-26931d2012f4}', id: 7036, level: 'Information', task: 'None', keyword: 'Classic',
      text: 'The Windows Modules Installer service entered the stopped state.', data: ['Windows Modules Installer', 'stopped'] },
    { log: 'System', provider: 'Service Control Manager', guid: '{555908d1-a6d7-4695-8e1e-26931d2012f4}', id: 7036, level: 'Information', task: 'None', keyword: 'Classic',
      text: 'The PFX Certificate Connector for Microsoft Intune service entered the running state.', data: ['PFX Certificate Connector for Microsoft Intune', 'running'] },
    { log: 'System', provider: 'Service Control Manager', guid: '{555908d1-a6d7-4695-8e1e-26931d2012f4}', id: 7045, level: 'Information', task: 'None', keyword: 'Classic',
      text: 'A service was installed in the system.\n\nService Name:  PKI Create Connector for Microsoft Intune\nService File Name:  "C:\\Program Files\\Microsoft Intune\\PFXCertificateConnector\\PkiCreateConnectorSvc.exe"\nService Type:  user mode service\nService Start Type:  auto start\nService Account:  NT AUTHORITY\\SYSTEM' },
    { log: 'System', provider: 'Microsoft-Windows-WAS', guid: '{524B5D04-133C-4A62-8362-64E8EDB9CE40}', id: 5186, level: 'Information', task: 'None', keyword: 'Classic',
      text: `A worker process with process id of '${pid}' serving application pool 'PortalAppPool' was shutdown due to inactivity.  Application Pool timeout configuration was set to 20 minutes.  A new worker process will be started when needed.`, data: [pid, 'PortalAppPool', '20'] },
    { log: 'System', provider: 'Microsoft-Windows-DistributedCOM', guid: '{1B562E86-B7AA-4131-BADC-B6F3A001407E}', id: 10016, level: 'Error', task: 'None', keyword: 'Classic',
      text: 'The application-specific permission settings do not grant Local Activation permission for the COM Server application with CLSID \n{D63B10C5-BB46-4990-A94F-E40B9D520160}\n and APPID \n{9CA88EE3-ACB7-47C8-AFC4-AB702511C276}\n to the user NT AUTHORITY\\SYSTEM SID (S-1-5-18) from address LocalHost (Using LRPC) running in the application container Unavailable SID (Unavailable). This security permission can be modified using the Component Services administrative tool.' },
    { log: 'System', provider: 'Schannel', guid: '{1F678132-5938-4686-9FDC-C8FF68F15C85}', id: 36887, level: 'Error', task: 'None', keyword: 'N/A',
      text: 'A fatal alert was received from the remote endpoint. The TLS protocol defined fatal alert code is 46.', data: ['46'] },
    { log: 'System', provider: 'Microsoft-Windows-Time-Service', guid: '{06EDCFEB-0FD0-4E53-ACCA-A6F8BBF81BCB}', id: 37, level: 'Information', task: 'None', keyword: 'N/A',
      text: `The time provider NtpClient is currently receiving valid time data from DC01.${s.domain} (ntp.d|${s.ip}:123->10.20.30.2:123).` },
    { log: 'System', provider: 'Microsoft-Windows-GroupPolicy', guid: '{AEA1B4FA-97D1-45F2-A64C-4D69FFFD92C9}', id: 1500, level: 'Information', task: 'None', keyword: 'N/A',
      text: 'The Group Policy settings for the computer were processed successfully. There were no changes detected since the last successful processing of Group Policy.' },
    { log: 'System', provider: 'Microsoft-Windows-Kernel-General', guid: '{A68CA8B7-004F-D7B6-A698-07E2DE0F1F5D}', id: 16, level: 'Information', task: 'None', keyword: 'N/A',
      text: `The access history in hive \\??\\C:\\Users\\${s.service}\\ntuser.dat was cleared updating 41 keys and creating 7 modified pages.` },
    { log: 'System', provider: 'Service Control Manager', guid: '{555908d1-a6d7-4695-8e1e-26931d2012f4}', id: 7040, level: 'Information', task: 'None', keyword: 'Classic',
      text: 'The start type of the Background Intelligent Transfer Service service was changed from auto start to demand start.' },
    { log: 'Application', provider: 'MsiInstaller', id: 11707, level: 'Information', task: 'None', keyword: 'Classic',
      text: 'Product: Contoso Monitoring Agent -- Installation completed successfully.' },
    { log: 'Application', provider: 'MsiInstaller', id: 1033, level: 'Information', task: 'None', keyword: 'Classic',
      text: 'Windows Installer installed the product. Product Name: Contoso Monitoring Agent. Product Version: 4.2.1.0. Product Language: 1033. Manufacturer: Contoso Ltd.. Installation success or error status: 0.' },
    { log: 'Application', provider: 'ESENT', id: 326, level: 'Information', task: 'General', keyword: 'Classic',
      text: 'svchost (2212,D,50) SRUJet: The database engine attached a database (1, C:\\Windows\\system32\\SRU\\SRUDB.dat). (Time=0 seconds)' },
    { log: 'Application', provider: 'Microsoft-Windows-Security-SPP', guid: '{E23B33B0-C8C9-472C-A5F9-F2BDFEA0F156}', id: 16384, level: 'Information', task: 'None', keyword: 'Classic',
      text: 'Successfully scheduled Software Protection service for re-start at 2124-02-10T09:12:00Z. Reason: RulesEngine.' },
    { log: 'Application', provider: 'Windows Error Reporting', id: 1001, level: 'Information', task: 'None', keyword: 'Classic',
      text: 'Fault bucket , type 0\nEvent Name: WindowsUpdateFailure3\nResponse: Not available\nCab Id: 0\n\nProblem signature:\nP1: 10.0.17763.5328\nP2: 8024402c\nP3: 00000000-0000-0000-0000-000000000000\nP4: Scan\nP5: 0\nP6: 1\nP7: 0\nP8: UpdateOrchestrator\nP9: \nP10: 0' },
    { log: 'Application', provider: 'Microsoft-Windows-CertificateServicesClient-AutoEnrollment', guid: '{F0DB7EF8-B6F3-4005-9937-FEB77B9E1B43}', id: 19, level: 'Information', task: 'None', keyword: 'N/A',
      text: `Certificate enrollment for Local system successfully received certificate from ${s.caHost}.${s.domain}\\${s.caName} using the Machine template.` },
  ];
  return list.map((e) => ({ ...e, text: e.text.replace('{fqdn}', fqdn) }));
}

function isoLocal(t: number): string {
  return new Date(t).toISOString().replace('Z', '');
}

/** `wevtutil qe System /f:text`. */
export function eventsText(s: Site, r: Random, log: 'System' | 'Application'): string {
  const out: string[] = [];
  let t = Date.UTC(2024, 2, 5, 5, 0, 0);
  let n = 0;
  for (let round = 0; round < 4; round++) {
    for (const e of everyday(s, r).filter((x) => x.log === log)) {
      t += r.int(5_000, 900_000);
      out.push(`Event[${n++}]:`, `  Log Name: ${e.log}`, `  Source: ${e.provider}`, `  Date: ${isoLocal(t)}`, `  Event ID: ${e.id}`, `  Task: ${e.task}`, `  Level: ${e.level}`,
        '  Opcode: Info', `  Keyword: ${e.keyword}`, '  User: S-1-5-18', '  User Name: NT AUTHORITY\\SYSTEM', `  Computer: ${s.host}.${s.domain}`, '  Description: ', e.text.replace(/\n/g, '\r\n'), '');
    }
  }
  return crlf(out);
}

/** Event Viewer's "Save All Events As… CSV". */
export function eventsCsv(s: Site, r: Random): string {
  const out = ['Level,Date and Time,Source,Event ID,Task Category'];
  let t = Date.UTC(2024, 2, 5, 5, 0, 0);
  for (let round = 0; round < 5; round++) {
    for (const e of everyday(s, r).filter((x) => x.log === 'Application')) {
      t += r.int(5_000, 900_000);
      const d = new Date(t);
      const h = d.getUTCHours();
      const stamp = `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${((h + 11) % 12) + 1}:${String(d.getUTCMinutes()).padStart(2, '0')}:${String(d.getUTCSeconds()).padStart(2, '0')} ${h < 12 ? 'AM' : 'PM'}`;
      out.push(`${e.level},${stamp},${e.provider},${e.id},${e.task},"${e.text.replace(/"/g, '""').replace(/\n/g, '\r\n')}"`);
    }
  }
  return crlf(out);
}

/** `wevtutil qe System /f:xml /e:Events`: one event per line inside an Events element. */
export function eventsXml(s: Site, r: Random): string {
  const out = ['<Events>'];
  let t = Date.UTC(2024, 2, 5, 5, 0, 0);
  let record = r.int(100000, 200000);
  for (let round = 0; round < 4; round++) {
    for (const e of everyday(s, r).filter((x) => x.log === 'System')) {
      t += r.int(5_000, 900_000);
      const provider = e.guid ? `<Provider Name='${e.provider}' Guid='${e.guid}'/>` : `<Provider Name='${e.provider}'/>`;
      const data = (e.data ?? []).map((d) => `<Data>${d}</Data>`).join('');
      out.push(`<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>${provider}<EventID Qualifiers='16384'>${e.id}</EventID><Version>0</Version><Level>${LEVEL[e.level]}</Level><Task>0</Task><Opcode>0</Opcode><Keywords>0x8080000000000000</Keywords><TimeCreated SystemTime='${new Date(t).toISOString().replace('Z', '0000Z')}'/><EventRecordID>${record++}</EventRecordID><Correlation/><Execution ProcessID='${r.int(400, 900)}' ThreadID='${r.int(400, 9000)}'/><Channel>${e.log}</Channel><Computer>${s.host}.${s.domain}</Computer><Security/></System><EventData>${data}</EventData></Event>`);
    }
  }
  out.push('</Events>');
  return crlf(out);
}

/** CAPI2 operational: healthy chain builds and policy checks (Result 0). */
export function capi2Xml(s: Site, r: Random): string {
  const out: string[] = [];
  let t = Date.UTC(2024, 2, 5, 6, 0, 0);
  let record = r.int(5000, 9000);
  for (let i = 0; i < 12; i++) {
    t += r.int(2_000, 120_000);
    const when = new Date(t).toISOString().replace('Z', '0000Z');
    const chainRef = `{${r.guid().toUpperCase()}}`;
    const sys = (id: number, task: number): string => `<System><Provider Name='Microsoft-Windows-CAPI2' Guid='{5bbca4a8-b209-48dc-a8c7-b23d3e5216fb}'/><EventID>${id}</EventID><Version>0</Version><Level>4</Level><Task>${task}</Task><Opcode>2</Opcode><Keywords>0x4000000000000001</Keywords><TimeCreated SystemTime='${when}'/><EventRecordID>${record++}</EventRecordID><Correlation ActivityID='{${r.guid().toUpperCase()}}'/><Execution ProcessID='${r.int(1000, 9000)}' ThreadID='${r.int(1000, 9000)}'/><Channel>Microsoft-Windows-CAPI2/Operational</Channel><Computer>${s.host}.${s.domain}</Computer><Security UserID='S-1-5-18'/></System>`;
    out.push(`<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'>${sys(11, 11)}<UserData><CertGetCertificateChain><Certificate fileRef='${r.hex(40).toUpperCase()}.cer' subjectName='${s.host.toLowerCase()}.${s.domain}'/><ValidationTime>${when}</ValidationTime><Flags value='40000000' CERT_CHAIN_REVOCATION_CHECK_CHAIN_EXCLUDE_ROOT='true'/><ChainEngineInfo context='machine'/><CertificateChain chainRef='${chainRef}'><TrustStatus><ErrorStatus value='0'/><InfoStatus value='100' CERT_TRUST_HAS_PREFERRED_ISSUER='true'/></TrustStatus></CertificateChain><EventAuxInfo ProcessName='w3wp.exe'/><CorrelationAuxInfo TaskId='{${r.guid().toUpperCase()}}' SeqNumber='1'/><Result value='0'/></CertGetCertificateChain></UserData></Event>`);
    out.push(`<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'>${sys(30, 30)}<UserData><CertVerifyCertificateChainPolicy><Policy type='CERT_CHAIN_POLICY_SSL' constant='4'/><Certificate fileRef='${r.hex(40).toUpperCase()}.cer' subjectName='${s.host.toLowerCase()}.${s.domain}'/><CertificateChain chainRef='${chainRef}'/><Flags value='0'/><SSLAdditionalPolicyInfo authType='server' serverName='${s.host.toLowerCase()}.${s.domain}'/><Status chainIndex='0' elementIndex='-1'/><EventAuxInfo ProcessName='w3wp.exe'/><CorrelationAuxInfo TaskId='{${r.guid().toUpperCase()}}' SeqNumber='2'/><Result value='0'/></CertVerifyCertificateChainPolicy></UserData></Event>`);
  }
  return crlf(out);
}

/** What a collector writes about itself (ConvertTo-Json of PowerShell 5.1: four-space indent, padded colons). */
export function collectorJson(s: Site): string {
  return crlf([
    '{',
    `    "ComputerName":  "${s.host}",`,
    '    "CollectedAt":  "2024-03-05T10:14:22.1234567+01:00",',
    '    "ConnectorVersion":  "6.2301.1.0",',
    '    "OSVersion":  "10.0.17763.5458",',
    '    "Checks":  [',
    '                   {',
    '                       "Name":  "IIS request limits",',
    '                       "Result":  "Passed",',
    '                       "Detail":  "maxUrl=65534 maxQueryString=65534"',
    '                   },',
    '                   {',
    '                       "Name":  "Service account in IIS_IUSRS",',
    '                       "Result":  "Passed",',
    '                       "Detail":  ""',
    '                   },',
    '                   {',
    '                       "Name":  "MSCEP templates",',
    '                       "Result":  "Passed",',
    `                       "Detail":  "${s.template}"`,
    '                   }',
    '               ],',
    '    "Errors":  [',
    '',
    '               ],',
    '    "Files":  [',
    '                  "C:\\\\inetpub\\\\logs\\\\LogFiles\\\\W3SVC1",',
    '                  "C:\\\\Program Files\\\\Microsoft Intune\\\\PFXCertificateConnector\\\\ConnectorLogs"',
    '              ]',
    '}',
  ]);
}

/** Export-Clixml of Get-Service. */
export function servicesClixml(): string {
  const svc = (ref: number, name: string, display: string, status: string): string[] => [
    `  <Obj RefId="${ref}">`,
    ref === 0 ? '    <TN RefId="0">\r\n      <T>System.ServiceProcess.ServiceController</T>\r\n      <T>System.ComponentModel.Component</T>\r\n      <T>System.MarshalByRefObject</T>\r\n      <T>System.Object</T>\r\n    </TN>' : '    <TNRef RefId="0" />',
    `    <ToString>System.ServiceProcess.ServiceController</ToString>`,
    '    <Props>',
    `      <S N="Name">${name}</S>`,
    `      <S N="DisplayName">${display}</S>`,
    `      <Obj N="Status" RefId="${ref + 100}"><TN RefId="1"><T>System.ServiceProcess.ServiceControllerStatus</T></TN><ToString>${status}</ToString><I32>${status === 'Running' ? 4 : 1}</I32></Obj>`,
    '    </Props>',
    '  </Obj>',
  ];
  return crlf([
    '<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">',
    ...svc(0, 'W3SVC', 'World Wide Web Publishing Service', 'Running'),
    ...svc(1, 'WAS', 'Windows Process Activation Service', 'Running'),
    ...svc(2, 'PFXCertificateConnectorSvc', 'PFX Certificate Connector for Microsoft Intune', 'Running'),
    ...svc(3, 'wuauserv', 'Windows Update', 'Stopped'),
    '</Objs>',
  ]);
}
