import type { Random } from '../simulate/random';
import { crlf } from './encode';

/**
 * What the Windows command-line tools print on a healthy NDES server, as a collection script
 * captures it (`tool > file.txt`). Wording and layout as the tools write them; values invented.
 */
export interface Site {
  readonly host: string;          // NDES01
  readonly domain: string;        // contoso.com
  readonly netbios: string;       // CONTOSO
  readonly ip: string;
  readonly service: string;       // svc-ndes
  readonly caName: string;        // Contoso Issuing CA 01
  readonly caHost: string;        // CA01
  readonly template: string;      // IntuneSCEP
}

export function thumbprint(r: Random): string {
  return r.hex(40);
}

export function ipconfigAll(s: Site, r: Random): string {
  const mac = Array.from({ length: 6 }, (_, i) => (i < 3 ? ['00', '15', '5D'][i] ?? '00' : r.hex(2).toUpperCase())).join('-');
  return crlf([
    '',
    'Windows IP Configuration',
    '',
    `   Host Name . . . . . . . . . . . . : ${s.host}`,
    `   Primary Dns Suffix  . . . . . . . : ${s.domain}`,
    '   Node Type . . . . . . . . . . . . : Hybrid',
    '   IP Routing Enabled. . . . . . . . : No',
    '   WINS Proxy Enabled. . . . . . . . : No',
    `   DNS Suffix Search List. . . . . . : ${s.domain}`,
    '',
    'Ethernet adapter Ethernet0:',
    '',
    '   Connection-specific DNS Suffix  . : ',
    '   Description . . . . . . . . . . . : Microsoft Hyper-V Network Adapter',
    `   Physical Address. . . . . . . . . : ${mac}`,
    '   DHCP Enabled. . . . . . . . . . . : No',
    '   Autoconfiguration Enabled . . . . : Yes',
    `   Link-local IPv6 Address . . . . . : fe80::${r.hex(4)}:${r.hex(4)}:${r.hex(4)}:${r.hex(4)}%6(Preferred) `,
    `   IPv4 Address. . . . . . . . . . . : ${s.ip}(Preferred) `,
    '   Subnet Mask . . . . . . . . . . . : 255.255.255.0',
    '   Default Gateway . . . . . . . . . : 10.20.30.1',
    `   DHCPv6 IAID . . . . . . . . . . . : ${r.int(10000000, 99999999)}`,
    `   DHCPv6 Client DUID. . . . . . . . : 00-01-00-01-2C-${r.hex(2).toUpperCase()}-${r.hex(2).toUpperCase()}-${r.hex(2).toUpperCase()}-${mac}`,
    '   DNS Servers . . . . . . . . . . . : 10.20.30.2',
    '                                       10.20.30.3',
    '   NetBIOS over Tcpip. . . . . . . . : Enabled',
    '',
    'Tunnel adapter isatap.{' + r.guid().toUpperCase() + '}:',
    '',
    '   Media State . . . . . . . . . . . : Media disconnected',
    '   Connection-specific DNS Suffix  . : ',
    '   Description . . . . . . . . . . . : Microsoft ISATAP Adapter #2',
    '   Physical Address. . . . . . . . . : 00-00-00-00-00-00-00-E0',
    '   DHCP Enabled. . . . . . . . . . . : No',
    '   Autoconfiguration Enabled . . . . : Yes',
  ]);
}

