import { newDevice, type Device } from './devices';
import type { Entry, EventSpec, IisRequest } from './model';
import type { Random } from './random';
import { connectorEvent, HEALTHY, NDES_HOST, type EnrollmentShape } from './scenarios';

/**
 * The day's traffic as entries: per enrollment the device's requests, the policy module's calls on
 * a w3wp thread, the CRP trace, the connector's events; around them probes, the admin page and an
 * IIS recycle. Times follow how IIS logs (a request's line is written when it completes, so the
 * plugin's VerifyRequest and Notify lines come before the device's PKIOperation line).
 */
export const SERVER_IP = '10.20.30.11';
const HOST = 'ndes01.contoso.com';
const PLUGIN_AGENT = 'NDES_Plugin';
const THREADS = [3860, 4728, 5412, 6124, 7016, 7448, 8120, 9036];

export interface EnrollmentPlan {
  readonly index: number | undefined;
  readonly start: number;
  readonly shape: EnrollmentShape;
  readonly injected: boolean;
  /** The policy-module log begins after this call's `Calling`/`Sending` lines (roll-over). */
  readonly rolledOver?: boolean;
  /** The logs end while this request is in progress (a live log). */
  readonly inProgress?: boolean;
  /** The device enrolls again (a retry after a failure); a new or returning device otherwise. */
  readonly device?: Device;
}

export interface Enrolled {
  /** When the enrollment's last line is written. */
  readonly end: number;
  readonly device: Device;
}

export class Traffic {
  readonly entries: Entry[] = [];
  private readonly busyUntil = new Map<number, number>();
  private readonly devices: Device[] = [];
  private caRequestId = 4700;

  constructor(private readonly r: Random) {}

  private push(e: Entry): void {
    this.entries.push(e);
  }

  private iis(t: number, request: Omit<IisRequest, 'host'>, tag: Tag): void {
    this.push({ log: 'iis', t, request: { ...request, host: HOST }, ...tag });
  }

  private device(index: number | undefined): Device {
    // A tenth of the enrollments are renewals: a device seen before enrolls again.
    const earlier = this.devices.length > 0 && this.r.chance(0.1) ? this.r.pick(this.devices) : undefined;
    if (earlier) return earlier;
    const d = newDevice(this.r, index ?? this.devices.length);
    this.devices.push(d);
    return d;
  }

  /** A w3wp thread not serving another request at `t`. */
  private thread(t: number, until: number): number {
    const free = THREADS.filter((th) => (this.busyUntil.get(th) ?? 0) < t);
    const th = this.r.pick(free.length > 0 ? free : THREADS);
    this.busyUntil.set(th, until);
    return th;
  }

  /** Writes one enrollment. */
  enrollment(plan: EnrollmentPlan): Enrolled {
    const dev = plan.device ?? this.device(plan.index);
    const end = this.requests(plan, dev);
    // Clients often leave the TLS connection open; http.sys closes it after two idle minutes.
    if (!plan.inProgress && this.r.chance(0.3)) this.httpErr(end + 120_000, dev.clientIp, '- - - - - - Timer_ConnectionIdle -', {});
    return { end, device: dev };
  }

  private httpErr(t: number, clientIp: string, rest: string, tag: Tag): void {
    this.push({ log: 'httperr', t, clientIp, clientPort: this.r.int(49152, 65535), rest, ...tag });
  }

