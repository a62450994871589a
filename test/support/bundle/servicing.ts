import type { Random } from '../simulate/random';
import { crlf } from './encode';
import type { Site } from './tools';

/** Servicing and installer logs a collector sweeps up with the NDES logs: CBS, Windows Update, SetupAPI, MSI, Burn. */

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** CBS.log: `YYYY-MM-DD hh:mm:ss, Level <pad> Source Message`, with the routine HRESULTs of a healthy machine. */
export function cbsLog(r: Random, lines: number): string {
  const out: string[] = [];
  let t = Date.UTC(2024, 2, 5, 3, 0, 0);
  const stamp = (): string => { const d = new Date(t); return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`; };
  const line = (level: 'Info' | 'Warning' | 'Error', source: string, msg: string): void => { out.push(`${stamp()}, ${level.padEnd(21)} ${source.padEnd(6)} ${msg}`); };
  const session = (): string => `${r.int(30000000, 31999999)}_${r.int(1000000000, 3999999999)}`;
  while (out.length < lines) {
    t += r.int(1, 900) * 1000;
    const s = session();
    line('Info', 'CBS', 'TI: --- Initializing Trusted Installer ---');
    line('Info', 'CBS', 'TI: Last boot time: 2024-03-03 04:12:09.500');
    line('Info', 'CBS', 'Starting TrustedInstaller initialization.');
    line('Info', 'CBS', 'Lock: New lock added: CCbsPublicSessionClassFactory, level: 30, total lock:4');
    line('Info', 'CBS', 'Ending TrustedInstaller initialization.');
    line('Info', 'CBS', 'Starting the TrustedInstaller main loop.');
    line('Info', 'CBS', 'TrustedInstaller service starts successfully.');
    line('Info', 'CBS', 'No startup processing required, TrustedInstaller service was not set as autostart');
    line('Info', 'CBS', 'Startup processing thread terminated normally');
    line('Info', 'CBS', 'TI: Startup Processing completes, release startup processing lock.');
    line('Info', 'CBS', 'Loaded Servicing Stack v10.0.17763.5328 with Core: C:\\Windows\\winsxs\\amd64_microsoft-windows-servicingstack_31bf3856ad364e35_10.0.17763.5328_none_7a5fc5a5b3f1c0ad\\cbscore.dll');
    out.push(`${stamp()}, Info                  CSI    00000001@2024/3/5:${stamp().slice(11)}.${r.int(100, 999)} WcpInitialize: wcp.dll version 10.0.17763.5328 (WinBuild.160101.0800)`);
    line('Info', 'CBS', `Session: ${s} initialized by client WindowsUpdateAgent, external staging directory: (null), external registry directory: (null)`);
    line('Info', 'CBS', 'Failed to internally open package. [HRESULT = 0x800f0805 - CBS_E_INVALID_PACKAGE]');
    line('Info', 'CBS', `Session: ${s} initialized by client WindowsUpdateAgent, external staging directory: (null), external registry directory: (null)`);
    line('Info', 'CBS', 'Appl: detect Parent, Package: Package_for_RollupFix~31bf3856ad364e35~amd64~~17763.5458.1.10, Parent: Microsoft-Windows-ServerStandardEdition~31bf3856ad364e35~amd64~~10.0.17763.1, Disposition = Detect, VersionComp: EQ, ServiceComp: GE, BuildComp: GE, DistributionComp: GE, RevisionComp: GE, Exist: present');
    line('Info', 'CBS', 'Appl: detectParent: package: Package_for_RollupFix~31bf3856ad364e35~amd64~~17763.5458.1.10, parent found: Microsoft-Windows-ServerStandardEdition~31bf3856ad364e35~amd64~~10.0.17763.1, state: Installed');
    line('Info', 'CBS', 'Read out cached package applicability for package: Package_for_RollupFix~31bf3856ad364e35~amd64~~17763.5458.1.10, ApplicableState: 112, CurrentState:112');
    if (r.chance(0.3)) line('Info', 'CBS', 'Failed to get next element [HRESULT = 0x800f080d - CBS_E_MANIFEST_INVALID_ITEM]');
    if (r.chance(0.3)) line('Warning', 'CBS', 'Failed to get session package state for package: Package_for_KB4486153~31bf3856ad364e35~amd64~~10.0.1.2 [HRESULT = 0x800f0805 - CBS_E_INVALID_PACKAGE]');
    if (r.chance(0.2)) line('Info', 'CBS', 'Not able to query DisableWerReporting flag.  Assuming not set... [HRESULT = 0x80070002 - ERROR_FILE_NOT_FOUND]');
    line('Info', 'CBS', `Exec: Processing complete.  Session: ${s}, Package: Package_for_RollupFix~31bf3856ad364e35~amd64~~17763.5458.1.10 [HRESULT = 0x00000000 - S_OK]`);
    line('Info', 'CBS', 'Session: ' + s + ' finalized. Reboot required: no [HRESULT = 0x00000000 - S_OK]');
    line('Info', 'CBS', 'Trusted Installer is shutting down because: SHUTDOWN_REASON_AUTOMATIC');
    line('Info', 'CBS', 'TiWorker signaled for shutdown, going to exit.');
    line('Info', 'CBS', 'Ending the TiWorker main loop.');
    line('Info', 'CBS', 'Ending the TrustedInstaller main loop.');
  }
  return crlf(out);
}

/** WindowsUpdate.log as Get-WindowsUpdateLog decodes it (Server 2016 and later). */
export function windowsUpdateLog(r: Random): string {
  const out: string[] = [];
  let t = Date.UTC(2024, 2, 5, 4, 12, 0);
  const pid = r.int(1000, 9000);
  const line = (component: string, msg: string): void => {
    t += r.int(1, 4000);
    const d = new Date(t);
    out.push(`${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(r.int(0, 9999999), 7)} ${String(pid).padEnd(5)} ${String(r.int(1000, 9999)).padEnd(5)} ${component.padEnd(15)} ${msg}`);
  };
  for (let round = 0; round < 6; round++) {
    line('Agent', '*************');
    line('Agent', '** START **  Agent: Finding updates [CallerId = UpdateOrchestrator  Id = ' + String(round + 1) + ']');
    line('Agent', '*********');
    line('Agent', 'Online = Yes; AllowCachedResults = No; Ignore download priority = No');
    line('Agent', 'Criteria = "IsInstalled=0 and DeploymentAction=\'Installation\' or IsInstalled=0 and DeploymentAction=\'OptionalInstallation\' or IsPresent=1 and DeploymentAction=\'Uninstallation\'"');
    line('Agent', 'ServiceID = {3DA21691-E39D-4DA6-8A4B-B43877BCB1B7} Managed');
    line('Agent', 'Search Scope = {Machine}');
    line('Agent', 'Caller SID for Applicability: S-1-5-18');
    line('Misc', 'Got WSUS Client/Server URL: https://wsus.contoso.com:8531/ClientWebService/client.asmx""');
    line('ProtocolTalker', 'OK to reuse existing configuration');
    line('ProtocolTalker', 'Existing cookie is valid, just use it');
    line('ProtocolTalker', 'PTInfo: Server requested registration');
    line('WebServices', 'Auto proxy settings for this web service call.');
    if (round === 1) {
      line('WebServices', 'WS error: There was an error communicating with the endpoint at \'https://wsus.contoso.com:8531/ClientWebService/client.asmx\'.');
      line('WebServices', 'WS error: The operation did not complete within the time allotted.');
      line('WebServices', 'Web service call failed with hr = 8024401c.');
      line('ProtocolTalker', 'SyncUpdates_WithRecovery failed, hr=0x8024401C');
      line('ProtocolTalker', 'SyncUpdates round trips: 1');
      line('Agent', 'Failed to synchronize, error = 0x8024401C');
      line('Agent', 'Exit code = 0x8024401C');
      line('Agent', 'Retrying the search in 10 minutes');
    }
    if (round % 2 === 0) line('SLS', 'Get response for service 855E8A7C-ECB4-4CA3-B045-1DFA50104289 - forceExpire[False] asyncRefreshOnExpiry[True]');
    if (round % 3 === 0) line('SLS', 'Making request with URL https://slscr.update.microsoft.com/SLS/{855E8A7C-ECB4-4CA3-B045-1DFA50104289}/x64/10.0.17763.5458/0?CH=686&L=en-US&P=&PT=0x7&WUA=10.0.17763.5328&MK=Microsoft+Corporation&MD=Virtual+Machine and send SLS events, cV=abcd.0.1.');
    line('Agent', 'Found 0 updates and 92 categories in search; evaluated appl. rules of 1453 out of 2386 deployed entities');
    line('Agent', '*********');
    line('Agent', '**  END  **  Agent: Finding updates [CallerId = UpdateOrchestrator  Id = ' + String(round + 1) + ']');
    line('Agent', '*************');
    line('Agent', 'Exit code = 0x00000000, result = 0x00000000');
    line('ComApi', '*RESUMED* Search ClientId = UpdateOrchestrator');
    line('ComApi', 'Updates found = 0');
    line('ComApi', 'Exit code = 0x00000000, Result code = 0x00000000');
    line('Shared', 'Effective power state: AC');
    line('DownloadManager', 'PurgeExpiredFiles::Found 0 expired files to delete.');
    line('Handler', 'Requesting post-reboot reporting for package ... (null)');
  }
  return crlf(out);
}

export function setupapiDevLog(r: Random): string {
  const section = (title: string, start: string, body: string[], status: string): string[] => [
    `>>>  [${title}]`,
    `>>>  Section start ${start}`,
    ...body,
    `<<<  Section end ${start.slice(0, 11)}${pad(Number(start.slice(11, 13)))}:${start.slice(14, 16)}:${pad(Number(start.slice(17, 19)) + 1)}.${r.int(100, 999)}`,
    `<<<  [Exit status: ${status}]`,
    '',
    '',
  ];
  return crlf([
    '[Device Install Log]',
    '     OS Version = 10.0.17763',
    '     Service Pack = 0.0',
    '     Suite = 0x0110',
    '     ProductType = 3',
    '     Architecture = amd64',
    '',
    '[BeginLog]',
    '',
    '[Boot Session: 2024/03/03 04:11:58.500]',
    '',
    ...section('Device Install (Hardware initiated) - SWD\\PRINTENUM\\{' + r.guid().toUpperCase() + '}', '2024/03/03 04:14:02.315', [
      '     ump: Creating Install Process: DrvInst.exe 04:14:02.318',
      '     ndv: Retrieving device info...',
      '     ndv: Setting device parameters...',
      '     ndv: Searching Driver Store and Device Path...',
      '     dvi: {Build Driver List} 04:14:02.401',
      '     dvi:      Searching for hardware ID(s):',
      '     dvi:           printenum\\{084f01fa-e634-4d77-83ee-074817c03581}',
      '     dvi:      Created Driver Node:',
      '     dvi:           HardwareID   - PRINTENUM\\{084f01fa-e634-4d77-83ee-074817c03581}',
      '     dvi:           InfName      - C:\\Windows\\System32\\DriverStore\\FileRepository\\prnms009.inf_amd64_3107874c7db0aa5a\\prnms009.inf',
      '     dvi: {Build Driver List - exit(0x00000000)} 04:14:02.512',
      '     ndv: Selecting best match from Driver Store (including Device Path)...',
      '     dvi: {DIF_SELECTBESTCOMPATDRV} 04:14:02.515',
      '     dvi:      Default installer: Enter 04:14:02.516',
      '     dvi:      Default installer: Exit',
      '     dvi: {DIF_SELECTBESTCOMPATDRV - exit(0x00000000)} 04:14:02.520',
      '     ndv: {Core Device Install} 04:14:02.521',
      '!    dvi: Device not started: Device has problem: 0x1c (CM_PROB_FAILED_INSTALL), problem status: 0x00000000.',
      '     ndv: Device install status=0x00000000',
      '     ndv: Performing device install final cleanup...',
      '     ndv: {Core Device Install - exit(0x00000000)} 04:14:03.101',
      '     ump: Server install process exited with code 0x00000000 04:14:03.110',
    ], 'SUCCESS'),
    ...section('Setup online Device Install (Hardware initiated) - ROOT\\BasicRender\\0000', '2024/03/03 04:14:05.020', [
      '     dvi: {Plug and Play Service: Device Install for ROOT\\BasicRender\\0000}',
      '!    dvi: Device class {4d36e968-e325-11ce-bfc1-08002be10318} is not installed.',
      '     dvi: Install Device: Configuring device (c_display.inf:basicrender.inf_amd64). 04:14:05.045',
      '     dvi: Install Device: Configuring device completed. 04:14:05.090',
      '     dvi: Device Status: 0x0180200a, Problem: 0x0 (0x00000000)',
      '     dvi: {Plug and Play Service: Device Install exit(00000000)}',
    ], 'SUCCESS'),
  ]);
}

/** A verbose MSI log (`msiexec /i x.msi /l*v log.txt`) of a product unrelated to NDES; healthy installs carry routine `Note:` lines. */
export function msiLog(product: string, r: Random): string {
  const ids = `${r.hex(2).toUpperCase()}:${r.hex(2).toUpperCase()}`;
  const mk = (ms: number): string => { const s = Math.floor(ms / 1000); return `09:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}:${pad(ms % 1000, 3)}`; };
  let ms = 12_000;
  const s = (msg: string): string => { ms += r.int(1, 400); return `MSI (s) (${ids}) [${mk(ms)}]: ${msg}`; };
  const c = (msg: string): string => { ms += r.int(1, 200); return `MSI (c) (${ids}) [${mk(ms)}]: ${msg}`; };
  const action = (name: string, ret = 1): string[] => [`Action start 9:${pad(Math.floor(ms / 60000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}: ${name}.`, `Action ended 9:${pad(Math.floor(ms / 60000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}: ${name}. Return value ${ret}.`];
  return crlf([
    '=== Verbose logging started: 3/1/2024  9:00:12  Build type: SHIP UNICODE 5.00.10011.00  Calling process: C:\\Windows\\system32\\msiexec.exe ===',
    c('Resetting cached policy values'),
    c('Machine policy value \'Debug\' is 0'),
    c('******* RunEngine:'),
    c(`           ******* Product: C:\\Install\\${product}.msi`),
    c('           ******* Action: '),
    c('           ******* CommandLine: **********'),
    c('Client-side and UI is none or basic: Running entire install on the server.'),
    c('Grabbed execution mutex.'),
    c('Cloaking enabled.'),
    c('Attempting to enable all disabled privileges before calling Install on Server'),
    s('Running installation inside multi-package transaction C:\\Install\\' + product + '.msi'),
    s('Note: 1: 2205 2:  3: Error '),
    s('Note: 1: 2228 2:  3: Error 4: SELECT `Message` FROM `Error` WHERE `Error` = 1717 '),
    s('Note: 1: 2262 2: AdminProperties 3: -2147287038 '),
    s('PROPERTY CHANGE: Adding INSTALLLEVEL property. Its value is \'1\'.'),
    s('Doing action: INSTALL'),
    ...action('INSTALL'),
    s('Doing action: LaunchConditions'),
    ...action('LaunchConditions'),
    s('Doing action: FindRelatedProducts'),
    s('Skipping FindRelatedProducts action: not run in maintenance mode'),
    ...action('FindRelatedProducts', 0),
    s('Doing action: CostInitialize'),
    s('Note: 1: 2205 2:  3: Patch '),
    s('Note: 1: 2205 2:  3: PatchPackage '),
    s('Note: 1: 2205 2:  3: MsiPatchHeaders '),
    s('Note: 1: 2205 2:  3: __MsiPatchFileList '),
    s('Note: 1: 2228 2:  3: MsiPatchHeaders 4: SELECT `Patch`.`File_`, `Patch`.`Header`, `Patch`.`Attributes`, `Patch`.`Sequence`, `Patch`.`StreamRef_` FROM `Patch`, `MsiPatchHeaders` WHERE `Patch`.`File_` = ? AND `Patch`.`#_MsiActive`=? AND `Patch`.`StreamRef_` = `MsiPatchHeaders`.`StreamRef` ORDER BY `Patch`.`Sequence`'),
    ...action('CostInitialize'),
    s('Doing action: InstallValidate'),
    s('Feature: MainFeature; Installed: Absent;   Request: Local;   Action: Local'),
    s('Component: MainExe; Installed: Absent;   Request: Local;   Action: Local'),
    ...action('InstallValidate'),
    s('Doing action: InstallFiles'),
    s('Note: 1: 2318 2:  '),
    s('Executing op: FileCopy(SourceName=agent.exe|agent.exe,SourceCabKey=agent.exe,DestName=agent.exe,Attributes=512,FileSize=1843200,PerTick=65536,,VerifyMedia=1,,,,,CheckCRC=0,Version=4.2.1.0,Language=0,InstallMode=58982400,,,,,,,)'),
    ...action('InstallFiles'),
    s('Doing action: StartServices'),
    s('Executing op: ServiceControl(,Name=MonitoringAgent,Action=1,Wait=1,)'),
    ...action('StartServices'),
    s('Doing action: InstallFinalize'),
    s('Note: 1: 1707 '),
    s(`Product: ${product} -- Installation completed successfully.`),
    s(`Windows Installer installed the product. Product Name: ${product}. Product Version: 4.2.1.0. Product Language: 1033. Manufacturer: Contoso Ltd.. Installation success or error status: 0.`),
    ...action('InstallFinalize'),
    s('Deferring clean up of packages/files, if any exist'),
    s('MainEngineThread is returning 0'),
    c('Back from server. Return value: 0'),
    c('Decrementing counter to disable shutdown. If counter >= 0, shutdown will be denied.  Counter after decrement: -1'),
    `Property(C): ProductName = ${product}`,
    'Property(C): ProductState = -1',
    'Property(C): Privileged = 1',
    '=== Logging stopped: 3/1/2024  9:01:20 ===',
    c('Note: 1: 1707 '),
    c(`Product: ${product} -- Installation completed successfully.`),
    '',
    c(`Windows Installer installed the product. Product Name: ${product}. Product Version: 4.2.1.0. Product Language: 1033. Manufacturer: Contoso Ltd.. Installation success or error status: 0.`),
    '',
    c('Grabbed execution mutex.'),
    c('Cleaning up uninstalled install packages, if any exist'),
    c('MainEngineThread is returning 0'),
    '=== Verbose logging stopped: 3/1/2024  9:01:20 ===',
    '',
  ]);
}

/** The Intune Certificate Connector's setup is a WiX Burn bundle: `[pid:tid][time]iNNN: ...`. */
export function connectorInstallLog(r: Random): string {
  const p = `${r.hex(4).toUpperCase()}:${r.hex(4).toUpperCase()}`;
  let sec = 0;
  const l = (code: string, msg: string): string => { sec += r.int(0, 2); return `[${p}][2024-03-01T10:${pad(10 + Math.floor(sec / 60))}:${pad(sec % 60)}]${code}: ${msg}`; };
  return crlf([
    l('i001', 'Burn v3.11.2.4516, Windows v10.0 (Build 17763: Service Pack 0), path: C:\\Windows\\Temp\\{8A2B7C1D-4E5F-4A6B-9C8D-7E6F5A4B3C2D}\\.cr\\IntuneCertificateConnector.exe'),
    l('i009', 'Command Line: \'-burn.clean.room=C:\\Users\\adm-jdoe\\Downloads\\IntuneCertificateConnector.exe -burn.filehandle.attached=540 -burn.filehandle.self=548\''),
    l('i000', 'Setting string variable \'WixBundleOriginalSource\' to value \'C:\\Users\\adm-jdoe\\Downloads\\IntuneCertificateConnector.exe\''),
    l('i000', 'Setting string variable \'WixBundleName\' to value \'Microsoft Intune Certificate Connector\''),
    l('i000', 'Setting string variable \'WixBundleLog\' to value \'C:\\Users\\adm-jdoe\\AppData\\Local\\Temp\\Microsoft_Intune_Certificate_Connector_20240301101001.log\''),
    l('i100', 'Detect begin, 2 packages'),
    l('i101', 'Detected package: NetFx472Redist, state: Present, cached: None'),
    l('i101', 'Detected package: CertificateConnectorInstaller, state: Absent, cached: None'),
    l('i199', 'Detect complete, result: 0x0'),
    l('i200', 'Plan begin, 2 packages, action: Install'),
    l('w321', 'Skipping dependency registration on package with no dependency providers: NetFx472Redist'),
    l('i201', 'Planned package: NetFx472Redist, state: Present, default requested: Present, ba requested: Present, execute: None, rollback: None, cache: No, uncache: No, dependency: None'),
    l('i201', 'Planned package: CertificateConnectorInstaller, state: Absent, default requested: Present, ba requested: Present, execute: Install, rollback: Uninstall, cache: Yes, uncache: No, dependency: Register'),
    l('i299', 'Plan complete, result: 0x0'),
    l('i300', 'Apply begin'),
    l('i010', 'Launching elevated engine process.'),
    l('i011', 'Launched elevated engine process.'),
    l('i012', 'Connected to elevated engine.'),
    l('i338', 'Acquiring package: CertificateConnectorInstaller, payload: CertificateConnectorInstaller, copy from: C:\\Users\\adm-jdoe\\Downloads\\CertificateConnectorInstaller.msi'),
    l('i305', 'Verified acquired payload: CertificateConnectorInstaller at path: C:\\ProgramData\\Package Cache\\.unverified\\CertificateConnectorInstaller, moving to: C:\\ProgramData\\Package Cache\\{5C2B1A0F-...}v6.2301.1.0\\CertificateConnectorInstaller.msi.'),
    l('i323', 'Registering package dependency provider: {5C2B1A0F-3E4D-4C5B-8A7F-6E5D4C3B2A10}, version: 6.2301.1.0, package: CertificateConnectorInstaller'),
    l('i301', 'Applying execute package: CertificateConnectorInstaller, action: Install, path: C:\\ProgramData\\Package Cache\\{5C2B1A0F-3E4D-4C5B-8A7F-6E5D4C3B2A10}v6.2301.1.0\\CertificateConnectorInstaller.msi, arguments: \' ARPSYSTEMCOMPONENT="1" MSIFASTINSTALL="7" INSTALLFOLDER="C:\\Program Files\\Microsoft Intune\\PFXCertificateConnector\\"\''),
    l('i319', 'Applied execute package: CertificateConnectorInstaller, result: 0x0, restart: None'),
    l('i325', 'Registering dependency: {a2f1c3e4-5b6d-4e7f-8a9b-0c1d2e3f4a5b} on package provider: {5C2B1A0F-3E4D-4C5B-8A7F-6E5D4C3B2A10}, package: CertificateConnectorInstaller'),
    l('i399', 'Apply complete, result: 0x0, restart: None, ba requested restart:  No'),
    l('i500', 'Shutting down, exit code: 0x0'),
    l('i410', 'Variable: WixBundleAction = 4'),
    l('i410', 'Variable: WixBundleElevated = 1'),
    l('i410', 'Variable: WixBundleInstalled = 0'),
    l('i410', 'Variable: WixBundleVersion = 6.2301.1.0'),
    l('i007', 'Exit code: 0x0, restarting: No'),
  ]);
}

/** Start-Transcript of an admin checking the server (PowerShell 5.1 writes UTF-8 with a BOM). */
export function transcript(s: Site, r: Random): string {
  const fqdn = `${s.host.toLowerCase()}.${s.domain}`;
  return crlf([
    '**********************',
    'Windows PowerShell transcript start',
    'Start time: 20240305101422',
    `Username: ${s.netbios}\\adm-jdoe`,
    `RunAs User: ${s.netbios}\\adm-jdoe`,
    'Configuration Name: ',
    `Machine: ${s.host} (Microsoft Windows NT 10.0.17763.0)`,
    'Host Application: C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
    `Process ID: ${r.int(1000, 9999)}`,
    'PSVersion: 5.1.17763.5328',
    'PSEdition: Desktop',
    'PSCompatibleVersions: 1.0, 2.0, 3.0, 4.0, 5.0, 5.1.17763.5328',
    'BuildVersion: 10.0.17763.5328',
    'CLRVersion: 4.0.30319.42000',
    'WSManStackVersion: 3.0',
    'PSRemotingProtocolVersion: 2.3',
    'SerializationVersion: 1.1.0.1',
    '**********************',
    'Transcript started, output file is C:\\Temp\\ndes-check.txt',
    'PS C:\\Temp> Get-WindowsFeature ADCS-Device-Enrollment, Web-Server | Format-Table -AutoSize',
    '',
    'Display Name                       Name                    Install State',
    '------------                       ----                    -------------',
    '    [X] Network Device Enrollment Service ADCS-Device-Enrollment      Installed',
    '[X] Web Server (IIS)               Web-Server                  Installed',
    '',
    '',
    `PS C:\\Temp> Test-NetConnection ${s.caHost}.${s.domain} -Port 135`,
    '',
    '',
    `ComputerName     : ${s.caHost}.${s.domain}`,
    'RemoteAddress    : 10.20.30.9',
    'RemotePort       : 135',
    'InterfaceAlias   : Ethernet0',
    `SourceAddress    : ${s.ip}`,
    'TcpTestSucceeded : True',
    '',
    '',
    '',
    `PS C:\\Temp> (Invoke-WebRequest "https://${fqdn}/certsrv/mscep/mscep.dll/pkiclient.exe?operation=GetCACaps&message=default" -UseBasicParsing).Content`,
    'POSTPKIOperation',
    'Renewal',
    'SHA-512',
    'SHA-256',
    'SHA-1',
    'DES3',
    '',
    ...invokeWebRequest403(`https://${fqdn}/certsrv/mscep/mscep.dll`),
    '',
    'PS C:\\Temp> Get-ItemProperty HKLM:\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP | Select-Object *Template',
    '',
    'EncryptionTemplate GeneralPurposeTemplate SignatureTemplate',
    '------------------ ---------------------- -----------------',
    `${s.template.padEnd(18)} ${s.template.padEnd(22)} ${s.template}`,
    '',
    '',
    'PS C:\\Temp> Get-Item C:\\Temp\\old-export.cer',
    'Get-Item : Cannot find path \'C:\\Temp\\old-export.cer\' because it does not exist.',
    'At line:1 char:1',
    '+ Get-Item C:\\Temp\\old-export.cer',
    '+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~',
    '    + CategoryInfo          : ObjectNotFound: (C:\\Temp\\old-export.cer:String) [Get-Item], ItemNotFoundException',
    '    + FullyQualifiedErrorId : PathNotFound,Microsoft.PowerShell.Commands.GetItemCommand',
    '',
    'PS C:\\Temp> Stop-Transcript',
    '**********************',
    'Windows PowerShell transcript end',
    'End time: 20240305101612',
    '**********************',
  ]);
}

/**
 * Windows PowerShell 5.1's transcript of `Invoke-WebRequest URL` when IIS answers with its 403 page:
 * the prompt, the error view (the page's text, then the command echoed) and nothing after it.
 */
export function invokeWebRequest403(url: string): string[] {
  return [
    `PS C:\\Temp> Invoke-WebRequest ${url} -UseBasicParsing`,
    'Invoke-WebRequest : ',
    '',
    '',
    '403 - Forbidden: Access is denied.',
    '',
    'Server Error',
    '',
    '  403 - Forbidden: Access is denied.',
    '  You do not have permission to view this directory or page using the credentials that you supplied.',
    '',
    'At line:1 char:1',
    `+ Invoke-WebRequest ${url} -UseBasicPar ...`,
    '+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~',
    '    + CategoryInfo          : InvalidOperation: (System.Net.HttpWebRequest:HttpWebRequest) [Invoke-WebRequest], WebException',
    '    + FullyQualifiedErrorId : WebCmdletWebResponseException,Microsoft.PowerShell.Commands.InvokeWebRequestCommand',
  ];
}