export function systeminfo(s: Site, r: Random): string {
  const hotfixes = ['KB5034619', 'KB5005112', 'KB5034863', 'KB5034768'];
  return crlf([
    '',
    `Host Name:                 ${s.host}`,
    'OS Name:                   Microsoft Windows Server 2019 Standard',
    'OS Version:                10.0.17763 N/A Build 17763',
    'OS Manufacturer:           Microsoft Corporation',
    'OS Configuration:          Member Server',
    'OS Build Type:             Multiprocessor Free',
    'Registered Owner:          Windows User',
    'Registered Organization:   ',
    `Product ID:                00429-70000-00000-AA${r.int(100, 999)}`,
    'Original Install Date:     9/14/2022, 11:02:36 AM',
    'System Boot Time:          3/3/2024, 4:12:09 AM',
    'System Manufacturer:       Microsoft Corporation',
    'System Model:              Virtual Machine',
    'System Type:               x64-based PC',
    'Processor(s):              1 Processor(s) Installed.',
    '                           [01]: Intel64 Family 6 Model 85 Stepping 7 GenuineIntel ~2494 Mhz',
    'BIOS Version:              Microsoft Corporation Hyper-V UEFI Release v4.0, 11/1/2019',
    'Windows Directory:         C:\\Windows',
    'System Directory:          C:\\Windows\\system32',
    'Boot Device:               \\Device\\HarddiskVolume2',
    'System Locale:             en-us;English (United States)',
    'Input Locale:              en-us;English (United States)',
    'Time Zone:                 (UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna',
    'Total Physical Memory:     8,191 MB',
    `Available Physical Memory: ${r.int(2000, 5000).toLocaleString('en-US')} MB`,
    'Virtual Memory: Max Size:  9,471 MB',
    'Virtual Memory: Available: 5,902 MB',
    'Virtual Memory: In Use:    3,569 MB',
    'Page File Location(s):     C:\\pagefile.sys',
    `Domain:                    ${s.domain}`,
    `Logon Server:              \\\\DC01`,
    `Hotfix(s):                 ${hotfixes.length} Hotfix(s) Installed.`,
    ...hotfixes.map((kb, i) => `                           [0${i + 1}]: ${kb}`),
    'Network Card(s):           1 NIC(s) Installed.',
    '                           [01]: Microsoft Hyper-V Network Adapter',
    '                                 Connection Name: Ethernet0',
    '                                 DHCP Enabled:    No',
    '                                 IP address(es)',
    `                                 [01]: ${s.ip}`,
    `                                 [02]: fe80::${r.hex(4)}:${r.hex(4)}:${r.hex(4)}:${r.hex(4)}`,
    'Hyper-V Requirements:      A hypervisor has been detected. Features required for Hyper-V will not be displayed.',
  ]);
}

export function gpresult(s: Site): string {
  return crlf([
    '',
    'Microsoft (R) Windows (R) Operating System Group Policy Result tool v2.0',
    '© 2018 Microsoft Corporation. All rights reserved.',
    '',
    'Created on 3/5/2024 at 10:14:22 AM',
    '',
    '',
    `RSOP data for ${s.netbios}\\adm-jdoe on ${s.host} : Logging Mode`,
    '-'.repeat(46),
    '',
    'OS Configuration:            Member Server',
    'OS Version:                  10.0.17763',
    `Site Name:                   Default-First-Site-Name`,
    'Roaming Profile:             N/A',
    'Local Profile:               C:\\Users\\adm-jdoe',
    'Connected over a slow link?: No',
    '',
    '',
    'COMPUTER SETTINGS',
    '------------------',
    `    CN=${s.host},OU=Servers,OU=Tier1,DC=contoso,DC=com`,
    '    Last time Group Policy was applied: 3/5/2024 at 9:58:11 AM',
    `    Group Policy was applied from:      DC01.${s.domain}`,
    '    Group Policy slow link threshold:   500 kbps',
    `    Domain Name:                        ${s.netbios}`,
    '    Domain Type:                        Windows 2008 or later',
    '',
    '    Applied Group Policy Objects',
    '    -----------------------------',
    '        Server Baseline 2019',
    '        PKI Autoenrollment',
    '        Default Domain Policy',
    '',
    '    The following GPOs were not applied because they were filtered out',
    '    -------------------------------------------------------------------',
    '        Local Group Policy',
    '            Filtering:  Not Applied (Empty)',
    '',
    '        Workstation Baseline',
    '            Filtering:  Denied (Security)',
    '',
    '        Legacy IE Settings',
    '            Filtering:  Denied (WMI Filter)',
    '            WMI Filter: Windows 7 only',
    '',
    '    The computer is a part of the following security groups',
    '    -------------------------------------------------------',
    '        BUILTIN\\Administrators',
    '        Everyone',
    '        BUILTIN\\Pre-Windows 2000 Compatible Access',
    '        BUILTIN\\Users',
    '        NT AUTHORITY\\NETWORK',
    '        NT AUTHORITY\\Authenticated Users',
    '        This Organization',
    `        ${s.host}$`,
    '        Domain Computers',
    '        Authentication authority asserted identity',
    '        System Mandatory Level',
    '',
    'USER SETTINGS',
    '--------------',
    `    CN=John Doe (Admin),OU=Admins,OU=Tier1,DC=contoso,DC=com`,
    '    Last time Group Policy was applied: 3/5/2024 at 10:02:45 AM',
    `    Group Policy was applied from:      DC01.${s.domain}`,
    '    Group Policy slow link threshold:   500 kbps',
    `    Domain Name:                        ${s.netbios}`,
    '    Domain Type:                        Windows 2008 or later',
    '',
    '    Applied Group Policy Objects',
    '    -----------------------------',
    '        N/A',
    '',
    '    The following GPOs were not applied because they were filtered out',
    '    -------------------------------------------------------------------',
    '        Drive Mappings',
    '            Filtering:  Denied (Security)',
    '',
    '    The user is a part of the following security groups',
    '    ---------------------------------------------------',
    '        Domain Users',
    '        Everyone',
    '        BUILTIN\\Administrators',
    '        BUILTIN\\Users',
    '        NT AUTHORITY\\INTERACTIVE',
    '        CONSOLE LOGON',
    '        NT AUTHORITY\\Authenticated Users',
    '        This Organization',
    '        LOCAL',
    '        Tier1 Server Admins',
    '        Authentication authority asserted identity',
    '        High Mandatory Level',
  ]);
}