  /** The enrollment's requests and what they cause in the other logs; returns the time of the last line. */
  private requests(plan: EnrollmentPlan, dev: Device): number {
    const r = this.r;
    const s = plan.shape;
    const base: Tag = plan.index === undefined ? {} : { enrollment: plan.index };
    const hit: Tag = { ...base, ...(plan.injected ? { injected: true } : {}) };
    const ms = (min: number, max: number): number => r.int(min, max);
    let t = plan.start;

    // GetCACaps / GetCACert, in the client's order; a retrying client asks twice.
    const caOps = dev.certFirst ? ['GetCACert', 'GetCACaps'] : ['GetCACaps', 'GetCACert'];
    const rounds = r.chance(0.08) ? 2 : 1;
    for (let round = 0; round < rounds; round++) {
      for (const op of caOps) {
        const taken = ms(0, 46);
        t += taken + ms(30, 400);
        const failed = s.caStatus !== HEALTHY.caStatus;
        this.iis(t, { method: 'GET', stem: dev.stem, query: `operation=${op}&message=${dev.caMessage}`, username: '-', clientIp: dev.clientIp, userAgent: dev.userAgent, status: s.caStatus, timeTakenMs: taken }, failed ? hit : base);
        if (failed) return t;
      }
    }

    const p = t + ms(100, 700);
    if (s.httpSysRefusal !== null) {
      // Only a GET carries the message in the URL, so only a GET can be too long for http.sys.
      const uri = `${dev.stem}?operation=PKIOperation&message=${encodeURIComponent(r.base64(r.int(3000, 6000)))}`;
      this.httpErr(p, dev.clientIp, `HTTP/1.1 GET ${uri} - ${s.httpSysRefusal} -`, hit);
      return p;
    }
    const pkiQuery = dev.postPkiOperation ? 'operation=PKIOperation' : `operation=PKIOperation&message=${encodeURIComponent(r.base64(r.int(180, 600)))}`;
    const pki = (at: number, status: string, tag: Tag): void => {
      this.iis(at, { method: dev.postPkiOperation ? 'POST' : 'GET', stem: dev.stem, query: pkiQuery, username: '-', clientIp: dev.clientIp, userAgent: dev.userAgent, status, timeTakenMs: at - p }, tag);
    };
    if (!s.policyModule) {
      const end = p + ms(20, 60);
      pki(end, s.pkiStatus, s.pkiStatus === HEALTHY.pkiStatus ? base : hit);
      return end;
    }

    // The policy module's calls run on the w3wp thread that serves this PKIOperation.
    const thread = this.thread(p, p + 5000);
    const plugin = (at: number, text: string, tag: Tag, type: 1 | 2 | 3 = 1): void => {
      this.push({ log: 'plugin', t: at, thread, message: { text, type }, ...tag });
    };
    const c = p + ms(5, 30);
    if (!plan.rolledOver) {
      plugin(c, 'Calling VerifyRequest ...', base);
      plugin(c + 1, 'Sending request to certificate registration point.', base);
    }
    let crpEnd = c + ms(120, 300);
    if (s.crpTrace) {
      const activity = r.guid();
      let at = c + ms(20, 60);
      const trace = plan.inProgress ? s.crpTrace.slice(0, 2) : s.crpTrace;
      const traceHit = s.crpTrace === HEALTHY.crpTrace ? base : hit;
      for (const m of trace) {
        this.push({ log: 'svclog', t: at, activity, thread: r.int(10, 40), message: m, ...traceHit });
        at += ms(1, 40);
      }
      crpEnd = at + ms(2, 10);
    }
    if (plan.inProgress) return crpEnd;
    const crpHit = s.crpStatus === HEALTHY.crpStatus ? base : hit;
    if (s.crpStatus !== null) this.iis(crpEnd, { method: 'POST', stem: '/CertificateRegistrationSvc/Certificate/VerifyRequest', query: '-', username: '-', clientIp: SERVER_IP, userAgent: PLUGIN_AGENT, status: s.crpStatus, timeTakenMs: crpEnd - c }, crpHit);

    const answerHit = s.verifyAnswer === HEALTHY.verifyAnswer ? base : hit;
    let at = crpEnd + ms(1, 5);
    for (const m of s.verifyAnswer) { plugin(at, m.text, answerHit, m.type); at += 1; }
    if (s.crpTrace) this.event(at + 4, s.verifyEvent, s.verifyEvent === HEALTHY.verifyEvent ? base : hit);

    if (s.verified) {
      const issuedAt = at + ms(200, 700);
      at = issuedAt;
      if (s.issued) {
        const n = issuedAt + ms(20, 80);
        plugin(n, 'Calling Notifyrequest ...', base);
        plugin(n + 1, 'Sending request to certificate registration point.', base);
        const done = n + ms(40, 120);
        this.iis(done, { method: 'POST', stem: '/CertificateRegistrationSvc/Certificate/Notify', query: '-', username: '-', clientIp: SERVER_IP, userAgent: PLUGIN_AGENT, status: '204 0 0', timeTakenMs: done - n }, base);
        plugin(done + ms(2, 8), 'Exiting Notify with 0x0', base);
        at = done + 10;
        this.event(at, s.notifyEvent, s.notifyEvent === HEALTHY.notifyEvent ? base : hit);
      } else {
        const id = this.caRequestId;
        for (const [i, e] of s.caEvents.entries()) {
          const message = e.message?.replace('{requestId}', String(id)).replace('{subject}', `CN=${dev.name}`);
          this.event(issuedAt - 20 * (s.caEvents.length - i), message === undefined ? e : { ...e, message }, hit);
        }
      }
      this.caRequestId++;
    }
    const end = at + ms(5, 30);
    pki(end, s.pkiStatus, s.pkiStatus === HEALTHY.pkiStatus ? base : hit);
    this.busyUntil.set(thread, end);
    return end;
  }

