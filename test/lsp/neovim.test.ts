import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT, fixturePath } from '../support/paths';

/**
 * Another editor's LSP client: Neovim's built-in client (Debian's neovim) starts dist/server.js
 * --stdio on the IIS seed excerpt and must show the same rule id and hover as VS Code.
 */
const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });

test('neovim: the built-in LSP client shows the same diagnostics and hover', { skip: nvim.status !== 0 ? 'nvim is not installed (apt-get install neovim)' : false }, () => {
  const file = fixturePath('golden/seeds/pm-403/u_ex200130.log');
  const run = spawnSync('nvim', ['--headless', '--clean', '-c', `luafile ${join(REPO_ROOT, 'test/neovim/lsp_check.lua')}`, file], {
    encoding: 'utf8', timeout: 30_000,
    env: { ...process.env, LSP_SERVER: join(REPO_ROOT, 'dist/server.js'), EXPECT_CODES: 'NDES-IIS-CRP-403-16' },
  });
  const out = `${run.stdout}${run.stderr}`;
  assert.equal(run.status, 0, out);
  assert.match(out, /DIAG 2:1 NDES-IIS-CRP-403-16 ndes-lens/);
  assert.match(out, /HOVER .*0x800B0109.*CERT_E_UNTRUSTEDROOT/);
});