export function whoamiAll(s: Site, r: Random): string {
  const sid = `S-1-5-21-${r.int(1000000000, 3999999999)}-${r.int(1000000000, 3999999999)}-${r.int(1000000000, 3999999999)}`;
  const priv = (name: string, desc: string, state: string): string => `${name.padEnd(41)} ${desc.padEnd(66)} ${state}`;
  return crlf([
    '',
    'USER INFORMATION',
    '----------------',
    '',
    'User Name          SID                                          ',
    '================== =============================================',
    `${(s.netbios.toLowerCase() + '\\' + s.service).padEnd(18)} ${sid}-${r.int(1100, 9999)}`,
    '',
    '',
    'GROUP INFORMATION',
    '-----------------',
    '',
    'Group Name                                 Type             SID          Attributes                                         ',
    '========================================== ================ ============ ==================================================',
    'Everyone                                   Well-known group S-1-1-0      Mandatory group, Enabled by default, Enabled group',
    'BUILTIN\\IIS_IUSRS                          Alias            S-1-5-32-568 Mandatory group, Enabled by default, Enabled group',
    'BUILTIN\\Users                              Alias            S-1-5-32-545 Mandatory group, Enabled by default, Enabled group',
    'NT AUTHORITY\\BATCH                         Well-known group S-1-5-3      Mandatory group, Enabled by default, Enabled group',
    'CONSOLE LOGON                              Well-known group S-1-2-1      Mandatory group, Enabled by default, Enabled group',
    'NT AUTHORITY\\Authenticated Users           Well-known group S-1-5-11     Mandatory group, Enabled by default, Enabled group',
    'NT AUTHORITY\\This Organization             Well-known group S-1-5-15     Mandatory group, Enabled by default, Enabled group',
    'LOCAL                                      Well-known group S-1-2-0      Mandatory group, Enabled by default, Enabled group',
    'Authentication authority asserted identity Well-known group S-1-18-1     Mandatory group, Enabled by default, Enabled group',
    'Mandatory Label\\Medium Mandatory Level     Label            S-1-16-8192                                                    ',
    '',
    '',
    'PRIVILEGES INFORMATION',
    '----------------------',
    '',
    priv('Privilege Name', 'Description', 'State'),
    `${'='.repeat(41)} ${'='.repeat(66)} ========`,
    priv('SeAssignPrimaryTokenPrivilege', 'Replace a process level token', 'Disabled'),
    priv('SeIncreaseQuotaPrivilege', 'Adjust memory quotas for a process', 'Disabled'),
    priv('SeAuditPrivilege', 'Generate security audits', 'Disabled'),
    priv('SeChangeNotifyPrivilege', 'Bypass traverse checking', 'Enabled'),
    priv('SeImpersonatePrivilege', 'Impersonate a client after authentication', 'Enabled'),
    priv('SeCreateGlobalPrivilege', 'Create global objects', 'Enabled'),
    priv('SeIncreaseWorkingSetPrivilege', 'Increase a process working set', 'Disabled'),
    '',
    '',
    'USER CLAIMS INFORMATION',
    '-----------------------',
    '',
    'User claims unknown.',
    '',
    'Kerberos support for Dynamic Access Control on this device has been disabled.',
  ]);
}

