import { defineSignature, type Signature } from './define';
import { SOURCES } from './sources';

/** An Application Proxy SCEP URL on the same record: the spelled-out gateway states are generic HTTP. */
export const APP_PROXY_SCEP_URL = /\.msappproxy\.net\/certsrv\/mscep\/mscep\.dll\b/i;

/**
 * The path in front of NDES: Microsoft Entra application proxy answering for NDES when it cannot
 * get an answer from it (stage 2; the request never reaches IIS on NDES). The 504 and "page can't
 * be displayed" states live with the device→NDES rules.
 */
export const PROXY: readonly Signature[] = [
  defineSignature({
    id: 'NDES-APPPROXY-BAD-GATEWAY',
    title: 'Application Proxy 502 Bad Gateway on the SCEP URL',
    kind: 'failure', severity: 'error', stage: 2,
    formats: ['device-log', 'plain-text'],
    match: {
      patterns: [/\b502 Bad Gateway\b/i],
      when: (record) => APP_PROXY_SCEP_URL.test(record.text),
    },
    message: 'Microsoft Entra application proxy answered 502 Bad Gateway for the SCEP URL: its connector reached no usable NDES answer.',
    meaning: 'With the SCEP URL published through application proxy, the device talks to the proxy and a connector forwards the call to NDES. 502 means a connector took the request but got no valid answer from the internal URL: it points to the wrong host or port, the connector cannot resolve or reach NDES, or TLS between connector and NDES fails. Unlike 504, a connector is running. Nothing of it appears in the NDES IIS log if the call never arrived.',
    causes: [
      'The internal URL of the application proxy app does not point to the NDES server name and port IIS listens on.',
      'The connector server cannot resolve or reach NDES (DNS, firewall), or rejects NDES\'s TLS certificate.',
    ],
    fix: [
      'From the connector server, open the internal URL (https://<ndes>/certsrv/mscep/mscep.dll) in a browser: it must answer 403.0.',
      'Correct the internal URL in the application proxy app, and the DNS/firewall path or NDES certificate trust on the connector server.',
      'Check the connector\'s event log (Microsoft AAD Application Proxy Connector / Admin) for the same time.',
    ],
    verify: ['The external SCEP URL answers 403.0 and the request appears in the NDES IIS log.'],
    link: SOURCES.anoopAppProxy,
    related: [SOURCES.deviceToNdes],
    samples: {
      positive: [
        "Received '502 Bad Gateway' when sending GetCACaps(ca) to https://ndes-contoso.msappproxy.net/certsrv/mscep/mscep.dll?operation=GetCACaps&message=ca",
      ],
      negative: [
        "Received '200 OK' when sending GetCACaps(ca) to https://ndes-contoso.msappproxy.net/certsrv/mscep/mscep.dll?operation=GetCACaps&message=ca",
        '502 Bad Gateway from https://intranet.contoso.com/portal',
      ],
    },
  }),
];
