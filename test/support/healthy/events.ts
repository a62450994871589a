import type { Random } from '../simulate/random';

/**
 * What a healthy NDES server, its issuing CA and its connector write to their Windows event logs in
 * a day or two, SCEP or not: the noise every Windows server has (DCOM, service control manager,
 * Schannel, Kerberos, Group Policy, performance counters, VSS, time service, Windows Update, other
 * programs crashing, autoenrollment of other templates, CAPI2 chain builds for other sites) and the
 * healthy information events of IIS, NDES, the CA and the Intune certificate connector. Written from
 * what Windows itself writes (providers, ids, levels, channels, message texts as Event Viewer renders
 * them), not from NDES Lens's rules.
 */

export interface HealthyEvent {
  readonly provider: string;
  readonly guid?: string;
  /** The classic source name Windows adds as `EventSourceName` for manifest providers that also log as a classic source. */
  readonly sourceName?: string;
  readonly id: number;
  readonly qualifiers?: number;
  readonly version?: number;
  /** 1 critical, 2 error, 3 warning, 4 information (0: information, as classic sources write it). */
  readonly level: number;
  readonly task?: number;
  /** Event Viewer's "Task Category" column. */
  readonly taskName?: string;
  readonly opcode?: number;
  readonly keywords: string;
  readonly channel: string;
  readonly computer: string;
  /** UTC milliseconds. */
  readonly time: number;
  readonly processId: number;
  readonly threadId: number;
  readonly userId?: string;
  readonly activityId?: string;
  /** `<EventData>`: named or unnamed `<Data>` values. */
  readonly data?: readonly (readonly [string | undefined, string])[];
  readonly binary?: string;
  /** `<UserData>` XML (CAPI2 writes its operational events this way). */
  readonly userData?: string;
  /** The message as Event Viewer renders it (lines joined with CRLF in exports). */
  readonly message: string;
}

export type Draft = Omit<HealthyEvent, 'time' | 'computer'>;

export const NDES = 'NDES01.contoso.com';
export const CA = 'CA01.contoso.com';

const CLASSIC = '0x80000000000000';
const SYSTEM_CLASSIC = '0x8080000000000000';
const SYSTEM_KW = '0x8000000000000000';

/** Events 13, 82 and 1006 of Windows' own certificate enrollment come from CertEnroll, not AutoEnrollment. */
const CERTENROLL = { provider: 'Microsoft-Windows-CertificateServicesClient-CertEnroll', guid: '{54164045-7C50-4905-963F-E5BC1EEF0CCA}', sourceName: 'Microsoft-Windows-CertificateServicesClient-CertEnroll' } as const;

const SCM = { provider: 'Service Control Manager', guid: '{555908d1-a6d7-4695-8e1e-26931d2012f4}', sourceName: 'Service Control Manager', channel: 'System', processId: 712 } as const;

const hexUtf16 = (s: string): string => Array.from(`${s}\0`, (c) => c.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase() + '00').join('');
const thumb = (r: Random): string => r.hex(40).toUpperCase();
const upperGuid = (r: Random): string => `{${r.guid().toUpperCase()}}`;

/** Services a server starts and stops all day (Windows Update, BITS, Modules Installer …). */
const CHATTY_SERVICES: readonly (readonly [string, string])[] = [
  ['Windows Modules Installer', 'TrustedInstaller'], ['Background Intelligent Transfer Service', 'BITS'],
  ['Windows Update', 'wuauserv'], ['WinHTTP Web Proxy Auto-Discovery Service', 'WinHttpAutoProxySvc'],
  ['Microsoft Account Sign-in Assistant', 'wlidsvc'], ['Device Setup Manager', 'DsmSvc'],
  ['Windows Error Reporting Service', 'WerSvc'], ['Software Protection', 'sppsvc'], ['Update Orchestrator Service', 'UsoSvc'],
  ['Network Setup Service', 'NetSetupSvc'], ['Delivery Optimization', 'DoSvc'], ['Volume Shadow Copy', 'VSS'],
];

function scm7036(r: Random, running: boolean, service?: readonly [string, string]): Draft {
  const [name, key] = service ?? r.pick(CHATTY_SERVICES);
  const state = running ? 'running' : 'stopped';
  return { ...SCM, id: 7036, qualifiers: 16384, level: 4, keywords: SYSTEM_CLASSIC, threadId: r.int(700, 9000),
    data: [['param1', name], ['param2', state]], binary: hexUtf16(`${key}/${running ? 4 : 1}`),
    message: `The ${name} service entered the ${state} state.` };
}