  event(t: number, event: EventSpec, tag: Tag): void {
    this.push({ log: 'event', t, event, ...tag });
  }

  /** A load balancer's health probe: capabilities, no user agent. */
  probe(t: number): void {
    this.iis(t, { method: 'GET', stem: '/certsrv/mscep/mscep.dll/pkiclient.exe', query: 'operation=GetCACaps&message=default', username: '-', clientIp: '10.20.30.5', userAgent: '-', status: '200 0 0', timeTakenMs: this.r.int(0, 4) }, {});
  }

  /** Monitoring browses the bare SCEP URL; with the Intune policy module installed it gets 403 ([D2N]). */
  monitor(t: number): void {
    this.iis(t, { method: 'GET', stem: '/certsrv/mscep/mscep.dll', query: '-', username: '-', clientIp: '10.20.50.9', userAgent: 'Mozilla/5.0+(Windows+NT;+Windows+NT+10.0;+en-US)+WindowsPowerShell/5.1.17763.316', status: '403 0 0', timeTakenMs: this.r.int(1, 15) }, {});
  }

  /** An admin opens mscep_admin: the anonymous request gets 401.2, the authenticated one 200. */
  admin(t: number): void {
    const ua = 'Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64;+Trident/7.0;+rv:11.0)+like+Gecko';
    this.iis(t, { method: 'GET', stem: '/certsrv/mscep_admin/', query: '-', username: '-', clientIp: '10.20.50.10', userAgent: ua, status: '401 2 5', timeTakenMs: this.r.int(0, 3) }, {});
    this.iis(t + this.r.int(20, 300), { method: 'GET', stem: '/certsrv/mscep_admin/', query: '-', username: 'CONTOSO\\ndesadmin', clientIp: '10.20.50.10', userAgent: ua, status: '200 0 0', timeTakenMs: this.r.int(60, 400) }, {});
  }

  /** The legacy connector fetching work from Intune (20400 Download_Success, codes.md §7). */
  connectorPoll(t: number): void {
    this.event(t, connectorEvent(20400, 4, '0x00000000'), {});
  }

  /** NDES's own start event after a recycle (event 1, no insertion strings; codes.md §9). */
  ndesStarted(t: number): void {
    this.event(t, { file: 'NDES01-Application.xml', provider: 'Microsoft-Windows-NetworkDeviceEnrollmentService', providerGuid: '{73144342-19d1-47a4-94de-d38e6a054ad5}', channel: 'Application', computer: NDES_HOST, id: 1, level: 4 }, {});
  }
}

type Tag = { readonly enrollment?: number; readonly injected?: boolean };
