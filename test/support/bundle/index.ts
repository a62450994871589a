import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { simulate, type Injection, type Truth } from '../simulate';
import { Random } from '../simulate/random';
import { caCert, ndesCertificates, storeMy, templates, verifyUrlfetch } from './certutil';
import { encode, type Encoding } from './encode';
import { everydayEvtx, fileInventory, ftpLog, otherSvclog } from './extra';
import { capi2Xml, collectorJson, eventsCsv, eventsText, eventsXml, servicesClixml } from './events';
import { cbsLog, connectorInstallLog, msiLog, setupapiDevLog, transcript, windowsUpdateLog } from './servicing';
import { appcmdLists, caPing, klist, nltest, winEventList, winEventTable, winhttpProxy } from './tools';
import { environment, getService, gpresult, ipconfigAll, netshSslcert, registryExport, regQuery, setspn, systeminfo, whoamiAll, type Site } from './tools';
import { applicationHostConfig, httperrOther, otherSiteIis, webConfig } from './web';

/**
 * A support bundle as an admin attaches it: the NDES evidence the simulator writes, inside the
 * folder tree a collection script builds, next to everything else it sweeps up (registry exports,
 * certutil, netsh, ipconfig, systeminfo, gpresult, whoami, setspn, IIS configuration and other
 * sites' logs, servicing and installer logs, transcripts, other event logs, the collector's own
 * JSON and XML) in the encodings those tools write. Healthy unless `inject` names simulator
 * scenarios. The same seed writes the same bytes.
 */
export interface BundleOptions {
  readonly seed: number;
  readonly enrollments?: number;
  readonly inject?: readonly Injection[];
  /** Roughly how big the other site's busiest IIS log and CBS.log grow; default 4 MB and 2 MB. */
  readonly bigLogBytes?: number;
}

export interface Bundle {
  /** Root folder name inside the bundle, as a collector names it. */
  readonly root: string;
  /** Path below the root (with `/`) to bytes. */
  readonly files: ReadonlyMap<string, Buffer>;
  /** Where the simulator's NDES logs sit below the root. */
  readonly ndes: ReadonlyMap<string, string>;
  readonly truth: readonly Truth[];
}

export const SITE: Site = {
  host: 'NDES01', domain: 'contoso.com', netbios: 'CONTOSO', ip: '10.20.30.11', service: 'svc-ndes',
  caName: 'Contoso Issuing CA 01', caHost: 'CA01', template: 'IntuneSCEP',
};

/** Where a collector puts each simulated NDES log. */
function placeNdes(name: string): string {
  if (/^u_ex\d+\.log$/.test(name)) return `Logs/IIS/W3SVC1/${name}`;
  if (/^httperr\d*\.log$/i.test(name)) return `Logs/HTTPERR/${name}`;
  if (/^NDESPlugin/i.test(name)) return `Logs/NDESPlugin/${name}`;
  if (/\.svclog$/i.test(name)) return `Logs/CertificateRegistrationPoint/${name}`;
  return `EventLogs/${name}`;
}