export function setspn(s: Site): string {
  return crlf([
    `Registered ServicePrincipalNames for CN=${s.service},OU=Service Accounts,DC=contoso,DC=com:`,
    `        HTTP/${s.host.toLowerCase()}.${s.domain}`,
    `        HTTP/${s.host.toLowerCase()}`,
  ]);
}

export function netshSslcert(s: Site, r: Random, hash: string): string {
  const binding = (key: string, value: string, appId: string, store: string): string[] => [
    `    ${key.padEnd(29)}: ${value}`,
    `    Certificate Hash             : ${hash === '' ? r.hex(40) : hash}`,
    `    Application ID               : {${appId}}`,
    `    Certificate Store Name       : ${store}`,
    '    Verify Client Certificate Revocation : Enabled',
    '    Verify Revocation Using Cached Client Certificate Only : Disabled',
    '    Usage Check                  : Enabled',
    '    Revocation Freshness Time    : 0',
    '    URL Retrieval Timeout        : 0',
    '    Ctl Identifier               : (null)',
    '    Ctl Store Name               : (null)',
    '    DS Mapper Usage              : Disabled',
    '    Negotiate Client Certificate : Disabled',
    '    Reject Connections           : Disabled',
    '    Disable HTTP2                : Not Set',
    '    Disable QUIC                 : Not Set',
    '    Disable TLS1.2               : Not Set',
    '    Disable TLS1.3               : Not Set',
    '    Disable OCSP Stapling        : Not Set',
    '    Enable Token Binding         : Not Set',
    '    Log Extended Events          : Not Set',
    '    Disable Legacy TLS Versions  : Not Set',
    '    Enable Session Ticket        : Not Set',
    '',
  ];
  return crlf([
    '',
    'SSL Certificate bindings:',
    '-------------------------',
    '',
    ...binding('IP:port', '0.0.0.0:443', '4dc3e181-e14b-4a21-b022-59fc669b0914', 'My'),
    ...binding('Hostname:port', `portal.${s.domain}:443`, '4dc3e181-e14b-4a21-b022-59fc669b0914', 'WebHosting'),
    ...binding('IP:port', '0.0.0.0:5986', 'afebb9ad-9b97-4a91-9ab5-daf4d59122f6', 'MY'),
  ]);
}

export function getService(): string {
  const row = (status: string, name: string, display: string): string => `${status.padEnd(8)} ${name.padEnd(18)} ${display}`;
  return crlf([
    '',
    row('Status', 'Name', 'DisplayName'),
    row('------', '----', '-----------'),
    row('Running', 'AppHostSvc', 'Application Host Helper Service'),
    row('Stopped', 'AppReadiness', 'App Readiness'),
    row('Running', 'BFE', 'Base Filtering Engine'),
    row('Running', 'CertPropSvc', 'Certificate Propagation'),
    row('Running', 'CryptSvc', 'Cryptographic Services'),
    row('Running', 'Dnscache', 'DNS Client'),
    row('Running', 'EventLog', 'Windows Event Log'),
    row('Running', 'IISADMIN', 'IIS Admin Service'),
    row('Stopped', 'MSiSCSI', 'Microsoft iSCSI Initiator Service'),
    row('Running', 'PFXCertificateC...', 'PFX Certificate Connector for Micro...'),
    row('Running', 'PkiCreateConnec...', 'PKI Create Connector for Microsoft...'),
    row('Running', 'PkiRevokeConnec...', 'PKI Revoke Connector for Microsoft...'),
    row('Stopped', 'RemoteRegistry', 'Remote Registry'),
    row('Stopped', 'SCardSvr', 'Smart Card'),
    row('Running', 'Schedule', 'Task Scheduler'),
    row('Stopped', 'TrustedInstaller', 'Windows Modules Installer'),
    row('Running', 'W3SVC', 'World Wide Web Publishing Service'),
    row('Running', 'WAS', 'Windows Process Activation Service'),
    row('Running', 'WinRM', 'Windows Remote Management (WS-Manag...'),
    row('Stopped', 'wuauserv', 'Windows Update'),
    '',
    '',
  ]);
}

