import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { test } from 'node:test';
import { checkJson, tempDir } from '../cli/run';
import { fixturePath } from '../support/paths';
import { describe } from './analyse';

/**
 * Issue 16: Microsoft's own success excerpts raise nothing above info, read as the log they come
 * from and pasted into a ticket. The seed article's excerpts are the golden seed fixtures; the
 * Notify excerpt is the reporting article's success case (signatures.md NDES-PLUGIN-SUCCESS [REP]).
 */
const NOTIFY_SUCCESS = 'Calling Notifyrequest ...\r\nSending request to certificate registration point.\r\nExiting Notify with 0x0\r\n';
const SEED_SUCCESS = ['pm-plugin-success/NDESPlugin.log', 'pm-iis-verify-success/u_ex200130.log', 'pm-crp-success/CertificateRegistrationPoint_01_30.svclog', 'pm-ca-success/u_ex200130.log'];

test('success excerpts (both seed articles, Microsoft\'s Notify call): nothing above info, as their log or pasted', () => {
  const t = tempDir();
  try {
    const paths: string[] = [];
    const put = (name: string, text: string): void => { const p = join(t.dir, name); writeFileSync(p, text); paths.push(p); };
    put('NDESPlugin.log', NOTIFY_SUCCESS);
    put('notify-pasted.txt', NOTIFY_SUCCESS);
    for (const [i, seed] of SEED_SUCCESS.entries()) {
      const source = fixturePath('golden', 'seeds', seed);
      const named = join(t.dir, `${String(i)}-${basename(source)}`);
      copyFileSync(source, named);
      paths.push(named);
      put(`${String(i)}-pasted.txt`, readFileSync(source, 'utf8'));
    }
    const { json } = checkJson(paths);
    assert.equal(json.files.length, paths.length);
    assert.ok(json.evidence.some((e) => e.ruleId === 'NDES-PLUGIN-SUCCESS' && basename(e.path) === 'NDESPlugin.log'), 'Exiting Notify with 0x0 is a success marker');
    const alarms = json.findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
    assert.equal(alarms.length, 0, `success excerpts raised:\n${describe(alarms)}`);
  } finally {
    t.done();
  }
});