export function buildBundle(options: BundleOptions): Bundle {
  const r = new Random(options.seed * 7919 + 17);
  const sim = simulate({ seed: options.seed, enrollments: options.enrollments ?? 60, inject: options.inject ?? [] });
  const big = options.bigLogBytes ?? 4_000_000;
  const files = new Map<string, Buffer>();
  const ndes = new Map<string, string>();
  const put = (path: string, text: string, encoding: Encoding = 'utf8'): void => { files.set(path, encode(text, encoding)); };

  for (const [name, text] of sim.files) {
    const path = placeNdes(name);
    ndes.set(name, path);
    put(path, text);
  }
  // IIS keeps weeks of logs and the CRP traces roll daily, while NDESPlugin.log only holds its last
  // megabytes: a collector that takes the folders whole brings older days without the plugin's side.
  for (const day of [3, 4]) {
    const older = simulate({ seed: options.seed + day * 1000, enrollments: 30, start: Date.UTC(2024, 2, day, 7, 0, 0) });
    for (const [name, text] of older.files) {
      if (/^u_ex\d+\.log$/.test(name) || /\.svclog$/i.test(name)) put(placeNdes(name), text);
    }
  }
  const s = SITE;
  const certs = ndesCertificates(s, r);
  const ra = certs[1];
  if (ra === undefined) throw new Error('no RA certificate');

  put('Logs/IIS/W3SVC2/u_ex240304.log', otherSiteIis(s, r, 4, 300_000));
  put('Logs/IIS/W3SVC2/u_ex240305.log', otherSiteIis(s, r, 5, big));
  put('Logs/IIS/W3SVC2/archive/u_ex240303.log', otherSiteIis(s, r, 3, 150_000));
  put('Logs/HTTPERR/httperr2.log', httperrOther(s, r));

  put('EventLogs/System.txt', eventsText(s, r, 'System'), 'utf16le-bom');
  put('EventLogs/Application.txt', eventsText(s, r, 'Application'), 'utf8');
  put('EventLogs/System.xml', eventsXml(s, r), 'utf8');
  put('EventLogs/Application.csv', eventsCsv(s, r), 'utf8-bom');
  put('EventLogs/Microsoft-Windows-CAPI2%4Operational.xml', capi2Xml(s, r), 'utf8');

  put('Registry/MSCEP.reg', registryExport(s), 'utf16le-bom');
  put('Registry/reg_query_MSCEP.txt', regQuery(s), 'cp1252');

  put('Commands/ipconfig_all.txt', ipconfigAll(s, r), 'utf16le-bom');
  put('Commands/systeminfo.txt', systeminfo(s, r), 'cp1252');
  put('Commands/gpresult_r.txt', gpresult(s), 'cp1252');
  put('Commands/whoami_all.txt', whoamiAll(s, r), 'utf16le-bom');
  put('Commands/setspn_L_svc-ndes.txt', setspn(s), 'utf8');
  put('Commands/netsh_http_show_sslcert.txt', netshSslcert(s, r, certs[0]?.hash ?? ''), 'utf16le');
  put('Commands/certutil_store_my.txt', storeMy(certs, r), 'utf16be-bom');
  put('Commands/certutil_ca_cert.txt', caCert(s, r), 'utf16le-bom');
  put('Commands/certutil_verify_urlfetch_RA.txt', verifyUrlfetch(s, ra, r), 'cp1252');
  put('Commands/certutil_template.txt', templates(s), 'utf8');
  put('Commands/Get-Service.txt', getService(), 'utf16le-bom');
  put('Commands/environment.txt', environment(s), 'cp1252');

  put('Config/applicationHost.config', applicationHostConfig(s), 'utf8-bom');
  put('Config/mscep/web.config', webConfig(), 'utf8-bom');

  put('Setup/MSI_ContosoMonitoringAgent.log', msiLog('Contoso Monitoring Agent', r), 'utf16le-bom');
  put('Setup/MSI_Contoso_Backup_Client.log', msiLog('Contoso Backup Client', r), 'cp1252');
  put('Setup/Microsoft_Intune_Certificate_Connector_20240301101001.log', connectorInstallLog(r), 'utf8');
  put('Windows/CBS/CBS.log', cbsLog(r, Math.max(200, Math.floor(big / 2 / 180))), 'utf8');
  put('Windows/WindowsUpdate.log', windowsUpdateLog(r), 'utf8-bom');
  put('Windows/INF/setupapi.dev.log', setupapiDevLog(r), 'cp1252');
  put(`Transcripts/PowerShell_transcript.${s.host}.${r.base64(8).replace(/[+/]/g, 'x')}.20240305101422.txt`, transcript(s, r), 'utf8-bom');
  put('Collector/Summary.json', collectorJson(s), 'utf8-bom');
  put('Collector/Services.xml', servicesClixml(), 'utf16le-bom');

  put('Commands/appcmd_list.txt', appcmdLists(), 'utf16le-bom');
  put('Commands/certutil_ping.txt', caPing(s), 'cp1252');
  put('Commands/nltest_sc_verify.txt', nltest(s), 'cp1252');
  put('Commands/klist_li_0x3e7.txt', klist(s), 'cp1252');
  put('Commands/netsh_winhttp_show_proxy.txt', winhttpProxy(), 'utf16le-bom');
  put('Commands/Get-WinEvent_Application_list.txt', winEventList(s), 'utf16le-bom');
  put('Commands/Get-WinEvent_System_table.txt', winEventTable(), 'utf16le-bom');
  // Burn names each package's MSI log after its own log; a healthy connector install.
  put('Setup/Microsoft_Intune_Certificate_Connector_20240301101001_000_CertificateConnectorInstaller.log', msiLog('Microsoft Intune Certificate Connector', r), 'utf16le-bom');
  // Files no reader takes: an ETW trace, a screenshot, an msinfo32 export (UTF-16 XML).
  files.set('Traces/CertificateConnector.etl', Buffer.concat([Buffer.from([0x00, 0x00, 0x01, 0x00]), Buffer.from(r.base64(4096), 'latin1')]));
  files.set('Screenshots/mscep-403.png', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(r.base64(2048), 'latin1')]));
  put('Collector/msinfo32.nfo', '<?xml version="1.0" encoding="UTF-16"?>\r\n<MsInfo>\r\n<Metadata><Version>8.0</Version><CreationUTC>03/05/24 09:14:22</CreationUTC></Metadata>\r\n<Category name="System Summary"><Data><Item><![CDATA[OS Name]]></Item><Value><![CDATA[Microsoft Windows Server 2019 Standard]]></Value></Data></Category>\r\n</MsInfo>\r\n', 'utf16le-bom');
  put('Logs/IIS/FTPSVC3/u_ex240305.log', ftpLog(s, r));
  put('Logs/Portal/Contoso.Orders.svclog', otherSvclog(s, r), 'utf8');
  put('Collector/FileInventory.json', fileInventory(r, Math.floor(big / 3)), 'utf8');
  files.set('EventLogs/System.evtx', Buffer.from(everydayEvtx(s, r, 'System')));
  files.set('EventLogs/Application.evtx', Buffer.from(everydayEvtx(s, r, 'Application')));

  return { root: `${s.host}_CertificateConnectorDiagnostics_20240305`, files, ndes, truth: sim.truth };
}

/** Writes the bundle under `dir/<root>/`; returns the root folder. */
export function writeBundle(dir: string, bundle: Bundle): string {
  const root = join(dir, bundle.root);
  for (const [path, bytes] of bundle.files) {
    const full = join(root, ...path.split('/'));
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, bytes);
  }
  return root;
}