export function environment(s: Site): string {
  return crlf([
    'ALLUSERSPROFILE=C:\\ProgramData',
    'APPDATA=C:\\Users\\adm-jdoe\\AppData\\Roaming',
    'CommonProgramFiles=C:\\Program Files\\Common Files',
    `COMPUTERNAME=${s.host}`,
    'ComSpec=C:\\Windows\\system32\\cmd.exe',
    'DriverData=C:\\Windows\\System32\\Drivers\\DriverData',
    `LOGONSERVER=\\\\DC01`,
    'NUMBER_OF_PROCESSORS=2',
    'OS=Windows_NT',
    'Path=C:\\Windows\\system32;C:\\Windows;C:\\Windows\\System32\\Wbem;C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\;C:\\Windows\\System32\\OpenSSH\\;C:\\Program Files\\Microsoft Intune\\PFXCertificateConnector\\',
    'PATHEXT=.COM;.EXE;.BAT;.CMD;.VBS;.VBE;.JS;.JSE;.WSF;.WSH;.MSC',
    'PROCESSOR_ARCHITECTURE=AMD64',
    'PSModulePath=C:\\Users\\adm-jdoe\\Documents\\WindowsPowerShell\\Modules;C:\\Program Files\\WindowsPowerShell\\Modules;C:\\Windows\\system32\\WindowsPowerShell\\v1.0\\Modules',
    'SystemDrive=C:',
    'SystemRoot=C:\\Windows',
    'TEMP=C:\\Users\\adm-jdoe\\AppData\\Local\\Temp\\2',
    'TMP=C:\\Users\\adm-jdoe\\AppData\\Local\\Temp\\2',
    `USERDNSDOMAIN=${s.domain.toUpperCase()}`,
    `USERDOMAIN=${s.netbios}`,
    'USERNAME=adm-jdoe',
    'USERPROFILE=C:\\Users\\adm-jdoe',
    'windir=C:\\Windows',
  ]);
}

/** regedit's export: UTF-16 LE with a BOM when saved as "Registration Files". */
export function registryExport(s: Site): string {
  return crlf([
    'Windows Registry Editor Version 5.00',
    '',
    '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP]',
    '',
    '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\CAType]',
    '@=dword:00000001',
    '',
    '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\CertsInMYStore]',
    '@=dword:00000001',
    '',
    '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\EnforcePassword]',
    '"EnforcePassword"=dword:00000000',
    '',
    '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\PasswordVDir]',
    '"PasswordVDir"="CertSrv/mscep_admin"',
    '',
    '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\UseSinglePassword]',
    '"UseSinglePassword"=dword:00000000',
    '',
    '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP]',
    `"EncryptionTemplate"="${s.template}"`,
    `"GeneralPurposeTemplate"="${s.template}"`,
    `"SignatureTemplate"="${s.template}"`,
    '',
    '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\Modules]',
    '"Policy"="NDESPolicy.NDESPolicy"',
    '',
    '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\MicrosoftIntune\\NDESConnector]',
    '"ConnectionStatus"=dword:00000000',
    `"SigningCertificateThumbprint"="A1B2C3D4E5F60718293A4B5C6D7E8F9012345678"`,
    '',
    '[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters]',
    '"MaxFieldLength"=dword:0000fffe',
    '"MaxRequestBytes"=dword:0000fffe',
    '"EnableErrorLogging"=dword:00000001',
    '"ErrorLoggingDir"=hex(2):43,00,3a,00,5c,00,57,00,69,00,6e,00,64,00,6f,00,77,00,73,\\',
    '  00,5c,00,53,00,79,00,73,00,74,00,65,00,6d,00,33,00,32,00,5c,00,4c,00,6f,00,\\',
    '  67,00,46,00,69,00,6c,00,65,00,73,00,00,00',
    '',
  ]);
}

