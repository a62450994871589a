import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SCENARIOS, simulate } from '../support/simulate';

/** The simulator itself: deterministic, and writing what the issue lists a real server shows. */
const sim = simulate({ seed: 5, enrollments: 150 });
const file = (prefix: string): string => {
  const found = [...sim.files].find(([name]) => name.startsWith(prefix));
  assert.ok(found, `no ${prefix}* file among ${[...sim.files.keys()].join(', ')}`);
  return found[1];
};
const iis = [...sim.files].filter(([name]) => name.startsWith('u_ex')).map(([, text]) => text).join('');
const plugin = file('NDESPlugin.log');
const svclog = file('CertificateRegistrationPoint_');

test('same seed, same folder; another seed, another folder', () => {
  assert.deepEqual(simulate({ seed: 5, enrollments: 150 }).files, sim.files);
  assert.notDeepEqual(simulate({ seed: 6, enrollments: 150 }).files, sim.files);
});

test('IIS: every device kind, GET and POST PKIOperation, probes, the 403 bare browse, the 401.2 → 200 admin handshake', () => {
  for (const ua of ['profiled/1.0+CFNetwork/', 'Dalvik/2.1.0+(Linux;+U;+Android', 'Mozilla/4.0+(compatible;+Win32;+NDES+client)']) assert.ok(iis.includes(ua), ua);
  assert.match(iis, / GET \/certsrv\/mscep\/mscep\.dll\/pkiclient\.exe operation=PKIOperation&message=MII/);
  assert.match(iis, / POST \/certsrv\/mscep\/mscep\.dll(\/pkiclient\.exe)? operation=PKIOperation /);
  assert.match(iis, / GET \/certsrv\/mscep\/mscep\.dll - 443 .* 403 0 0 /);
  assert.match(iis, /operation=GetCACaps&message=default 443 - 10\.20\.30\.5 /, 'no load-balancer probe');
  const admin = iis.split('\r\n').filter((l) => l.includes('/certsrv/mscep_admin/'));
  assert.ok(admin.length >= 2);
  assert.match(admin[0] ?? '', / 401 2 5 /);
  assert.match(admin[1] ?? '', /CONTOSO\\ndesadmin .* 200 0 0 /);
});

test('IIS recycle: a second directive block with another #Fields list', () => {
  const fields = [...iis.matchAll(/^#Fields: (.*)$/gm)].map((m) => m[1]);
  assert.ok(fields.length >= 2, 'one #Fields line only');
  assert.ok(new Set(fields).size >= 2, 'the #Fields lists are all the same');
});

test('NDESPlugin.log: begins mid-call, Notify sends its request, calls overlap on different threads, ends in a call', () => {
  const lines = plugin.split('\r\n').filter((l) => l.length > 0);
  assert.match(lines[0] ?? '', /Verify challenge returns true/, 'the log should begin after a call\'s Calling/Sending lines');
  assert.match(plugin, /Calling Notifyrequest \.\.\.\]LOG\]!>.*\r\n<!\[LOG\[Sending request to certificate registration point\.\]/);
  // Two calls open at once, on two threads.
  const open = new Map<string, boolean>();
  let overlapped = false;
  for (const l of lines) {
    const thread = /thread="(\d+)"/.exec(l)?.[1] ?? '';
    if (l.includes('Calling VerifyRequest')) { if ([...open.values()].some(Boolean)) overlapped = true; open.set(thread, true); }
    if (l.includes('Exiting Notify')) open.set(thread, false);
  }
  assert.ok(overlapped, 'no VerifyRequest started while another call was open');
  assert.match(lines.at(-1) ?? '', /Sending request to certificate registration point/, 'the live log should end inside a call');
  assert.match(lines[1] ?? '', /time="\d\d:\d\d:\d\d\.\d{3}-60" date="\d\d-\d\d-\d{4}"/, 'local time with its bias');
});

test('svclog: requests interleave by ActivityID', () => {
  const ids = [...svclog.matchAll(/ActivityID="\{([^}]+)\}"/g)].map((m) => m[1]);
  let switches = 0;
  const closed = new Set<string>();
  for (let i = 1; i < ids.length; i++) if (ids[i] !== ids[i - 1]) { if (closed.has(ids[i] ?? '')) switches++; closed.add(ids[i - 1] ?? ''); }
  assert.ok(switches > 0, 'no activity resumes after another one wrote');
});

test('HTTPERR: idle connections closed by http.sys (Timer_ConnectionIdle), directive block first', () => {
  const httperr = file('httperr');
  assert.match(httperr, /^#Software: Microsoft HTTP API 2\.0\r\n/);
  assert.match(httperr, / 443 - - - - - - Timer_ConnectionIdle -\r\n/);
});

test('NDESPlugin.log in SMS-trace framing: component, local time with bias, thread', () => {
  const sms = simulate({ seed: 5, enrollments: 20, pluginFraming: 'smstrace' }).files.get('NDESPlugin.log') ?? '';
  assert.match(sms, /^Verify challenge returns true \$\$<NDESPlugin><\d\d-\d\d-\d{4} \d\d:\d\d:\d\d\.\d{3}-060><thread=\d+ \(0x[0-9A-F]+\)>\r\n/);
  assert.ok(!sms.includes('<![LOG['));
});

test('events: connector and NDES informational events as Event XML', () => {
  assert.match(file('NDES01-MicrosoftIntuneConnector'), /<EventID>20500<\/EventID>.*<Level>4<\/Level>/);
  assert.match(file('NDES01-MicrosoftIntuneConnector'), /<EventID>20600<\/EventID>/);
  assert.match(file('NDES01-MicrosoftIntuneConnector'), /<EventID>20400<\/EventID>/);
  assert.match(file('NDES01-Application'), /NetworkDeviceEnrollmentService.*<EventID>1<\/EventID>/);
});

test('every scenario changes lines of its own enrollment, and names its rules and stage', () => {
  for (const s of SCENARIOS) {
    const injected = simulate({ seed: 5, enrollments: 150, inject: [{ scenario: s.id, at: 40 }] });
    const [truth] = injected.truth;
    assert.ok(truth);
    assert.equal(truth.enrollment, 40);
    assert.ok(truth.ruleIds.length > 0 && truth.stage >= 1 && truth.stage <= 6);
    assert.ok(truth.injectedLines.length > 0, `${s.id} wrote no line`);
    for (const p of truth.injectedLines) assert.ok(truth.lines.includes(p), `${s.id}: ${p.file}:${p.line} is not enrollment 40's`);
    assert.notDeepEqual(injected.files, sim.files, s.id);
  }
  assert.throws(() => simulate({ seed: 1, enrollments: 5, inject: [{ scenario: 'no-such', at: 1 }] }), /unknown scenario/);
  assert.throws(() => simulate({ seed: 1, enrollments: 5, inject: [{ scenario: 'cn-invalid', at: 5 }] }), /cannot inject/);
});