/** Noise of the System log of any Windows server, errors and warnings included. */
export function systemNoise(r: Random): Draft {
  const k = r.int(0, 99);
  const tid = r.int(400, 9000);
  if (k < 30) return scm7036(r, r.chance(0.5));
  if (k < 34) {
    const [name, key] = r.pick(CHATTY_SERVICES);
    return { ...SCM, id: 7040, qualifiers: 16384, level: 4, keywords: SYSTEM_CLASSIC, threadId: tid,
      data: [['param1', name], ['param2', 'auto start'], ['param3', 'demand start'], ['param4', key]],
      message: `The start type of the ${name} service was changed from auto start to demand start.` };
  }
  if (k < 42) {
    const clsid = r.pick(['{D63B10C5-BB46-4990-A94F-E40B9D520160}', '{2593F8B9-4EAF-457C-B68A-50F6B8EA6B54}', '{6B3B8D23-FA8D-40B9-8DBD-B950333E2C52}', '{C2F03A33-21F5-47FA-B4BB-156362A2F239}']);
    const appid = r.pick(['{9CA88EE3-ACB7-47C8-AFC4-AB702511C276}', '{15C20B67-12E7-4BB6-92BB-7AFF07997402}', '{4839DDB7-58C2-48F5-8283-E1D1807D0D7D}', '{316CDED5-E4AE-4B15-9113-7055D84DCC97}']);
    const user = r.pick(['NT AUTHORITY\\SYSTEM', 'NT AUTHORITY\\LOCAL SERVICE', 'NT AUTHORITY\\NETWORK SERVICE', 'CONTOSO\\svc-ndes']);
    const sid = user.endsWith('SYSTEM') ? 'S-1-5-18' : user.endsWith('LOCAL SERVICE') ? 'S-1-5-19' : user.endsWith('NETWORK SERVICE') ? 'S-1-5-20' : 'S-1-5-21-3623811015-3361044348-30300820-1117';
    return { provider: 'Microsoft-Windows-DistributedCOM', guid: '{1B562E86-B7AA-4131-BADC-B6F3A001407E}', sourceName: 'DCOM', id: 10016, qualifiers: 0,
      level: 3, task: 0, keywords: SYSTEM_KW, channel: 'System', processId: 1012, threadId: tid, userId: sid,
      data: [['param1', 'application-specific'], ['param2', 'Local'], ['param3', 'Activation'], ['param4', clsid], ['param5', appid], ['param6', user.split('\\')[0] ?? ''], ['param7', user.split('\\')[1] ?? ''], ['param8', sid], ['param9', 'LocalHost (Using LRPC)'], ['param10', 'Unavailable'], ['param11', 'Unavailable']],
      message: `The application-specific permission settings do not grant Local Activation permission for the COM Server application with CLSID \n${clsid}\n and APPID \n${appid}\n to the user ${user} SID (${sid}) from address LocalHost (Using LRPC) running in the application container Unavailable SID (Unavailable). This security permission can be modified using the Component Services administrative tool.` };
  }
  if (k < 44) {
    const svc = r.pick(['Tenable Nessus', 'Sophos Endpoint Defense Service', 'Google Update Service (gupdate)', 'Dell OpenManage Server Administrator']);
    return { ...SCM, id: 7009, qualifiers: 49152, level: 2, keywords: SYSTEM_CLASSIC, threadId: tid,
      data: [['param1', '30000'], ['param2', svc]], message: `A timeout was reached (30000 milliseconds) while waiting for the ${svc} service to connect.` };
  }
  if (k < 45) {
    const svc = r.pick(['Sophos Endpoint Defense Service', 'Google Update Service (gupdate)', 'Windows Search']);
    return { ...SCM, id: 7000, qualifiers: 49152, level: 2, keywords: SYSTEM_CLASSIC, threadId: tid,
      data: [['param1', svc], ['param2', '%%1053']], message: `The ${svc} service failed to start due to the following error: \nThe service did not respond to the start or control request in a timely fashion.` };
  }
  if (k < 46) return { ...SCM, id: 7001, qualifiers: 49152, level: 2, keywords: SYSTEM_CLASSIC, threadId: tid,
    data: [['param1', 'Remote Desktop Services UserMode Port Redirector'], ['param2', 'Remote Desktop Services'], ['param3', '%%1068']],
    message: 'The Remote Desktop Services UserMode Port Redirector service depends on the Remote Desktop Services service which failed to start because of the following error: \nThe dependency service or group failed to start.' };
  if (k < 48) {
    const svc = r.pick(['AppReadiness', 'wuauserv', 'TrustedInstaller', 'gupdate']);
    return { ...SCM, id: 7011, qualifiers: 49152, level: 2, keywords: SYSTEM_CLASSIC, threadId: tid,
      data: [['param1', '30000'], ['param2', svc]], message: `A timeout (30000 milliseconds) was reached while waiting for a transaction response from the ${svc} service.` };
  }
  if (k < 49) return { ...SCM, id: 7023, qualifiers: 49152, level: 2, keywords: SYSTEM_CLASSIC, threadId: tid,
    data: [['param1', 'Windows Search'], ['param2', '%%2147749126']], message: 'The Windows Search service terminated with the following error: \n%%2147749126' };
  if (k < 50) {
    const svc = r.pick(['Windows Update', 'Sophos Endpoint Defense Service', 'Print Spooler', 'Microsoft Monitoring Agent']);
    return { ...SCM, id: 7031, qualifiers: 49152, level: 2, keywords: SYSTEM_CLASSIC, threadId: tid,
      data: [['param1', svc], ['param2', '1'], ['param3', '60000'], ['param4', '1'], ['param5', 'Restart the service']],
      message: `The ${svc} service terminated unexpectedly.  It has done this 1 time(s).  The following corrective action will be taken in 60000 milliseconds: Restart the service.` };
  }
  if (k < 51) {
    const svc = r.pick(['Tenable Nessus', 'Sophos Endpoint Defense Service', 'Qualys Cloud Agent']);
    return { ...SCM, id: 7034, qualifiers: 49152, level: 2, keywords: SYSTEM_CLASSIC, threadId: tid,
      data: [['param1', svc], ['param2', '1']], message: `The ${svc} service terminated unexpectedly.  It has done this 1 time(s).` };
  }
  if (k < 58) {
    const which = r.int(0, 2);
    const base = { provider: 'Schannel', guid: '{1F678132-5938-4686-9FDC-C8FF68F15C85}', level: 2, task: 0, keywords: SYSTEM_KW, channel: 'System', processId: 780, threadId: tid, userId: 'S-1-5-18' };
    if (which === 0) return { ...base, provider: 'Schannel', id: 36874, data: [['Protocol', 'TLS 1.0']],
      message: 'An TLS 1.0 connection request was received from a remote client application, but none of the cipher suites supported by the client application are supported by the server. The TLS connection request has failed.' };
    if (which === 1) {
      const alert = r.pick(['46', '48', '70', '40']);
      return { ...base, id: 36887, data: [['AlertDesc', alert]], message: `A fatal alert was received from the remote endpoint. The TLS protocol defined fatal alert code is ${alert}.` };
    }
    const state = r.pick(['1205', '960', '1203']);
    return { ...base, id: 36888, data: [['AlertDesc', '40'], ['ErrorState', state]],
      message: `A fatal alert was generated and sent to the remote endpoint. This may result in termination of the connection. The TLS protocol defined fatal error code is 40. The TLS error state is ${state}.` };
  }
  if (k < 60) {
    const host = r.pick(['fs01', 'ws0421', 'sql02', 'print01']);
    return { provider: 'Microsoft-Windows-Security-Kerberos', guid: '{98E6CFCB-EE0A-4B0D-8B1C-A7AF8D9A1E9D}', sourceName: 'Kerberos', id: 4, qualifiers: 49152, level: 2, task: 0, keywords: CLASSIC, channel: 'System', processId: 780, threadId: tid,
      data: [['Error', 'KRB_AP_ERR_MODIFIED'], ['Server', `${host}$`], ['TargetRealm', 'CONTOSO.COM'], ['Targetname', `cifs/${host}.contoso.com`]],
      message: `The Kerberos client received a KRB_AP_ERR_MODIFIED error from the server ${host}$. The target name used was cifs/${host}.contoso.com. This indicates that the target server failed to decrypt the ticket provided by the client. This can occur when the target server principal name (SPN) is registered on an account other than the account the target service is using. Ensure that the target SPN is only registered on the account used by the server. This error can also happen if the target service account password is different than what is configured on the Kerberos Key Distribution Center for that target service. Ensure that the service on the server and the KDC are both configured to use the same password. If the server name is not fully qualified, and the target domain (CONTOSO.COM) is different from the client domain (CONTOSO.COM), check if there are identically named server accounts in these two domains, or use the fully-qualified name to identify the server.` };
  }
  if (k < 63) return { provider: 'Microsoft-Windows-GroupPolicy', guid: '{AEA1B4FA-97D1-45F2-A64C-4D69FFFD92C9}', id: 1129, level: 2, task: 0, opcode: 1, keywords: SYSTEM_KW, channel: 'System', processId: 1332, threadId: tid, userId: 'S-1-5-18', activityId: upperGuid(r),
    data: [['SupportInfo1', '1'], ['SupportInfo2', '3420'], ['ProcessingMode', '0'], ['ProcessingTimeInMilliseconds', '21016'], ['ErrorCode', '1222'], ['ErrorDescription', 'The network is not present or not started. ']],
    message: 'The processing of Group Policy failed because of lack of network connectivity to a domain controller. This may be a transient condition. A success message would be generated once the machine gets connected to the domain controller and Group Policy has successfully processed. If you do not see a success message for several hours, then contact your administrator.' };
  if (k < 65) return { provider: 'Microsoft-Windows-GroupPolicy', guid: '{AEA1B4FA-97D1-45F2-A64C-4D69FFFD92C9}', id: 1085, level: 3, task: 0, opcode: 1, keywords: SYSTEM_KW, channel: 'System', processId: 1332, threadId: tid, userId: 'S-1-5-18', activityId: upperGuid(r),
    data: [['SupportInfo1', '1'], ['SupportInfo2', '5012'], ['ProcessingMode', '0'], ['ProcessingTimeInMilliseconds', '406'], ['ErrorCode', '2147942402'], ['ErrorDescription', 'The system cannot find the file specified. '], ['DCName', '\\\\DC01.contoso.com'], ['ExtensionName', 'Internet Explorer Zonemapping'], ['ExtensionId', '{4CFB60C1-FAA6-47f1-89AA-0B18730C9FD3}']],
    message: 'Windows failed to apply the Internet Explorer Zonemapping settings. Internet Explorer Zonemapping settings might have its own log file. Please click on the "More information" link.' };
  if (k < 72) return { provider: 'Microsoft-Windows-GroupPolicy', guid: '{AEA1B4FA-97D1-45F2-A64C-4D69FFFD92C9}', id: 1500 + r.int(0, 3), level: 4, task: 0, opcode: 0, keywords: SYSTEM_KW, channel: 'System', processId: 1332, threadId: tid, userId: 'S-1-5-18', activityId: upperGuid(r),
    data: [['SupportInfo1', '1'], ['SupportInfo2', '1'], ['ProcessingMode', '0'], ['ProcessingTimeInMilliseconds', String(r.int(400, 4000))]],
    message: 'The Group Policy settings for the computer were processed successfully. There were no changes detected since the last successful processing of Group Policy.' };
  if (k < 75) {
    if (r.chance(0.5)) return { provider: 'Microsoft-Windows-Time-Service', guid: '{06EDCFEB-0FD0-4E53-ACCA-A6F8BBF81BCB}', id: 129, level: 3, task: 0, keywords: SYSTEM_KW, channel: 'System', processId: 1480, threadId: tid, userId: 'S-1-5-19',
      data: [['ErrorMessage', 'The entry is not found. (0x800706E1)'], ['RetryMinutes', '15']],
      message: 'NtpClient was unable to set a domain peer to use as a time source because of discovery error. NtpClient will try again in 15 minutes and double the reattempt interval thereafter. The error was: The entry is not found. (0x800706E1)' };
    return { provider: 'Microsoft-Windows-Time-Service', guid: '{06EDCFEB-0FD0-4E53-ACCA-A6F8BBF81BCB}', id: 134, level: 3, task: 0, keywords: SYSTEM_KW, channel: 'System', processId: 1480, threadId: tid, userId: 'S-1-5-19',
      data: [['TimeSource', 'time.windows.com,0x8'], ['RetryMinutes', '15'], ['ErrorMessage', 'No such host is known. (0x80072AF9)']],
      message: "NtpClient was unable to set a manual peer to use as a time source because of DNS resolution error on 'time.windows.com,0x8'. NtpClient will try again in 15 minutes and double the reattempt interval thereafter. The error was: No such host is known. (0x80072AF9)" };
  }
  if (k < 78) {
    const wu = { provider: 'Microsoft-Windows-WindowsUpdateClient', guid: '{945A8954-C147-4ACD-923F-40C45405A658}', task: 1, taskName: 'Windows Update Agent', keywords: '0x8000000000004000', channel: 'System', processId: 3980, threadId: tid, userId: 'S-1-5-18' };
    const kb = r.pick(['Security Intelligence Update for Microsoft Defender Antivirus - KB2267602 (Version 1.407.212.0)', '2024-02 Cumulative Update for Windows Server 2019 for x64-based Systems (KB5034768)', '2024-02 Cumulative Update for .NET Framework 3.5, 4.7.2 and 4.8 for Windows Server 2019 for x64 (KB5034619)']);
    const v = r.int(0, 2);
    if (v === 0) return { ...wu, id: 20, level: 2, data: [['errorCode', '0x80070643'], ['updateTitle', kb], ['updateGuid', `{${r.guid()}}`], ['updateRevisionNumber', '200']],
      message: `Installation Failure: Windows failed to install the following update with error 0x80070643: ${kb}.` };
    if (v === 1) return { ...wu, id: 25, level: 2, data: [['errorCode', '0x8024402c']], message: 'Windows Update failed to check for updates with error 0x8024402C.' };
    return { ...wu, id: 19, level: 4, data: [['updateTitle', kb], ['updateGuid', `{${r.guid()}}`], ['updateRevisionNumber', '200']],
      message: `Installation Successful: Windows successfully installed the following update: ${kb}` };
  }
  if (k < 80) return { provider: 'NETLOGON', id: 5719, qualifiers: 0, level: 2, task: 0, keywords: CLASSIC, channel: 'System', processId: 0, threadId: 0,
    data: [[undefined, 'CONTOSO'], [undefined, '%%1311']], binary: '5E0000C0',
    message: 'This computer was not able to set up a secure session with a domain controller in domain CONTOSO due to the following: \nThere are currently no logon servers available to service the logon request. \nThis may lead to authentication problems. Make sure that this computer is connected to the network. If the problem persists, please contact your domain administrator.  \n\nADDITIONAL INFO \nIf this computer is a domain controller for the specified domain, it sets up the secure session to the primary domain controller emulator in the specified domain. Otherwise, this computer sets up the secure session to any domain controller in the specified domain.' };
  if (k < 83) {
    const name = r.pick(['wpad.contoso.com', 'login.microsoftonline.com', 'ctldl.windowsupdate.com', 'settings-win.data.microsoft.com', 'crl.fabrikam-partner.com']);
    return { provider: 'Microsoft-Windows-DNS-Client', guid: '{1C95126E-7EEA-49A9-A3FE-A378B03DDB4D}', id: 1014, version: 0, level: 3, task: 1014, keywords: '0x4000000000000000', channel: 'System', processId: 1640, threadId: tid, userId: 'S-1-5-20',
      data: [['QueryName', name], ['AddressLength', '128'], ['Address', '0200003510000A0A0000000000000000']],
      message: `Name resolution for the name ${name} timed out after none of the configured DNS servers responded.` };
  }
  if (k < 85) {
    const spn = r.pick(['cifs/fs01.contoso.com', 'ldap/dc02.contoso.com/contoso.com@CONTOSO.COM', 'HTTP/proxy01.contoso.com']);
    return { provider: 'LsaSrv', guid: '{199FE037-2B82-40A9-82AC-E1D46C792B99}', id: 40960, level: 3, task: 0, keywords: CLASSIC, qualifiers: 32768, channel: 'System', processId: 780, threadId: tid,
      data: [['Server', spn], ['AuthProtocol', 'Kerberos'], ['Reason', 'There are currently no logon servers available to service the logon request.'], ['Status', '(0xc000005e)'], ['SubStatus', '(0x0)']],
      message: `The Security System detected an authentication error for the server ${spn}. The failure code from authentication protocol Kerberos was "There are currently no logon servers available to service the logon request.\n (0xc000005e)".` };
  }
  if (k < 87) return { provider: 'TermDD', id: 56, qualifiers: 49152, level: 2, task: 2, keywords: CLASSIC, channel: 'System', processId: 4, threadId: tid,
    data: [[undefined, '\\Device\\Termdd'], [undefined, `10.20.${r.int(1, 254)}.${r.int(1, 254)}`]], binary: '00000000020030000000000038000AC00000000038000AC000000000000000000000000000000000',
    message: `The Terminal Server security layer detected an error in the protocol stream and has disconnected the client. Client IP: 10.20.${r.int(1, 254)}.${r.int(1, 254)}.` };
  if (k < 90) return { provider: 'Microsoft-Windows-Winlogon', guid: '{DBE9B383-7CF3-4331-91CC-A3CB16A3B538}', id: r.chance(0.5) ? 7001 : 7002, level: 4, task: 1101, keywords: '0x2000200000000000', channel: 'System', processId: 6040, threadId: tid, userId: 'S-1-5-18',
    data: [['TSId', String(r.int(1, 4))], ['UserSid', 'S-1-5-21-3623811015-3361044348-30300820-1104']],
    message: 'User Logon Notification for Customer Experience Improvement Program' };
  if (k < 92) return { provider: 'Microsoft-Windows-Kernel-General', guid: '{A68CA8B7-004F-D7B6-A698-07E2DE0F1F5D}', id: 16, version: 1, level: 4, task: 0, keywords: '0x8000000000000000', channel: 'System', processId: 4, threadId: tid, userId: 'S-1-5-18',
    data: [['HiveNameLength', '53'], ['HiveName', '\\??\\C:\\Users\\svc-ndes\\ntuser.dat'], ['KeysUpdated', String(r.int(1, 9))], ['DirtyPages', String(r.int(1, 9))]],
    message: `The access history in hive \\??\\C:\\Users\\svc-ndes\\ntuser.dat was cleared updating ${r.int(1, 9)} keys and creating ${r.int(1, 9)} modified pages.` };
  if (k < 95) return { provider: 'Microsoft-Windows-FilterManager', guid: '{F3C5E28E-63F6-49C7-A204-E48A1BC4B09D}', id: 6, version: 0, level: 4, task: 0, keywords: '0x8000000000000000', channel: 'System', processId: 4, threadId: tid, userId: 'S-1-5-18',
    data: [['FinalStatus', '0x0'], ['DeviceVersionMajor', '2'], ['DeviceVersionMinor', '0'], ['DeviceNameLength', '9'], ['DeviceName', 'FileInfo'], ['DeviceTime', '2024-03-04T02:11:52.8000000Z']],
    message: 'File System Filter \'FileInfo\' (10.0, 2018-09-15T13:53:22.000000000Z) has successfully loaded and registered with Filter Manager.' };
  if (k < 97) return { provider: 'Microsoft-Windows-Directory-Services-SAM', guid: '{0D4FDC09-8C27-494A-BDA0-505E4FD8ADAE}', id: 16962, level: 3, task: 0, keywords: '0x8000000000000000', channel: 'System', processId: 780, threadId: tid,
    data: [['SDDL', 'O:SYG:SYD:(A;;RC;;;BA)'], ['DefaultSDDL', 'O:SYG:SYD:(A;;RC;;;BA)']],
    message: 'Remotely calling the SAM is restricted to clients listed in the security descriptor O:SYG:SYD:(A;;RC;;;BA). \nThe security descriptor has not been changed from the default setting, which is O:SYG:SYD:(A;;RC;;;BA).' };
  return { provider: 'EventLog', id: 6013, qualifiers: 32768, level: 4, task: 0, keywords: CLASSIC, channel: 'System', processId: 0, threadId: 0,
    data: [[undefined, ''], [undefined, ''], [undefined, ''], [undefined, ''], [undefined, String(r.int(10_000, 900_000))], [undefined, '60'], [undefined, '0 W. Europe Standard Time']],
    message: `The system uptime is ${r.int(10_000, 900_000)} seconds.` };
}

