#!/usr/bin/env bash
# The README's test command. `npm test` runs every layer; `npm run test:fast` skips the
# real-VS-Code e2e layer for quick iteration. Any failing step fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-all}"
started=$SECONDS
step() { printf '\n=== %s (%ss)\n' "$*" "$((SECONDS - started))"; }

if [[ "$mode" == "all" ]]; then
  # Installed first: the stdio layer also drives Neovim's LSP client, the e2e layer needs the workbench.
  step "install the real VS Code workbench (code-server), Chromium and Neovim"; bash scripts/install-e2e.sh
fi
step "type-check (tsc -b)";            npx tsc -b
step "lint (eslint, zero warnings)";   npx eslint --max-warnings 0 .
step "bundle (esbuild)";               node esbuild.mjs
step "unit, catalogue and golden tests (node:test)"; node --test out/test/unit/ out/test/golden/
step "language server over stdio, also from Neovim (node:test)"; node --test out/test/lsp/
step "command line over the bundled dist/cli.js (node:test)"; node --test out/test/cli/
step "fuzz share, hostile input, ReDoS checks (node:test)"; node --test out/test/fuzz/ out/test/hostile/
step "TextMate grammars (vscode-tmgrammar-test)";    bash test/grammar/run.sh
step "package (.vsix)";                npm run --silent package
step "simulated NDES server: healthy traffic is silent, injected failures found (node:test)"; node --test out/test/sim/
if [[ "$mode" == "all" ]]; then
  step "end-to-end in real VS Code (code-server + Chromium)";           E2E_SKIP_BUILD=1 node test/e2e/run.mjs
fi
step "every layer passed ($mode)"
