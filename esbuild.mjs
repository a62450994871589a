// One build script for the whole extension: the client, the language server and the CLI.
// Usage: node esbuild.mjs [--production] [--watch]
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};

/** Leaves `require(name)` to load `file` beside the bundle at run time. */
function apart(name, file) {
  return { name: `apart-${name}`, setup: (build) => { build.onResolve({ filter: new RegExp(`^${name}$`) }, () => ({ path: file, external: true })); } };
}

const builds = [
  // vscode-languageclient (about 95% of the client) is its own file, read only when the client starts
  // after activation: bundled in, every activation parsed it first.
  // (`import()` becomes `require()`: the extension host loads extensions as CommonJS.)
  {
    entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'],
    plugins: [apart('vscode-languageclient/node', './languageclient.js')], supported: { 'dynamic-import': false },
  },
  { entryPoints: [createRequire(import.meta.url).resolve('vscode-languageclient/node')], outfile: 'dist/languageclient.js', external: ['vscode'] },
  // recheck (team-signature ReDoS check, 3.5 MB) is its own file, loaded only when a team file is
  // read: bundled in, it cost every server start about 20 MB of memory and 70 ms.
  { entryPoints: ['server/src/node/main.ts'], outfile: 'dist/server.js', plugins: [apart('recheck', './recheck.js')] },
  // It is used with its in-process backend; its worker path is never taken.
  { entryPoints: [createRequire(import.meta.url).resolve('recheck')], outfile: 'dist/recheck.js', logOverride: { 'require-resolve-not-external': 'silent' } },
  // The CLI checks team signatures with the same recheck file, loaded only when a team file is read.
  { entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, plugins: [apart('recheck', './recheck.js')] },
  // The CLI's analysis workers, loaded by path from beside dist/cli.js (server/src/node/analysers.ts).
  { entryPoints: ['server/src/node/analyseWorker.ts'], outfile: 'dist/analyseWorker.js' },
  // The thread that renders an .evtx while the CLI's main thread runs the rules (server/src/node/evtxAside.ts).
  { entryPoints: ['server/src/node/evtxWorker.ts'], outfile: 'dist/evtxWorker.js' },
];

const contexts = await Promise.all(builds.map((b) => esbuild.context({ ...common, ...b })));
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('[esbuild] watching client, server and cli');
} else {
  const started = Date.now();
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
  console.log(`[esbuild] built dist/client.js, dist/languageclient.js, dist/server.js, dist/recheck.js, dist/cli.js, dist/analyseWorker.js, dist/evtxWorker.js${production ? ' (production)' : ''} in ${Date.now() - started} ms`);
}