/** Noise of the Application log of any Windows server. */
export function applicationNoise(r: Random): Draft {
  const k = r.int(0, 99);
  const tid = r.int(400, 9000);
  if (k < 6) {
    const [app, ver, path] = r.pick([
      ['OneDrive.exe', '23.038.0219.0001', 'C:\\Program Files\\Microsoft OneDrive\\OneDrive.exe'],
      ['MonitoringHost.exe', '10.19.10014.0', 'C:\\Program Files\\Microsoft Monitoring Agent\\Agent\\MonitoringHost.exe'],
      ['mmc.exe', '10.0.17763.1', 'C:\\Windows\\system32\\mmc.exe'],
      ['TiWorker.exe', '10.0.17763.5328', 'C:\\Windows\\WinSxS\\amd64_microsoft-windows-servicingstack_31bf3856ad364e35_10.0.17763.5328_none_5ce8a0b9a8d6f8a7\\TiWorker.exe'],
    ] as const);
    const report = r.guid();
    const mod = r.pick(['ntdll.dll', 'KERNELBASE.dll', 'clr.dll', 'ucrtbase.dll']);
    return { provider: 'Application Error', id: 1000, qualifiers: 0, level: 2, task: 100, taskName: '(100)', keywords: CLASSIC, channel: 'Application', processId: 0, threadId: 0,
      data: [[undefined, app], [undefined, ver], [undefined, '5cd1e2a1'], [undefined, mod], [undefined, '10.0.17763.5328'], [undefined, 'b6a1f3c2'], [undefined, r.pick(['c0000005', 'e0434352', 'c0000409'])], [undefined, `0x000000000${r.hex(7)}`], [undefined, `0x${r.hex(4)}`], [undefined, `0x01da6e${r.hex(10)}`], [undefined, path], [undefined, `C:\\Windows\\System32\\${mod}`], [undefined, report], [undefined, ''], [undefined, '']],
      message: `Faulting application name: ${app}, version: ${ver}, time stamp: 0x5cd1e2a1\nFaulting module name: ${mod}, version: 10.0.17763.5328, time stamp: 0xb6a1f3c2\nException code: 0xc0000005\nFault offset: 0x000000000004e8f3\nFaulting process id: 0x1a2c\nFaulting application start time: 0x01da6e2b1e0d6f8a\nFaulting application path: ${path}\nFaulting module path: C:\\Windows\\System32\\${mod}\nReport Id: ${report}\nFaulting package full name: \nFaulting package-relative application ID: ` };
  }
  if (k < 9) {
    const app = r.pick(['ServerManager.exe', 'MonitoringHost.exe', 'Microsoft.Tri.Sensor.exe']);
    const text = `Application: ${app}\nFramework Version: v4.0.30319\nDescription: The process was terminated due to an unhandled exception.\nException Info: System.IO.IOException\n   at System.IO.__Error.WinIOError(Int32, System.String)\n   at System.IO.FileStream.Init(System.String, System.IO.FileMode, System.IO.FileAccess, Int32, Boolean, System.IO.FileShare, Int32, System.IO.FileOptions, SECURITY_ATTRIBUTES, System.String, Boolean, Boolean, Boolean)\n   at System.Threading.ThreadHelper.ThreadStart()\n`;
    return { provider: '.NET Runtime', id: 1026, qualifiers: 0, level: 2, task: 0, keywords: CLASSIC, channel: 'Application', processId: 0, threadId: 0, data: [[undefined, text]], message: text };
  }
  if (k < 11) {
    const app = r.pick(['mmc.exe', 'ServerManager.exe', 'explorer.exe']);
    return { provider: 'Application Hang', id: 1002, qualifiers: 0, level: 2, task: 101, taskName: '(101)', keywords: CLASSIC, channel: 'Application', processId: 0, threadId: 0,
      data: [[undefined, app], [undefined, '10.0.17763.1'], [undefined, '1f34'], [undefined, '01da6e2b1e0d6f8a'], [undefined, '4294967295'], [undefined, `C:\\Windows\\system32\\${app}`], [undefined, r.guid()], [undefined, ''], [undefined, ''], [undefined, 'Quiesce']],
      message: `The program ${app} version 10.0.17763.1 stopped interacting with Windows and was closed. To see if more information about the problem is available, check the problem history in the Security and Maintenance control panel.\nProcess ID: 1f34\nStart Time: 01da6e2b1e0d6f8a\nTermination Time: 4294967295\nApplication Path: C:\\Windows\\system32\\${app}\nReport Id: ${r.guid()}\nFaulting package full name: \nFaulting package-relative application ID: \nHang type: Quiesce` };
  }
  if (k < 15) return { provider: 'Windows Error Reporting', id: 1001, qualifiers: 0, level: 4, task: 0, keywords: CLASSIC, channel: 'Application', processId: 0, threadId: 0,
    data: [[undefined, ''], [undefined, '0'], [undefined, 'APPCRASH'], [undefined, 'Not available'], [undefined, '0']],
    message: `Fault bucket , type 0\nEvent Name: APPCRASH\nResponse: Not available\nCab Id: 0\n\nProblem signature:\nP1: MonitoringHost.exe\nP2: 10.19.10014.0\nP3: 5cd1e2a1\nP4: KERNELBASE.dll\nP5: 10.0.17763.5328\nP6: b6a1f3c2\nP7: e0434352\nP8: 000000000003a839\nP9: \nP10: \n\nAttached files:\n\nThese files may be available here:\nC:\\ProgramData\\Microsoft\\Windows\\WER\\ReportQueue\\AppCrash_MonitoringHost.e_${r.hex(40)}\n\nAnalysis symbol: \nRechecking for solution: 0\nReport Id: ${r.guid()}\nReport Status: 4\nHashed bucket: \nCab Guid: 0` };
  if (k < 19) {
    const [svc, dll, err] = r.pick([['BITS', 'C:\\Windows\\System32\\bitsperf.dll', 'The system cannot find the file specified.'], ['WmiApRpl', 'C:\\Windows\\system32\\wbem\\wmiaprpl.dll', 'The system cannot find the file specified.'], ['ASP.NET_64_2.0.50727', 'C:\\Windows\\Microsoft.NET\\Framework64\\v2.0.50727\\aspnet_perf.dll', 'Access is denied.']] as const);
    return { provider: 'Microsoft-Windows-Perflib', guid: '{13B197BD-7CEE-4B4E-8DD0-59314CE374CE}', sourceName: 'Perflib', id: 1008, qualifiers: 49152, level: 2, task: 0, keywords: CLASSIC, channel: 'Application', processId: 0, threadId: 0,
      data: [[undefined, svc], [undefined, dll], [undefined, '2']],
      message: `The Open Procedure for service "${svc}" in DLL "${dll}" failed with error code ${err}. Performance data for this service will not be available.` };
  }
  if (k < 21) return { provider: 'Microsoft-Windows-Perflib', guid: '{13B197BD-7CEE-4B4E-8DD0-59314CE374CE}', sourceName: 'Perflib', id: 1023, qualifiers: 49152, level: 2, task: 0, keywords: CLASSIC, channel: 'Application', processId: 0, threadId: 0,
    data: [[undefined, 'C:\\Windows\\System32\\perfts.dll']], binary: '7E000000',
    message: 'Windows cannot load the extensible counter DLL "C:\\Windows\\System32\\perfts.dll" (Win32 error code The specified module could not be found.).' };
  if (k < 24) {
    const writer = r.pick(['System Writer', 'WMI Writer', 'Registry Writer']);
    const v = r.int(0, 2);
    if (v === 0) return { provider: 'VSS', id: 8193, qualifiers: 0, level: 2, task: 0, keywords: CLASSIC, channel: 'Application', processId: 0, threadId: 0,
      data: [[undefined, 'RegOpenKeyExW(-2147483646,SYSTEM\\CurrentControlSet\\Services\\VSS\\Diag,...)'], [undefined, '0x80070005, Access is denied.\n'], [undefined, `\n\nOperation:\n   Initializing Writer\n\nContext:\n   Writer Class Id: {e8132975-6f93-4464-a53e-1050253ae220}\n   Writer Name: ${writer}\n   Writer Instance ID: {${r.guid()}}`]],
      message: `Volume Shadow Copy Service error: Unexpected error calling routine RegOpenKeyExW(-2147483646,SYSTEM\\CurrentControlSet\\Services\\VSS\\Diag,...).  hr = 0x80070005, Access is denied.\n.\n\nOperation:\n   Initializing Writer\n\nContext:\n   Writer Class Id: {e8132975-6f93-4464-a53e-1050253ae220}\n   Writer Name: ${writer}\n   Writer Instance ID: {${r.guid()}}` };
    if (v === 1) return { provider: 'VSS', id: 8194, qualifiers: 0, level: 2, task: 0, keywords: CLASSIC, channel: 'Application', processId: 0, threadId: 0,
      data: [[undefined, '0x80070005, Access is denied.\n'], [undefined, `\n\nOperation:\n   Gathering Writer Data\n\nContext:\n   Writer Class Id: {e8132975-6f93-4464-a53e-1050253ae220}\n   Writer Name: ${writer}\n   Writer Instance ID: {${r.guid()}}`]],
      message: `Volume Shadow Copy Service error: Unexpected error querying for the IVssWriterCallback interface.  hr = 0x80070005, Access is denied.\n. This is often caused by incorrect security settings in either the writer or requestor process. \n\nOperation:\n   Gathering Writer Data\n\nContext:\n   Writer Class Id: {e8132975-6f93-4464-a53e-1050253ae220}\n   Writer Name: ${writer}\n   Writer Instance ID: {${r.guid()}}` };
    return { provider: 'VSS', id: 13, qualifiers: 0, level: 2, task: 0, keywords: CLASSIC, channel: 'Application', processId: 0, threadId: 0,
      data: [[undefined, '{4e14fba2-2e22-11d1-9964-00c04fbbb345}'], [undefined, 'CEventSystem'], [undefined, '0x8007045b, A system shutdown is in progress.\n']],
      message: 'Volume Shadow Copy Service information: The COM Server with CLSID {4e14fba2-2e22-11d1-9964-00c04fbbb345} and name CEventSystem cannot be started. [0x8007045b, A system shutdown is in progress.\n]' };
  }
  if (k < 27) return { provider: 'ESENT', id: 455, qualifiers: 0, level: 2, task: 3, taskName: 'Logging/Recovery', keywords: CLASSIC, channel: 'Application', processId: 0, threadId: 0,
    data: [[undefined, 'svchost'], [undefined, '2744,R,98'], [undefined, 'TILEREPOSITORYS-1-5-18: '], [undefined, 'C:\\WINDOWS\\system32\\config\\systemprofile\\AppData\\Local\\TileDataLayer\\Database\\EDB.log'], [undefined, '-1023 (0xfffffc01)']],
    message: 'svchost (2744,R,98) TILEREPOSITORYS-1-5-18: Error -1023 (0xfffffc01) occurred while opening logfile C:\\WINDOWS\\system32\\config\\systemprofile\\AppData\\Local\\TileDataLayer\\Database\\EDB.log.' };
  if (k < 30) return { provider: 'Microsoft-Windows-MSDTC 2', guid: '{719BE4ED-E9BC-4DD8-A7CF-C85CE8E2F6C6}', sourceName: 'MSDTC 2', id: 53258, qualifiers: 32768, level: 3, task: 0, keywords: CLASSIC, channel: 'Application', processId: 0, threadId: 0,
    data: [[undefined, 'CO_E_SERVER_STOPPING']],
    message: 'MSDTC could not correctly process a DC Promotion/Demotion event. MSDTC will continue to function and will use the existing security settings. Error Specifics: %1' };
  if (k < 33) return { provider: 'SceCli', id: 1202, qualifiers: 32768, level: 3, task: 0, keywords: CLASSIC, channel: 'Application', processId: 0, threadId: 0,
    data: [[undefined, '0x534'], [undefined, 'No mapping between account names and security IDs was done.\n']],
    message: 'Security policies were propagated with warning. 0x534 : No mapping between account names and security IDs was done.\n\nAdvanced help for this problem is available on http://support.microsoft.com. Query for "troubleshooting 1202 events".\n\nError 0x534 occurs when a user account in one or more Group Policy objects (GPOs) could not be resolved to a SID.' };
  if (k < 36) return { provider: 'SceCli', id: 1704, qualifiers: 16384, level: 4, task: 0, keywords: CLASSIC, channel: 'Application', processId: 0, threadId: 0, data: [],
    message: 'Security policy in the Group policy objects has been applied successfully.' };
  if (k < 39) return { provider: 'Microsoft-Windows-Security-SPP', guid: '{E23B33B0-C8C9-472C-A5F9-F2BDFEA0F156}', sourceName: 'Software Protection Platform Service', id: 16384, qualifiers: 16384, level: 4, task: 0, keywords: CLASSIC, channel: 'Application', processId: 0, threadId: 0,
    data: [[undefined, '2124-02-09T08:10:12Z'], [undefined, 'RulesEngine']],
    message: 'Successfully scheduled Software Protection service for re-start at 2124-02-09T08:10:12Z. Reason: RulesEngine.' };
  if (k < 41) return { provider: 'Microsoft-Windows-Security-SPP', guid: '{E23B33B0-C8C9-472C-A5F9-F2BDFEA0F156}', sourceName: 'Software Protection Platform Service', id: 8198, qualifiers: 49152, level: 2, task: 0, keywords: CLASSIC, channel: 'Application', processId: 0, threadId: 0,
    data: [[undefined, 'hr=0x8007232B'], [undefined, 'RuleId=31e71c49-8da7-4a2f-ad92-45d98a1c79ba;Action=AutoActivate;AppId=55c92734-d682-4d71-983e-d6ec3f16059f;SkuId=de32eafd-aaee-4662-9444-c1befb41bde2;NotificationInterval=1440;Trigger=TimerEvent']],
    message: 'License Activation (slui.exe) failed with the following error code:\nhr=0x8007232B\nCommand-line arguments:\nRuleId=31e71c49-8da7-4a2f-ad92-45d98a1c79ba;Action=AutoActivate;AppId=55c92734-d682-4d71-983e-d6ec3f16059f;SkuId=de32eafd-aaee-4662-9444-c1befb41bde2;NotificationInterval=1440;Trigger=TimerEvent' };
  if (k < 45) return { provider: 'Microsoft-Windows-CAPI2', guid: '{5BBCA4A8-B209-48DC-A8C7-B23D3E5216FB}', sourceName: 'Microsoft-Windows-CAPI2', id: 4107, qualifiers: 0, level: 2, task: 0, keywords: CLASSIC, channel: 'Application', processId: 0, threadId: 0,
    data: [[undefined, 'http://ctldl.windowsupdate.com/msdownload/update/v3/static/trustedr/en/authrootstl.cab'], [undefined, 'A required certificate is not within its validity period when verifying against the current system clock or the timestamp in the signed file.\n']],
    message: 'Failed extract of third-party root list from auto update cab at: <http://ctldl.windowsupdate.com/msdownload/update/v3/static/trustedr/en/authrootstl.cab> with error: A required certificate is not within its validity period when verifying against the current system clock or the timestamp in the signed file.\n.' };
  if (k < 48) return { provider: 'Microsoft-Windows-CAPI2', guid: '{5BBCA4A8-B209-48DC-A8C7-B23D3E5216FB}', sourceName: 'Microsoft-Windows-CAPI2', id: 11, qualifiers: 0, level: 2, task: 0, keywords: CLASSIC, channel: 'Application', processId: 0, threadId: 0,
    data: [[undefined, 'http://ctldl.windowsupdate.com/msdownload/update/v3/static/trustedr/en/disallowedcertstl.cab'], [undefined, 'The data is invalid.\n']],
    message: 'Failed extract of third-party root list from auto update cab at: <http://ctldl.windowsupdate.com/msdownload/update/v3/static/trustedr/en/disallowedcertstl.cab> with error: The data is invalid.\n.' };
  if (k < 50) return { provider: 'Microsoft-Windows-CAPI2', guid: '{5BBCA4A8-B209-48DC-A8C7-B23D3E5216FB}', sourceName: 'Microsoft-Windows-CAPI2', id: 513, qualifiers: 0, level: 2, task: 0, keywords: CLASSIC, channel: 'Application', processId: 0, threadId: 0,
    data: [[undefined, 'Details: \nAddLegacyDriverFiles: Unable to back up image of binary Microsoft Link-Layer Discovery Protocol.\n\nSystem Error:\nAccess is denied.\n']],
    message: 'Cryptographic Services failed while processing the OnIdentity() call in the System Writer Object.\n\nDetails:\nAddLegacyDriverFiles: Unable to back up image of binary Microsoft Link-Layer Discovery Protocol.\n\nSystem Error:\nAccess is denied.\n.' };
  if (k < 55) {
    const v = r.int(0, 3);
    const ae = { provider: 'Microsoft-Windows-CertificateServicesClient-AutoEnrollment', guid: '{F0DB7EF8-B6F3-4005-9937-FEB77B9E1B43}', sourceName: 'AutoEnrollment', task: 0, keywords: CLASSIC, channel: 'Application', processId: 0, threadId: 0 };
    if (v === 0) return { ...ae, id: 6, qualifiers: 49152, level: 2, data: [[undefined, '0x800706ba'], [undefined, 'The RPC server is unavailable.']],
      message: 'Automatic certificate enrollment for local system failed (0x800706ba) The RPC server is unavailable.' };
    if (v === 1) {
      const tmpl = r.pick(['ContosoComputer', 'ContosoWebServer', 'RemoteDesktopAuthentication']);
      return { ...ae, ...CERTENROLL, id: 13, qualifiers: 49152, level: 2, data: [[undefined, 'Local system'], [undefined, tmpl], [undefined, 'CA02.contoso.com\\Contoso Legacy Issuing CA'], [undefined, 'The RPC server is unavailable. 0x800706ba (WIN32: 1722 RPC_S_SERVER_UNAVAILABLE)']],
        message: `Certificate enrollment for Local system failed to enroll for a ${tmpl} certificate with request ID N/A from CA02.contoso.com\\Contoso Legacy Issuing CA (The RPC server is unavailable. 0x800706ba (WIN32: 1722 RPC_S_SERVER_UNAVAILABLE)).` };
    }
    if (v === 2) {
      const t = thumb(r).toLowerCase().replace(/(..)(?!$)/g, '$1 ');
      return { ...ae, id: 64, qualifiers: 32768, level: 3, data: [[undefined, 'local system'], [undefined, t], [undefined, 'Local Computer\\My']],
        message: `Certificate for local system with Thumbprint ${t} is about to expire or already expired.` };
    }
    return { ...ae, ...CERTENROLL, id: 82, qualifiers: 49152, level: 2, data: [[undefined, 'Local system'], [undefined, '{6C8F5D6E-6B9A-4B7C-9B44-2D2F0E5B7F14}'], [undefined, 'The RPC server is unavailable. 0x800706ba (WIN32: 1722 RPC_S_SERVER_UNAVAILABLE)']],
      message: 'Certificate enrollment for Local system failed in authentication to all urls for enrollment server associated with policy id: {6C8F5D6E-6B9A-4B7C-9B44-2D2F0E5B7F14} (The RPC server is unavailable. 0x800706ba (WIN32: 1722 RPC_S_SERVER_UNAVAILABLE)). Failed to enroll for template: ContosoComputer' };
  }
  if (k < 58) return { provider: 'Microsoft-Windows-User Profiles Service', guid: '{89B1E9F0-5AFF-44A6-9B44-0A07A7CE5845}', id: 1530, level: 3, task: 0, keywords: '0x8000000000000000', channel: 'Application', processId: 1072, threadId: tid, userId: 'S-1-5-18',
    data: [['Detail', '1 user registry handles leaked from \\Registry\\User\\S-1-5-21-3623811015-3361044348-30300820-1117:\nProcess 3972 (\\Device\\HarddiskVolume2\\Windows\\System32\\inetsrv\\w3wp.exe) has opened key \\REGISTRY\\USER\\S-1-5-21-3623811015-3361044348-30300820-1117\\Software\\Microsoft\\SystemCertificates\\My\n']],
    message: 'Windows detected your registry file is still in use by other applications or services. The file will be unloaded now. The applications or services that hold your registry file may not function properly afterwards.  \n\n DETAIL - \n 1 user registry handles leaked from \\Registry\\User\\S-1-5-21-3623811015-3361044348-30300820-1117:\nProcess 3972 (\\Device\\HarddiskVolume2\\Windows\\System32\\inetsrv\\w3wp.exe) has opened key \\REGISTRY\\USER\\S-1-5-21-3623811015-3361044348-30300820-1117\\Software\\Microsoft\\SystemCertificates\\My\n' };
  if (k < 61) return { provider: 'Microsoft-Windows-IIS-APPHOSTSVC', guid: '{CAC10856-9223-48FE-96BA-2A772274FB53}', sourceName: 'Microsoft-Windows-IIS-APPHOSTSVC', id: 9008, qualifiers: 32768, level: 3, task: 0, keywords: CLASSIC, channel: 'Application', processId: 0, threadId: 0,
    data: [[undefined, 'C:\\inetpub\\history\\CFGHISTORY_0000000051'], [undefined, '']], binary: '20000780',
    message: "The Application Host Helper Service encountered an error trying to delete the history directory 'C:\\inetpub\\history\\CFGHISTORY_0000000051'.  The directory will be skipped and ignored.  Note that the directory may still get deleted in the future if the service restarts.  The data field contains the error number." };
  if (k < 63) return { provider: 'Microsoft-Windows-IIS-APPHOSTSVC', guid: '{CAC10856-9223-48FE-96BA-2A772274FB53}', sourceName: 'Microsoft-Windows-IIS-APPHOSTSVC', id: 9009, qualifiers: 16384, level: 4, task: 0, keywords: CLASSIC, channel: 'Application', processId: 0, threadId: 0,
    data: [[undefined, 'C:\\inetpub\\history\\CFGHISTORY_0000000052']],
    message: "The Application Host Helper Service has successfully created the history directory 'C:\\inetpub\\history\\CFGHISTORY_0000000052' and saved the configuration files in it." };
  if (k < 66) {
    const text = `Event code: 3005 \nEvent message: An unhandled exception has occurred. \nEvent time: 3/5/2024 9:42:11 AM \nEvent time (UTC): 3/5/2024 8:42:11 AM \nEvent ID: ${r.hex(32)} \nEvent sequence: 12 \nEvent occurrence: 1 \nEvent detail code: 0 \n \nApplication information: \n    Application domain: /LM/W3SVC/1/ROOT/Reports-1-133541520000000000 \n    Trust level: Full \n    Application Virtual Path: /Reports \n    Application Path: C:\\inetpub\\Reports\\ \n    Machine name: NDES01 \n \nProcess information: \n    Process ID: 5120 \n    Process name: w3wp.exe \n    Account name: IIS APPPOOL\\Reports \n \nException information: \n    Exception type: HttpException \n    Exception message: The file '/Reports/default.aspx' does not exist.\n   at System.Web.UI.Util.CheckVirtualFileExists(VirtualPath virtualPath)\n \nRequest information: \n    Request URL: https://ndes01.contoso.com:443/Reports/default.aspx \n    Request path: /Reports/default.aspx \n    User host address: 10.20.4.17 \n    User:  \n    Is authenticated: False \n    Authentication Type:  \n    Thread account name: IIS APPPOOL\\Reports \n`;
    return { provider: 'ASP.NET 4.0.30319.0', id: 1309, qualifiers: 32768, level: 3, task: 3, taskName: 'Web Event', keywords: CLASSIC, channel: 'Application', processId: 0, threadId: 0, data: [[undefined, '3005'], [undefined, 'An unhandled exception has occurred.']], message: text };
  }
  if (k < 68) return { provider: 'Microsoft-Windows-IIS-W3SVC-WP', guid: '{670080D9-742A-4187-8D16-41143D1290BD}', sourceName: 'W3SVC-WP', id: 2214, qualifiers: 49152, level: 2, task: 0, keywords: CLASSIC, channel: 'Application', processId: 0, threadId: 0,
    data: [['FilterDllName', 'C:\\Windows\\Microsoft.NET\\Framework\\v4.0.30319\\aspnet_filter.dll']], binary: 'C1000780',
    message: 'The HTTP Filter DLL C:\\Windows\\Microsoft.NET\\Framework\\v4.0.30319\\aspnet_filter.dll failed to load.  The data is the error.' };
  if (k < 72) return { provider: 'Microsoft-Windows-RestartManager', guid: '{0888E5EF-9B98-4695-979D-E92CE4247224}', id: r.chance(0.5) ? 10000 : 10001, level: 4, task: 0, keywords: '0x8000000000000000', channel: 'Application', processId: 4120, threadId: tid, userId: 'S-1-5-18',
    data: [['RmSessionId', '0'], ['UTCStartTime', '2024-03-05T02:10:02.1270000Z']],
    message: 'Starting session 0 - ‎2024‎-‎03‎-‎05T02:10:02.127000000Z.' };
  if (k < 75) return { provider: 'MsiInstaller', id: 1035, qualifiers: 0, level: 4, task: 0, keywords: CLASSIC, channel: 'Application', processId: 0, threadId: 0, userId: 'S-1-5-18',
    data: [[undefined, 'Microsoft Intune Certificate Connector'], [undefined, '6.2406.0.1001'], [undefined, '1033'], [undefined, '0'], [undefined, 'Microsoft Corporation'], [undefined, '(NULL)'], [undefined, '']],
    message: 'Windows Installer reconfigured the product. Product Name: Microsoft Intune Certificate Connector. Product Version: 6.2406.0.1001. Product Language: 1033. Manufacturer: Microsoft Corporation. Reconfiguration success or error status: 0.' };
  if (k < 80) return { provider: 'ESENT', id: r.pick([102, 103, 105, 302, 326, 327]), qualifiers: 0, level: 4, task: r.pick([1, 3]), taskName: 'General', keywords: CLASSIC, channel: 'Application', processId: 0, threadId: 0,
    data: [[undefined, 'svchost'], [undefined, '4132,D,50'], [undefined, ''], [undefined, '10.00.17763.0000']],
    message: 'svchost (4132,D,50) SRUJet: The database engine (10.00.17763.0000) started a new instance (0). (Time=0 seconds)' };
  if (k < 85) return { provider: 'Microsoft-Windows-Security-SPP', guid: '{E23B33B0-C8C9-472C-A5F9-F2BDFEA0F156}', sourceName: 'Software Protection Platform Service', id: r.chance(0.5) ? 1066 : 900, qualifiers: 16384, level: 4, task: 0, keywords: CLASSIC, channel: 'Application', processId: 0, threadId: 0, data: [],
    message: 'The Software Protection service is starting.\n' };
  if (k < 88) return { provider: 'Microsoft-Windows-Winlogon', guid: '{DBE9B383-7CF3-4331-91CC-A3CB16A3B538}', id: 6000, level: 4, task: 0, keywords: CLASSIC, qualifiers: 0, channel: 'Application', processId: 0, threadId: 0, data: [[undefined, 'SessionEnv']],
    message: 'The winlogon notification subscriber <SessionEnv> was unavailable to handle a notification event.' };
  if (k < 90) return { provider: 'Microsoft-Windows-Winlogon', guid: '{DBE9B383-7CF3-4331-91CC-A3CB16A3B538}', id: 6005, level: 3, task: 0, keywords: CLASSIC, qualifiers: 0, channel: 'Application', processId: 0, threadId: 0, data: [[undefined, 'SessionEnv'], [undefined, 'CreateSession']],
    message: 'The winlogon notification subscriber <SessionEnv> is taking long time to handle the notification event (CreateSession).' };
  if (k < 93) return { provider: 'Microsoft-Windows-CertificateServicesClient-AutoEnrollment', guid: '{F0DB7EF8-B6F3-4005-9937-FEB77B9E1B43}', sourceName: 'AutoEnrollment', id: 19, qualifiers: 16384, level: 4, task: 0, keywords: CLASSIC, channel: 'Application', processId: 0, threadId: 0,
    data: [[undefined, 'Local system'], [undefined, 'ContosoComputer'], [undefined, `${r.int(1000, 90000)}`], [undefined, 'CA01.contoso.com\\Contoso Issuing CA']],
    message: `Certificate enrollment for Local system successfully load policy from policy server` };
  if (k < 96) return { provider: 'Microsoft-Windows-CertificateServicesClient-CertEnroll', guid: '{54164045-7C50-4905-963F-E5BC1EEF0CCA}', sourceName: 'Microsoft-Windows-CertificateServicesClient-CertEnroll', id: 1006, qualifiers: 16384, level: 4, task: 0, keywords: CLASSIC, channel: 'Application', processId: 0, threadId: 0,
    data: [[undefined, 'Local system'], [undefined, 'ContosoWebServer'], [undefined, `${r.int(1000, 90000)}`]],
    message: `Certificate enrollment for Local system successfully enrolled for a ContosoWebServer certificate with request ID ${r.int(1000, 90000)} from CA01.contoso.com\\Contoso Issuing CA.` };
  return { provider: 'Desktop Window Manager', id: 9027, qualifiers: 16384, level: 4, task: 0, keywords: CLASSIC, channel: 'Application', processId: 0, threadId: 0, data: [],
    message: 'The Desktop Window Manager has registered the session port.' };
}

