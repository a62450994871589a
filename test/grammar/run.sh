#!/usr/bin/env bash
# Grammar tests for syntaxes/*.tmLanguage.json (run from anywhere; `npm run test:grammar` runs it from the root).
#
# Per format, with the grammar (-g) and scope named explicitly because every format may end in .log:
#   1. assertion files  test/grammar/<language-id>/*.test.*   vscode-tmgrammar-test
#   2. snapshot files   test/grammar/snap/*.<language-id>     vscode-tmgrammar-snap against the committed .snap
# plus lint.mjs (static checks on the grammar JSON, first), perf.mjs (long lines tokenise in linear time)
# and manifest.mjs (package.json contributes the grammars; skipped while it does not).
#
# Each test file counts once in the closing "N passed, N failed[, N skipped]" line; any failure exits 1.
# UPDATE_SNAPSHOTS=1 rewrites the .snap files instead of comparing (review the diff before committing).
# GRAMMAR_PERF=0 skips the perf check (counted as skipped).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
shopt -s nullglob

BIN=node_modules/.bin
CONFIG=test/grammar/tmgrammar.config.json
for tool in vscode-tmgrammar-test vscode-tmgrammar-snap; do
  if [[ ! -x "$BIN/$tool" ]]; then
    echo "error: $BIN/$tool not found; run npm ci first" >&2
    echo "0 passed, 1 failed"
    exit 1
  fi
done

passed=0 failed=0 skipped=0
started=$SECONDS

# run_tool LABEL EXPECTED_FILE_COUNT CMD...: runs one tool invocation, shows its output, and counts its
# "run successfully" lines per file; if the tool fails without naming a failing file, every file counts as failed.
run_tool() {
  local label=$1 total=$2 rc=0 out ok
  shift 2
  out=$("$@" 2>&1) || rc=$?
  printf '%s\n' "$out"
  ok=$(grep -c 'run successfu' <<<"$out" || true)
  if ((rc != 0 && ok >= total)); then ok=0; fi
  if ((rc == 0 && ok < total)); then ok=$total; fi # e.g. snapshot files just generated in update mode
  passed=$((passed + ok))
  failed=$((failed + total - ok))
  echo "-- $label: $ok of $total passed (exit $rc)"
}

# check_format LANGUAGE_ID ASSERTION_EXTENSION
check_format() {
  local lang=$1 ext=$2
  local grammar="syntaxes/$lang.tmLanguage.json" scope="source.$lang"
  local asserts=(test/grammar/"$lang"/*.test."$ext") snaps=() missing=0 src
  echo "== $lang ($scope, $grammar)"
  if ((${#asserts[@]} == 0)); then
    echo "no assertion files in test/grammar/$lang/"
    failed=$((failed + 1))
  else
    run_tool "$lang assertions" "${#asserts[@]}" \
      "$BIN/vscode-tmgrammar-test" --config "$CONFIG" -g "$grammar" "${asserts[@]}"
  fi

  for src in test/grammar/snap/*."$lang"; do snaps+=("$src"); done
  if ((${#snaps[@]} == 0)); then
    echo "no snapshot sources test/grammar/snap/*.$lang"
    failed=$((failed + 1))
    return
  fi
  if [[ "${UPDATE_SNAPSHOTS:-0}" == 1 ]]; then
    run_tool "$lang snapshots (update)" "${#snaps[@]}" \
      "$BIN/vscode-tmgrammar-snap" --config "$CONFIG" -g "$grammar" -s "$scope" --updateSnapshot "${snaps[@]}"
    return
  fi
  # the snapshot tool silently creates a missing .snap and passes; a missing snapshot is a failure here
  local present=()
  for src in "${snaps[@]}"; do
    if [[ -f "$src.snap" ]]; then present+=("$src"); else
      echo "missing snapshot $src.snap (run UPDATE_SNAPSHOTS=1 npm run test:grammar and commit it)"
      missing=$((missing + 1))
    fi
  done
  failed=$((failed + missing))
  if ((${#present[@]} > 0)); then
    run_tool "$lang snapshots" "${#present[@]}" \
      "$BIN/vscode-tmgrammar-snap" --config "$CONFIG" -g "$grammar" -s "$scope" "${present[@]}"
  fi
}

echo "== grammar lint (test/grammar/lint.mjs)"
if node test/grammar/lint.mjs; then passed=$((passed + 1)); else failed=$((failed + 1)); fi

check_format iis-w3c-log iis
check_format ndesplugin-log ndesplugin
check_format wcf-svclog svclog
check_format httperr-log httperr
check_format windows-event-log evtx
check_format setupmsi-log setupmsi
check_format cmtrace-log cmtrace
check_format device-log device
check_format ndes-lens-failures failures

echo "== linear-time check (test/grammar/perf.mjs)"
if [[ "${GRAMMAR_PERF:-1}" == 0 ]]; then
  echo "skipped (GRAMMAR_PERF=0)"
  skipped=$((skipped + 1))
elif node test/grammar/perf.mjs; then
  passed=$((passed + 1))
else
  failed=$((failed + 1))
fi

echo "== package.json contributions (test/grammar/manifest.mjs)"
rc=0
node test/grammar/manifest.mjs || rc=$?
case $rc in
  0) passed=$((passed + 1)) ;;
  2) skipped=$((skipped + 1)) ;;
  *) failed=$((failed + 1)) ;;
esac

echo "grammar tests finished in $((SECONDS - started)) s"
if ((skipped > 0)); then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
((failed == 0))
