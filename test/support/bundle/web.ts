import type { Random } from '../simulate/random';
import { crlf } from './encode';
import type { Site } from './tools';

/** IIS material of a server that also hosts other sites: their W3C logs, HTTPERR, applicationHost.config, web.config. */

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
function w3cStamp(t: number): string {
  const d = new Date(t);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

const BROWSERS = [
  'Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64)+AppleWebKit/537.36+(KHTML,+like+Gecko)+Chrome/122.0.0.0+Safari/537.36+Edg/122.0.0.0',
  'Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64)+AppleWebKit/537.36+(KHTML,+like+Gecko)+Chrome/122.0.0.0+Safari/537.36',
  'Mozilla/5.0+(Macintosh;+Intel+Mac+OS+X+10_15_7)+AppleWebKit/605.1.15+(KHTML,+like+Gecko)+Version/17.3+Safari/605.1.15',
];

/**
 * A line-of-business site (W3SVC2) on the same server: Windows authentication (401.2 → 401.1 → 200),
 * static files and 304s, favicon 404s, a load balancer's HEAD /, a redirect to the login page.
 */
export function otherSiteIis(s: Site, r: Random, day: number, approxBytes: number): string {
  const start = Date.UTC(2024, 2, day, 0, 0, 0);
  const fields = 'date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken';
  const out: string[] = ['#Software: Microsoft Internet Information Services 10.0', '#Version: 1.0', `#Date: ${w3cStamp(start)}`, `#Fields: ${fields}`];
  let bytes = 0;
  let t = start + r.int(0, 5000);
  const add = (method: string, stem: string, query: string, user: string, client: string, agent: string, referer: string, status: string, taken: number): void => {
    const line = `${w3cStamp(t)} ${s.ip} ${method} ${stem} ${query} 443 ${user} ${client} ${agent} ${referer} ${status} ${taken}`;
    out.push(line);
    bytes += line.length + 2;
  };
  const portal = `https://portal.${s.domain}`;
  while (bytes < approxBytes && t < start + 86_400_000 - 60_000) {
    t += r.int(200, 4000);
    const roll = r.next();
    const client = `10.30.${r.int(1, 40)}.${r.int(2, 250)}`;
    const agent = r.pick(BROWSERS);
    if (roll < 0.12) {
      add('HEAD', '/', '-', '-', '10.20.30.5', '-', '-', '200 0 0', r.int(0, 3));
    } else if (roll < 0.3) {
      // Windows authentication: anonymous first, then the NTLM/Negotiate round, then the page.
      const user = `${s.netbios}\\user${r.int(100, 999)}`;
      add('GET', '/Reports/', '-', '-', client, agent, '-', '401 2 5', r.int(0, 4));
      add('GET', '/Reports/', '-', '-', client, agent, '-', '401 1 2148074254', r.int(0, 4));
      add('GET', '/Reports/', '-', user, client, agent, '-', '200 0 0', r.int(30, 400));
      add('GET', '/Reports/css/site.css', 'v=3.1', user, client, agent, `${portal}/Reports/`, r.chance(0.6) ? '304 0 0' : '200 0 0', r.int(0, 15));
      add('GET', '/Reports/js/app.js', 'v=3.1', user, client, agent, `${portal}/Reports/`, r.chance(0.6) ? '304 0 0' : '200 0 0', r.int(0, 15));
      add('GET', '/favicon.ico', '-', user, client, agent, `${portal}/Reports/`, '404 0 2', r.int(0, 3));
    } else if (roll < 0.4) {
      add('GET', '/', '-', '-', client, agent, '-', '302 0 0', r.int(0, 5));
      add('GET', '/Account/Login', 'ReturnUrl=%2F', '-', client, agent, '-', '200 0 0', r.int(10, 90));
      add('POST', '/Account/Login', 'ReturnUrl=%2F', '-', client, agent, `${portal}/Account/Login?ReturnUrl=%2F`, '302 0 0', r.int(40, 300));
    } else if (roll < 0.9) {
      const user = `${s.netbios}\\user${r.int(100, 999)}`;
      // Browsers that move on before the answer is sent leave win32 64 (the network name is gone) or 995.
      const status = r.chance(0.97) ? '200 0 0' : r.pick(['200 0 64', '200 0 995', '500 0 64', '400 0 64']);
      add(r.chance(0.7) ? 'GET' : 'POST', `/api/orders/${r.int(1000, 99999)}`, r.chance(0.5) ? '-' : `include=lines&_=${r.int(1_700_000_000, 1_709_999_999)}`, user, client, agent, `${portal}/Reports/`, status, r.int(5, 900));
    } else if (roll < 0.95) {
      add('GET', '/Reports/img/logo.png', '-', '-', client, agent, `${portal}/Reports/`, '304 0 0', 0);
    } else if (roll < 0.98) {
      add('GET', '/robots.txt', '-', '-', `10.30.${r.int(1, 40)}.${r.int(2, 250)}`, 'Mozilla/5.0+(compatible;+bingbot/2.0;++http://www.bing.com/bingbot.htm)', '-', '404 0 2', 1);
    } else {
      add('GET', '/api/health', '-', '-', '10.20.30.6', 'Go-http-client/1.1', '-', '200 0 0', 1);
    }
  }
  return crlf(out);
}

/** HTTPERR of the whole server: other sites' idle timeouts, a scanner's bad host name, an app pool recycle. */
export function httperrOther(s: Site, r: Random): string {
  const out = ['#Software: Microsoft HTTP API 2.0', '#Version: 1.0', '#Date: 2024-03-04 00:00:12', '#Fields: date time c-ip c-port s-ip s-port cs-version cs-method cs-uri streamid sc-status s-siteid s-reason s-queuename'];
  let t = Date.UTC(2024, 2, 4, 0, 0, 12);
  for (let i = 0; i < 60; i++) {
    t += r.int(60_000, 1_200_000);
    const c = `10.30.${r.int(1, 40)}.${r.int(2, 250)} ${r.int(49152, 65535)} ${s.ip}`;
    const roll = r.next();
    if (roll < 0.6) out.push(`${w3cStamp(t)} ${c} 443 - - - - - - Timer_ConnectionIdle -`);
    else if (roll < 0.75) out.push(`${w3cStamp(t)} 198.51.100.${r.int(2, 250)} ${r.int(49152, 65535)} ${s.ip} 443 HTTP/1.1 GET / - 400 - Hostname -`);
    else if (roll < 0.85) out.push(`${w3cStamp(t)} ${c} 443 HTTP/1.1 GET /Reports/ - - 2 Connection_Abandoned_By_ReqQueue PortalAppPool`);
    else if (roll < 0.95) out.push(`${w3cStamp(t)} ${c} 443 HTTP/1.1 POST /api/orders/${r.int(1000, 99999)} - - 2 Request_Cancelled PortalAppPool`);
    else out.push(`${w3cStamp(t)} ${c} 443 HTTP/1.1 GET /Reports/ - - - Timer_MinBytesPerSecond -`);
  }
  return crlf(out);
}

export function applicationHostConfig(s: Site): string {
  return crlf([
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!--',
    '',
    '    IIS configuration sections.',
    '',
    '    For schema documentation, see',
    '    %windir%\\system32\\inetsrv\\config\\schema\\IIS_schema.xml.',
    '    ',
    '    Please make a backup of this file before making any changes to it.',
    '',
    '-->',
    '',
    '<configuration>',
    '    <system.applicationHost>',
    '        <applicationPools>',
    '            <add name="DefaultAppPool" />',
    '            <add name="SCEP" managedRuntimeVersion="v4.0">',
    `                <processModel identityType="SpecificUser" userName="${s.netbios}\\${s.service}" password="[enc:IISCngProvider:dGhpcyBpcyBub3QgYSByZWFsIHBhc3N3b3Jk:enc]" loadUserProfile="true" />`,
    '            </add>',
    '            <add name="PortalAppPool" managedRuntimeVersion="v4.0" />',
    '            <applicationPoolDefaults managedRuntimeVersion="v4.0">',
    '                <processModel identityType="ApplicationPoolIdentity" />',
    '            </applicationPoolDefaults>',
    '        </applicationPools>',
    '        <sites>',
    '            <site name="Default Web Site" id="1">',
    '                <application path="/">',
    '                    <virtualDirectory path="/" physicalPath="%SystemDrive%\\inetpub\\wwwroot" />',
    '                </application>',
    '                <application path="/CertSrv/mscep" applicationPool="SCEP">',
    '                    <virtualDirectory path="/" physicalPath="C:\\Windows\\system32\\CertSrv\\mscep" />',
    '                </application>',
    '                <application path="/CertSrv/mscep_admin" applicationPool="SCEP">',
    '                    <virtualDirectory path="/" physicalPath="C:\\Windows\\system32\\CertSrv\\mscep" />',
    '                </application>',
    '                <application path="/CertificateRegistrationSvc" applicationPool="SCEP">',
    '                    <virtualDirectory path="/" physicalPath="C:\\Program Files\\Microsoft Intune\\NDESConnectorSvc" />',
    '                </application>',
    '                <bindings>',
    '                    <binding protocol="http" bindingInformation="*:80:" />',
    '                    <binding protocol="https" bindingInformation="*:443:" sslFlags="0" />',
    '                </bindings>',
    '            </site>',
    '            <site name="Portal" id="2">',
    '                <application path="/" applicationPool="PortalAppPool">',
    '                    <virtualDirectory path="/" physicalPath="D:\\Sites\\Portal" />',
    '                </application>',
    '                <bindings>',
    `                    <binding protocol="https" bindingInformation="*:443:portal.${s.domain}" sslFlags="1" />`,
    '                </bindings>',
    '            </site>',
    '            <siteDefaults>',
    '                <logFile logFormat="W3C" directory="%SystemDrive%\\inetpub\\logs\\LogFiles" />',
    '                <traceFailedRequestsLogging directory="%SystemDrive%\\inetpub\\logs\\FailedReqLogFiles" />',
    '            </siteDefaults>',
    '            <applicationDefaults applicationPool="DefaultAppPool" />',
    '            <virtualDirectoryDefaults allowSubDirConfig="true" />',
    '        </sites>',
    '        <webLimits />',
    '    </system.applicationHost>',
    '',
    '    <system.webServer>',
    '        <httpErrors lockAttributes="allowAbsolutePathsWhenDelegated,defaultPath">',
    '            <error statusCode="401" prefixLanguageFilePath="%SystemDrive%\\inetpub\\custerr" path="401.htm" />',
    '            <error statusCode="403" prefixLanguageFilePath="%SystemDrive%\\inetpub\\custerr" path="403.htm" />',
    '            <error statusCode="404" prefixLanguageFilePath="%SystemDrive%\\inetpub\\custerr" path="404.htm" />',
    '            <error statusCode="405" prefixLanguageFilePath="%SystemDrive%\\inetpub\\custerr" path="405.htm" />',
    '            <error statusCode="406" prefixLanguageFilePath="%SystemDrive%\\inetpub\\custerr" path="406.htm" />',
    '            <error statusCode="412" prefixLanguageFilePath="%SystemDrive%\\inetpub\\custerr" path="412.htm" />',
    '            <error statusCode="500" prefixLanguageFilePath="%SystemDrive%\\inetpub\\custerr" path="500.htm" />',
    '            <error statusCode="501" prefixLanguageFilePath="%SystemDrive%\\inetpub\\custerr" path="501.htm" />',
    '            <error statusCode="502" prefixLanguageFilePath="%SystemDrive%\\inetpub\\custerr" path="502.htm" />',
    '        </httpErrors>',
    '        <security>',
    '            <access sslFlags="None" />',
    '            <authentication>',
    '                <anonymousAuthentication enabled="true" userName="IUSR" />',
    '                <windowsAuthentication enabled="false" />',
    '            </authentication>',
    '            <requestFiltering>',
    '                <fileExtensions allowUnlisted="true" applyToWebDAV="true">',
    '                    <add fileExtension=".config" allowed="false" />',
    '                </fileExtensions>',
    '                <requestLimits maxUrl="65534" maxQueryString="65534" />',
    '            </requestFiltering>',
    '        </security>',
    '    </system.webServer>',
    '    <location path="Default Web Site/CertSrv/mscep_admin">',
    '        <system.webServer>',
    '            <security>',
    '                <authentication>',
    '                    <anonymousAuthentication enabled="false" />',
    '                    <windowsAuthentication enabled="true" />',
    '                </authentication>',
    '            </security>',
    '        </system.webServer>',
    '    </location>',
    '</configuration>',
  ]);
}

export function webConfig(): string {
  return crlf([
    '<?xml version="1.0" encoding="utf-8"?>',
    '<configuration>',
    '  <system.web>',
    '    <compilation debug="false" targetFramework="4.7.2" />',
    '    <httpRuntime targetFramework="4.7.2" maxQueryStringLength="65534" maxUrlLength="65534" />',
    '    <customErrors mode="RemoteOnly" defaultRedirect="~/Error">',
    '      <error statusCode="404" redirect="~/Error/NotFound" />',
    '      <error statusCode="500" redirect="~/Error" />',
    '    </customErrors>',
    '  </system.web>',
    '  <system.webServer>',
    '    <security>',
    '      <requestFiltering>',
    '        <requestLimits maxAllowedContentLength="30000000" maxUrl="65534" maxQueryString="65534" />',
    '      </requestFiltering>',
    '    </security>',
    '  </system.webServer>',
    '</configuration>',
  ]);
}