/** A CAPI2 operational event (11, 30, 41, 53, 90) for some chain build, failed or not. */
export function capi2(r: Random, process: string, subject: string, failure: 'none' | 'revocation-offline' | 'untrusted-root' | 'cn-mismatch' | 'expired' | 'fetch-timeout' | 'fetch-404'): Draft {
  const task = upperGuid(r);
  const seq = r.int(1, 30);
  const aux = `<EventAuxInfo ProcessName='${process}'/><CorrelationAuxInfo TaskId='${task}' SeqNumber='${seq}'/>`;
  const cert = `<Certificate fileRef='${thumb(r)}.cer' subjectName='${subject}'/>`;
  const base = { provider: 'Microsoft-Windows-CAPI2', guid: '{5BBCA4A8-B209-48DC-A8C7-B23D3E5216FB}', channel: 'Microsoft-Windows-CAPI2/Operational', processId: r.int(500, 9000), threadId: r.int(500, 9000), userId: 'S-1-5-18', activityId: upperGuid(r), message: 'For more details for this event, please refer to the "Details" section' };
  const kw = '0x4000000000000001';
  if (failure === 'fetch-timeout' || failure === 'fetch-404') {
    const url = r.pick(['http://crl.fabrikam-partner.com/pki/Fabrikam%20Issuing%20CA.crl', 'http://ocsp.digicert.com/', 'http://crl3.digicert.com/DigiCertGlobalRootG2.crl', 'http://pki.contoso-old.local/CertEnroll/Contoso%20Root%20CA(1).crl']);
    const result = failure === 'fetch-timeout' ? "<Result value='2EE2'>The operation timed out\n</Result>" : "<Result value='80190194'>Not found (404).\n</Result>";
    return { ...base, id: 53, level: 2, task: 53, taskName: 'Retrieve Object from Network', opcode: 2, keywords: kw,
      userData: `<CryptRetrieveObjectByUrlWire><URL scheme='http'>${url}</URL><Object type='CONTEXT_OID_CRL' constCount='0' totalCount='0'/><Timeout>15000</Timeout><Flags value='84004' CRYPT_RETRIEVE_MULTIPLE_OBJECTS='true' CRYPT_WIRE_ONLY_RETRIEVAL='true' CRYPT_AIA_RETRIEVAL='false' CRYPT_OFFLINE_CHECK_RETRIEVAL='true'/><AuxInfo maxUrlRetrievalByteCount='104857600' fProxyCacheRetrieval='false' pwszCacheFileNamePrefix='' fCancelled='false' dwHttpStatusCode='${failure === 'fetch-404' ? 404 : 0}'/>${aux}${result}</CryptRetrieveObjectByUrlWire>` };
  }
  if (failure === 'none' && r.chance(0.4)) return { ...base, id: 90, level: 4, task: 90, taskName: 'X509 Objects', opcode: 0, keywords: kw,
    userData: `<X509Objects><Certificate fileRef='${thumb(r)}.cer' subjectName='${subject}'><Subject><CN>${subject}</CN></Subject><SubjectKeyID computed='false' hash='${thumb(r)}'/><SignatureAlgorithm oid='1.2.840.113549.1.1.11' hashName='SHA256' publicKeyName='RSA'/><PublicKeyAlgorithm oid='1.2.840.113549.1.1.1' publicKeyName='RSA' publicKeyLength='2048'/><Issuer><CN>Contoso Issuing CA</CN></Issuer><SerialNumber>${thumb(r).slice(0, 32)}</SerialNumber><NotBefore>2023-06-01T08:00:00Z</NotBefore><NotAfter>2025-06-01T08:00:00Z</NotAfter></Certificate>${aux}</X509Objects>` };
  if (failure === 'cn-mismatch' || failure === 'untrusted-root' || failure === 'expired' || (failure === 'none' && r.chance(0.5))) {
    const result = failure === 'cn-mismatch' ? "<Result value='800B010F'>The certificate's CN name does not match the passed value.\n</Result>"
      : failure === 'expired' ? "<Result value='800B0101'>A required certificate is not within its validity period when verifying against the current system clock or the timestamp in the signed file.\n</Result>"
      : failure === 'untrusted-root' ? "<Result value='800B0109'>A certificate chain processed, but terminated in a root certificate which is not trusted by the trust provider.\n</Result>" : '';
    return { ...base, id: 30, level: result === '' ? 4 : 2, task: 30, taskName: 'Verify Chain Policy', opcode: 2, keywords: kw,
      userData: `<CertVerifyCertificateChainPolicy><Policy type='CERT_CHAIN_POLICY_SSL' constant='4'/>${cert}<CertificateChain chainRef='${upperGuid(r)}'/><Flags value='0'/><SSLAdditionalPolicyInfo authType='server' serverName='${subject}'><IgnoreFlags value='0'/></SSLAdditionalPolicyInfo>${aux}${result}</CertVerifyCertificateChainPolicy>` };
  }
  const offline = failure === 'revocation-offline';
  if (offline && r.chance(0.5)) return { ...base, id: 41, level: 2, task: 41, taskName: 'Verify Revocation', opcode: 2, keywords: kw,
    userData: `<CertVerifyRevocation>${cert}<IssuerCertificate fileRef='${thumb(r)}.cer' subjectName='Fabrikam Issuing CA'/><Flags value='0'/><AdditionalParameters timeToUse='2024-03-05T08:00:00.000Z' currentTime='2024-03-05T08:00:00.000Z' urlRetrievalTimeout='PT15S'/>${aux}<RevocationStatus index='0' error='80092013' reason='0' actualFreshnessTime='PT0S'/><Result value='80092013'>The revocation function was unable to check revocation because the revocation server was offline.\n</Result></CertVerifyRevocation>` };
  const status = offline ? "<ErrorStatus value='1000040' CERT_TRUST_REVOCATION_STATUS_UNKNOWN='true' CERT_TRUST_IS_OFFLINE_REVOCATION='true'/>" : "<ErrorStatus value='0'/>";
  return { ...base, id: 11, level: offline ? 2 : 4, task: 11, taskName: 'Build Chain', opcode: 2, keywords: kw,
    userData: `<CertGetCertificateChain>${cert}<ValidationTime>2024-03-05T08:00:00.000Z</ValidationTime><AdditionalStore/><ExtendedKeyUsage><Usage oid='1.3.6.1.5.5.7.3.1' name='Server Authentication'/></ExtendedKeyUsage><Flags value='20000000' CERT_CHAIN_REVOCATION_CHECK_CHAIN_EXCLUDE_ROOT='true'/><ChainEngineInfo context='machine'/><AdditionalStore/><CertificateChain chainRef='${upperGuid(r)}'><TrustStatus>${status}<InfoStatus value='100' CERT_TRUST_HAS_PREFERRED_ISSUER='true'/></TrustStatus><ChainElement><Certificate fileRef='${thumb(r)}.cer' subjectName='${subject}'/><SignatureAlgorithm oid='1.2.840.113549.1.1.11' hashName='SHA256' publicKeyName='RSA'/><PublicKeyAlgorithm oid='1.2.840.113549.1.1.1' publicKeyName='RSA' publicKeyLength='2048'/><TrustStatus>${status}<InfoStatus value='102' CERT_TRUST_HAS_KEY_MATCH_ISSUER='true' CERT_TRUST_HAS_PREFERRED_ISSUER='true'/></TrustStatus><ApplicationUsage><Usage oid='1.3.6.1.5.5.7.3.1' name='Server Authentication'/></ApplicationUsage><IssuanceUsage any='true'/></ChainElement></CertificateChain>${aux}${offline ? "<Result value='80092013'>The revocation function was unable to check revocation because the revocation server was offline.\n</Result>" : ''}</CertGetCertificateChain>` };
}