/** `reg query` output, as a script without regedit captures the same keys. */
export function regQuery(s: Site): string {
  return crlf([
    '',
    'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP',
    `    EncryptionTemplate    REG_SZ    ${s.template}`,
    `    GeneralPurposeTemplate    REG_SZ    ${s.template}`,
    `    SignatureTemplate    REG_SZ    ${s.template}`,
    '',
    'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\CAType',
    'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\CertsInMYStore',
    'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\EnforcePassword',
    'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\PasswordVDir',
    'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\UseSinglePassword',
    '',
  ]);
}

export function appcmdLists(): string {
  return crlf([
    'SITE "Default Web Site" (id:1,bindings:http/*:80:,https/*:443:,state:Started)',
    'SITE "Portal" (id:2,bindings:https/*:443:portal.contoso.com,state:Started)',
    'SITE "FTP Scans" (id:3,bindings:ftp/*:21:,state:Started)',
    'APPPOOL "DefaultAppPool" (MgdVersion:v4.0,MgdMode:Integrated,state:Started)',
    'APPPOOL "SCEP" (MgdVersion:v4.0,MgdMode:Integrated,state:Started)',
    'APPPOOL "PortalAppPool" (MgdVersion:v4.0,MgdMode:Integrated,state:Started)',
    'APPPOOL "Classic .NET AppPool" (MgdVersion:v2.0,MgdMode:Classic,state:Stopped)',
    'APP "Default Web Site/" (applicationPool:DefaultAppPool)',
    'APP "Default Web Site/CertSrv/mscep" (applicationPool:SCEP)',
    'APP "Default Web Site/CertSrv/mscep_admin" (applicationPool:SCEP)',
    'APP "Default Web Site/CertificateRegistrationSvc" (applicationPool:SCEP)',
    'APP "Portal/" (applicationPool:PortalAppPool)',
  ]);
}

export function caPing(s: Site): string {
  return crlf([
    `Connecting to ${s.caHost}.${s.domain}\\${s.caName} ...`,
    `Server "${s.caName}" ICertRequest2 interface is alive (16ms)`,
    'CertUtil: -ping command completed successfully.',
  ]);
}

export function nltest(s: Site): string {
  return crlf([
    'Flags: b0 HAS_IP  HAS_TIMESERV',
    `Trusted DC Name \\\\DC01.${s.domain}`,
    'Trusted DC Connection Status Status = 0 0x0 NERR_Success',
    'Trust Verification Status = 0 0x0 NERR_Success',
    'The command completed successfully',
  ]);
}

export function klist(s: Site): string {
  const ticket = (n: number, server: string, flags: string): string[] => [
    `#${n}>\tClient: ${s.service} @ ${s.domain.toUpperCase()}`,
    `\tServer: ${server} @ ${s.domain.toUpperCase()}`,
    '\tKerbTicket Encryption Type: AES-256-CTS-HMAC-SHA1-96',
    `\tTicket Flags ${flags}`,
    '\tStart Time: 3/5/2024 6:02:11 (local)',
    '\tEnd Time:   3/5/2024 16:02:11 (local)',
    '\tRenew Time: 3/12/2024 6:02:11 (local)',
    '\tSession Key Type: AES-256-CTS-HMAC-SHA1-96',
    '\tCache Flags: 0',
    `\tKdc Called: DC01.${s.domain}`,
    '',
  ];
  return crlf([
    '',
    'Current LogonId is 0:0x3e7',
    '',
    'Cached Tickets: (2)',
    '',
    ...ticket(0, `krbtgt/${s.domain.toUpperCase()}`, '0x40e10000 -> forwardable renewable initial pre_authent name_canonicalize'),
    ...ticket(1, `rpcss/${s.caHost}.${s.domain}`, '0x40a50000 -> forwardable renewable pre_authent ok_as_delegate name_canonicalize'),
  ]);
}

export function winhttpProxy(): string {
  return crlf(['', 'Current WinHTTP proxy settings:', '', '    Direct access (no proxy server).', '']);
}

