import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Ajv2020 from 'ajv/dist/2020';
import { REPO_ROOT } from '../support/paths';
import { checkJson, cli, FIXTURE_FOLDERS, tempDir } from './run';

const SCHEMA = join(REPO_ROOT, 'node_modules/@microsoft/sarif-multitool-linux/sarif-2.1.0.json');
const MULTITOOL = join(REPO_ROOT, 'node_modules/.bin/sarif-multitool');

interface SarifLog {
  version: string;
  runs: {
    tool: { driver: { rules: { id: string; shortDescription: { text: string }; fullDescription: { text: string }; helpUri?: string; defaultConfiguration: { level: string } }[] } };
    results: { ruleId: string; ruleIndex: number; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number; endLine: number; endColumn: number } } }[] }[];
  }[];
}

function validator(): (data: unknown) => string[] {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  ajv.addFormat('uri', (s: string) => URL.canParse(s));
  ajv.addFormat('uri-reference', (s: string) => URL.canParse(s, 'file:///base/'));
  ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
  const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')) as object);
  return (data) => (validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`));
}

test('sarif: valid SARIF 2.1.0 (JSON schema and Microsoft\'s validator), one rule per id, one result per finding', () => {
  const t = tempDir();
  try {
    const schema = validator();
    for (const folder of FIXTURE_FOLDERS) {
      const out = join(t.dir, `${folder.replace(/\W+/g, '-')}.sarif`);
      const run = cli(['check', folder, '--format', 'sarif', '--out', out]);
      assert.ok(run.status === 0 || run.status === 1, run.stderr);
      const log = JSON.parse(readFileSync(out, 'utf8')) as SarifLog;
      assert.deepEqual(schema(log), [], `${folder}: schema`);

      const { json } = checkJson([folder]);
      const sarifRun = log.runs[0];
      assert.ok(sarifRun);
      assert.equal(log.version, '2.1.0');
      assert.equal(sarifRun.results.length, json.findings.length);
      const ids = [...new Set(json.findings.map((f) => f.ruleId))].sort();
      assert.deepEqual(sarifRun.tool.driver.rules.map((r) => r.id), ids);
      for (const r of sarifRun.tool.driver.rules) {
        assert.ok(r.shortDescription.text && r.fullDescription.text && r.defaultConfiguration.level, r.id);
        if (!r.id.startsWith('NDES-LENS-')) assert.match(r.helpUri ?? '', /^https:\/\//, r.id);
      }
      sarifRun.results.forEach((res, i) => {
        const f = json.findings[i];
        assert.ok(f);
        assert.equal(res.ruleId, f.ruleId);
        assert.equal(sarifRun.tool.driver.rules[res.ruleIndex]?.id, f.ruleId);
        const loc = res.locations[0]?.physicalLocation;
        assert.equal(loc?.artifactLocation.uri, f.path);
        assert.deepEqual(loc.region, { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn });
      });

      const tool = spawnSync(MULTITOOL, ['validate', out], { encoding: 'utf8' });
      assert.equal(tool.status, 0, `${folder}: sarif-multitool exit ${String(tool.status)}\n${tool.stdout}${tool.stderr}`);
      assert.doesNotMatch(tool.stdout, /: error /, `${folder}: sarif-multitool\n${tool.stdout}`);
    }
  } finally { t.done(); }
});