/** CAPI2 operational noise of a server: most chain builds succeed, some for outside sites fail. */
export function capi2Noise(r: Random): Draft {
  const outside = r.pick(['www.fabrikam-partner.com', 'login.fabrikam-partner.com', 'intranet.contoso-old.local', 'update.vendor-monitoring.net']);
  const process = r.pick(['svchost.exe', 'MonitoringHost.exe', 'powershell.exe', 'OneDrive.exe', 'chrome.exe']);
  const k = r.int(0, 9);
  if (k < 5) return capi2(r, r.pick(['w3wp.exe', 'svchost.exe', 'lsass.exe', 'Microsoft.Intune.Connectors.PkiCreate.exe']), r.pick(['NDES01.contoso.com', 'NDES01-MSCEP-RA', 'Contoso Issuing CA', 'login.microsoftonline.com', 'manage.microsoft.com']), 'none');
  if (k < 7) return capi2(r, process, outside, 'revocation-offline');
  if (k < 8) return capi2(r, process, outside, r.chance(0.5) ? 'fetch-timeout' : 'fetch-404');
  if (k < 9) return capi2(r, process, outside, r.chance(0.5) ? 'cn-mismatch' : 'expired');
  return capi2(r, process, outside, 'untrusted-root');
}

/** IIS worker process and NDES events of a healthy NDES server (System and Application). */
export function ndesHealthy(r: Random): Draft {
  const k = r.int(0, 9);
  const pool = r.pick(['SCEP', 'DefaultAppPool', 'SCEP']);
  const pid = String(r.int(1000, 9000));
  const was = { provider: 'Microsoft-Windows-WAS', guid: '{524B5D04-133C-4A62-8362-64E8EDB9CE40}', sourceName: 'WAS', qualifiers: 16384, level: 4, task: 0, keywords: SYSTEM_CLASSIC, channel: 'System', processId: 0, threadId: 0 };
  if (k < 3) return { ...was, id: 5186, data: [['ProcessID', pid], ['AppPoolID', pool], ['TimeLimit', '20']],
    message: `A worker process with process id of '${pid}' serving application pool '${pool}' was shutdown due to inactivity.  Application Pool timeout configuration was set to 20 minutes.  A new worker process will be started when needed.` };
  if (k < 5) return { ...was, id: 5074, data: [['AppPoolID', pool], ['ProcessID', pid]],
    message: `A worker process with process id of '${pid}' serving application pool '${pool}' has requested a recycle because the worker process reached its allowed processing time limit.` };
  if (k < 6) return { ...was, id: 5076, qualifiers: 16384, data: [['AppPoolID', pool], ['ProcessID', pid]],
    message: `A worker process with process id of '${pid}' serving application pool '${pool}' has requested a recycle because it reached its scheduled recycle time.` };
  if (k < 7 && r.chance(0.4)) {
    // Another site's application pool failing is that site's problem, not SCEP's.
    const other = r.pick(['Reports', 'WsusPool', 'MonitoringPortal']);
    const v = r.int(0, 3);
    if (v === 0) return { ...was, id: 5009, qualifiers: 32768, level: 3, data: [['AppPoolID', other], ['ProcessID', pid], ['ExitCode', '0xc0000005']],
      message: `A process serving application pool '${other}' terminated unexpectedly. The process id was '${pid}'. The process exit code was '0xc0000005'.` };
    if (v === 1) return { ...was, id: 5011, qualifiers: 32768, level: 3, data: [['AppPoolID', other], ['ProcessID', pid]],
      message: `A process serving application pool '${other}' suffered a fatal communication error with the Windows Process Activation Service. The process id was '${pid}'. The data field contains the error number.` };
    if (v === 2) return { ...was, id: 5002, qualifiers: 49152, level: 2, data: [['AppPoolID', other]],
      message: `Application pool '${other}' is being automatically disabled due to a series of failures in the process(es) serving that application pool.` };
    const text = `Event code: 3008 \nEvent message: A configuration error has occurred. \nEvent time: 3/5/2024 9:02:11 AM \nEvent time (UTC): 3/5/2024 8:02:11 AM \nEvent ID: ${r.hex(32)} \nEvent sequence: 1 \nEvent occurrence: 1 \nEvent detail code: 0 \n \nApplication information: \n    Application domain: /LM/W3SVC/1/ROOT/${other}-1-133541521311000000 \n    Trust level: Full \n    Application Virtual Path: /${other} \n    Application Path: C:\\inetpub\\${other}\\ \n    Machine name: NDES01 \n \nProcess information: \n    Process ID: ${pid} \n    Process name: w3wp.exe \n    Account name: IIS APPPOOL\\${other} \n \nException information: \n    Exception type: ConfigurationErrorsException \n    Exception message: Could not load file or assembly 'Vendor.Monitoring, Version=2.1.0.0, Culture=neutral' or one of its dependencies. The system cannot find the file specified. (C:\\inetpub\\${other}\\web.config line 42)\n`;
    return { provider: 'ASP.NET 4.0.30319.0', id: 1310, qualifiers: 32768, level: 3, task: 3, taskName: 'Web Event', keywords: CLASSIC, channel: 'Application', processId: 0, threadId: 0, data: [[undefined, '3008'], [undefined, 'A configuration error has occurred.']], message: text };
  }
  if (k < 7) return { provider: 'Microsoft-Windows-DistributedCOM', guid: '{1B562E86-B7AA-4131-BADC-B6F3A001407E}', sourceName: 'DCOM', id: 10028, qualifiers: 0, level: 2, task: 0, keywords: SYSTEM_KW, channel: 'System', processId: 1012, threadId: r.int(400, 9000), userId: 'S-1-5-21-3623811015-3361044348-30300820-1104',
    data: [['param1', 'PRINT02.contoso.com'], ['param2', ' 1a2c'], ['param3', 'C:\\Windows\\system32\\ServerManager.exe'], ['param4', '']],
    message: 'DCOM was unable to communicate with the computer PRINT02.contoso.com using any of the configured protocols; requested by PID     1a2c (C:\\Windows\\system32\\ServerManager.exe).' };
  if (k < 8) return scm7036(r, r.chance(0.7), r.pick([['World Wide Web Publishing Service', 'W3SVC'], ['Windows Process Activation Service', 'WAS'], ['PFXCertificateConnectorSvc', 'PFXCertificateConnectorSvc'], ['PkiCreateConnectorSvc', 'PkiCreateConnectorSvc']] as const));
  return capi2Noise(r);
}