/** `Get-WinEvent -LogName Application -MaxEvents 8 | Format-List TimeCreated, ProviderName, Id, LevelDisplayName, Message`. */
export function winEventList(s: Site): string {
  const ev = (time: string, provider: string, id: number, level: string, message: string): string[] => [
    `TimeCreated      : ${time}`, `ProviderName     : ${provider}`, `Id               : ${id}`, `LevelDisplayName : ${level}`, `Message          : ${message}`, '',
  ];
  return crlf([
    '',
    '',
    ...ev('3/5/2024 7:10:02 AM', 'Microsoft-Windows-WMI', 10, 'Error', 'Event filter with query "SELECT * FROM __InstanceModificationEvent WITHIN 60 WHERE TargetInstance ISA \'Win32_Processor\' AND TargetInstance.LoadPercentage > 99" could not be reactivated in namespace "//./root/CIMV2" because of error 0x80041003. Events cannot be delivered through this filter until the problem is corrected.'),
    ...ev('3/5/2024 7:02:44 AM', 'Microsoft-Windows-Security-SPP', 16384, 'Information', 'Successfully scheduled Software Protection service for re-start at 2124-02-10T09:12:00Z. Reason: RulesEngine.'),
    ...ev('3/5/2024 6:58:10 AM', 'Windows Error Reporting', 1001, 'Information', 'Fault bucket , type 0\r\n                   Event Name: WindowsUpdateFailure3\r\n                   Response: Not available'),
    ...ev('3/5/2024 6:41:55 AM', 'MsiInstaller', 1033, 'Information', 'Windows Installer installed the product. Product Name: Contoso Monitoring Agent. Product Version: 4.2.1.0. Product Language: 1033. Manufacturer: Contoso Ltd.. Installation success or error status: 0.'),
    ...ev('3/5/2024 6:30:02 AM', 'Microsoft-Windows-RestartManager', 10000, 'Information', 'Starting session 0 - 2024-03-05T06:30:02.000000000Z.'),
    ...ev('3/5/2024 6:12:00 AM', 'Microsoft-Windows-CertificateServicesClient-AutoEnrollment', 19, 'Information', `Certificate enrollment for Local system successfully received certificate from ${s.caHost}.${s.domain}\\${s.caName} using the Machine template.`),
    ...ev('3/5/2024 6:10:12 AM', '.NET Runtime', 1022, 'Information', '.NET Runtime version 4.0.30319.0 - Loading profiler failed during CoCreateInstance.  Profiler CLSID: \'{324F817A-7420-4E6D-B3C1-143FBED6D855}\'.  HRESULT: 0x80040154.  Process ID (decimal): 4312.  Message ID: [0x2504].'),
  ]);
}

/** The same events as Get-WinEvent's default table, grouped by provider. */
export function winEventTable(): string {
  return crlf([
    '',
    '',
    '   ProviderName: Microsoft-Windows-WMI',
    '',
    'TimeCreated                     Id LevelDisplayName Message',
    '-----------                     -- ---------------- -------',
    '3/5/2024 7:10:02 AM             10 Error            Event filter with query "SELECT * FROM __InstanceModificationEvent WITHIN 60 WHERE TargetInstance ISA \'Win32_Pro...',
    '',
    '',
    '   ProviderName: Microsoft-Windows-Security-SPP',
    '',
    'TimeCreated                     Id LevelDisplayName Message',
    '-----------                     -- ---------------- -------',
    '3/5/2024 7:02:44 AM          16384 Information      Successfully scheduled Software Protection service for re-start at 2124-02-10T09:12:00Z. ...',
    '3/5/2024 6:02:41 AM          16394 Information      Offline downlevel migration succeeded.',
    '',
    '',
    '   ProviderName: Microsoft-Windows-Security-Kerberos',
    '',
    'TimeCreated                     Id LevelDisplayName Message',
    '-----------                     -- ---------------- -------',
    '3/5/2024 6:40:12 AM              4 Error            The Kerberos client received a KRB_AP_ERR_MODIFIED error from the server svc-portal. The target name used was HT...',
    '',
  ]);
}