/** The Intune certificate connector's healthy events for one SCEP request (Operational, then Admin). */
export function connectorRequest(r: Random): Draft[] {
  const tx = r.hex(32).toUpperCase();
  const device = r.guid();
  const op = { provider: 'Microsoft-Intune-CertificateConnectors', guid: '{2D74BF20-1B6E-5B4A-9C8C-27F0D5A2B2E1}', level: 4, task: 0, keywords: '0x0', channel: 'Microsoft-Intune-CertificateConnectors/Operational', processId: 4512, threadId: r.int(10, 90), userId: 'S-1-5-18' };
  const data: readonly (readonly [string, string])[] = [['TransactionId', tx], ['DeviceId', device], ['ProfileId', 'a1f6c3d2-5b2f-4d0a-9f41-2f8a9e0c1d77']];
  return [
    { ...op, id: 4003, data, message: `ScepRequestReceived: SCEP request received. TransactionId: ${tx}, DeviceId: ${device}` },
    { ...op, id: 4004, data, message: `ScepVerifySuccess: the SCEP challenge was verified. TransactionId: ${tx}, DeviceId: ${device}` },
    { ...op, id: 4006, data, message: `ScepIssuedSuccess: the certificate was issued. TransactionId: ${tx}, DeviceId: ${device}` },
    { ...op, id: 4008, data, message: `ScepNotifySuccess: Intune was notified of the issued certificate. TransactionId: ${tx}, DeviceId: ${device}` },
    { ...op, channel: 'Microsoft-Intune-CertificateConnectors/Admin', id: 4000, data, message: `ScepRequestSuccess: the SCEP request was processed. TransactionId: ${tx}, DeviceId: ${device}` },
  ];
}

/** The connector's PKCS and revocation work that succeeded (Admin 1000, 3000 with their Operational steps). */
export function connectorPfx(r: Random): Draft[] {
  const id = r.guid();
  const op = { provider: 'Microsoft-Intune-CertificateConnectors', guid: '{2D74BF20-1B6E-5B4A-9C8C-27F0D5A2B2E1}', level: 4, task: 0, keywords: '0x0', channel: 'Microsoft-Intune-CertificateConnectors/Operational', processId: 4630, threadId: r.int(10, 90), userId: 'S-1-5-18' };
  const data: readonly (readonly [string, string])[] = [['RequestId', id], ['CertificationAuthority', 'CA01.contoso.com\\Contoso Issuing CA']];
  if (r.chance(0.7)) return [
    { ...op, id: 1002, data, message: `PkcsDownloadSuccess: downloaded PKCS request ${id}.` },
    { ...op, id: 1050, data, message: `PkcsIssuedSuccess: the CA issued the certificate for request ${id}.` },
    { ...op, id: 1100, data, message: `PkcsUploadSuccess: uploaded the certificate for request ${id}.` },
    { ...op, channel: 'Microsoft-Intune-CertificateConnectors/Admin', id: 1000, data, message: `PkcsRequestSuccess: PKCS request ${id} processed.` },
  ];
  return [
    { ...op, id: 3002, data, message: `RevokeDownloadSuccess: downloaded revocation request ${id}.` },
    { ...op, id: 3050, data, message: `RevokeSuccess: the CA revoked the certificate of request ${id}.` },
    { ...op, id: 3100, data, message: `RevokeUploadSuccess: uploaded the result of revocation request ${id}.` },
    { ...op, channel: 'Microsoft-Intune-CertificateConnectors/Admin', id: 3000, data, message: `RevokeRequestSuccess: revocation request ${id} processed.` },
  ];
}

export function connectorHealth(r: Random, failedAttempt: boolean): Draft[] {
  const op = { provider: 'Microsoft-Intune-CertificateConnectors', guid: '{2D74BF20-1B6E-5B4A-9C8C-27F0D5A2B2E1}', task: 0, keywords: '0x0', channel: 'Microsoft-Intune-CertificateConnectors/Operational', processId: 4512, threadId: r.int(10, 90), userId: 'S-1-5-18' };
  const ok: Draft = { ...op, id: 5000, level: 4, data: [['Message', 'Health message uploaded']], message: 'HealthMessageUploadSuccess: the connector health message was uploaded to Intune.' };
  if (!failedAttempt) return [ok];
  return [{ ...op, id: 5001, level: 3, data: [['Message', 'The operation has timed out']], message: 'HealthMessageUploadFailedAttempt: uploading the connector health message failed, it will be retried. The operation has timed out' }, ok];
}

/** Lifecycle events of the machine's certificates (CertificateServicesClient-Lifecycle-System/Operational). */
export function lifecycle(r: Random): Draft {
  const t = thumb(r).toLowerCase();
  const base = { provider: 'Microsoft-Windows-CertificateServicesClient-Lifecycle-System', guid: '{BC0669E1-A10D-4A78-834E-1CA3C806C93B}', task: 0, keywords: '0x8000000000000000', channel: 'Microsoft-Windows-CertificateServicesClient-Lifecycle-System/Operational', processId: 1188, threadId: r.int(500, 9000), userId: 'S-1-5-18' };
  if (r.chance(0.3)) return { ...base, id: 1003, level: 3, data: [['Context', 'Local System'], ['Thumbprint', t], ['SubjectNames', 'CN=ws-legacy.contoso.com'], ['DaysToExpiration', '12'], ['Store', 'Local Computer\\My']],
    message: `The certificate for local system with thumbprint ${t} is about to expire in 12 days. Subject: CN=ws-legacy.contoso.com. Store: Local Computer\\My.` };
  return { ...base, id: 1006, level: 4, data: [['Context', 'Local System'], ['NewThumbprint', t], ['Template', 'ContosoComputer'], ['Store', 'Local Computer\\My']],
    message: `A new certificate has been installed. Context: Local system. New certificate thumbprint: ${t}. Template: ContosoComputer. Store: Local Computer\\My.` };
}

/** The CA's healthy events: the database engine, the service, issued requests. */
export function caHealthy(r: Random): Draft {
  const k = r.int(0, 9);
  if (k < 4) return { provider: 'ESENT', id: r.pick([102, 103, 105, 300, 301, 302]), qualifiers: 0, level: 4, task: 3, taskName: 'Logging/Recovery', keywords: CLASSIC, channel: 'Application', processId: 0, threadId: 0,
    data: [[undefined, 'certsrv'], [undefined, '2312,D,0'], [undefined, ''], [undefined, '10.00.17763.0000']],
    message: 'certsrv (2312,D,0) The database engine 10.00.17763.0000 started a new instance (0).' };
  if (k < 6) return scm7036(r, true, ['Active Directory Certificate Services', 'CertSvc']);
  return systemNoise(r);
}
