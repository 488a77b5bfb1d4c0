#!/usr/bin/env bash
# End-to-end tests of the real Fupan window (see tests/e2e/README.md):
#   tauri-driver → WebKitWebDriver (Debian: webkit2gtk-driver) → target/debug/fupan
# under Xvfb (1366×768) and a private D-Bus session. Screenshots: artifacts/screenshots/.
#   tests/e2e/run.sh            # build (feature e2e), install what is missing, run everything
#   SKIP_BUILD=1 tests/e2e/run.sh scenarios/01_first_run.test.mjs
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
cd "$ROOT"

CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
export PATH="$CARGO_BIN:$PATH"

need() { command -v "$1" >/dev/null 2>&1 || { echo "run.sh: $1 is required ($2)" >&2; exit 2; }; }
need node "Node.js ≥ 18"
need npm "npm"
need xvfb-run "apt install xvfb"
need dbus-run-session "apt install dbus"
need WebKitWebDriver "apt install webkit2gtk-driver"

if ! command -v tauri-driver >/dev/null 2>&1; then
  echo "run.sh: installing tauri-driver into $CARGO_BIN"
  cargo install tauri-driver --locked
fi

(cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error)

echo "run.sh: i18n check"
node --test "$HERE/i18n_check.mjs"

if [ "${SKIP_BUILD:-0}" != "1" ]; then
  echo "run.sh: cargo build --features e2e"
  cargo build --features e2e
fi
export FUPAN_APP="${FUPAN_APP:-${CARGO_TARGET_DIR:-$ROOT/target}/debug/fupan}"
export FUPAN_SHOTS="${FUPAN_SHOTS:-$ROOT/artifacts/screenshots}"
mkdir -p "$FUPAN_SHOTS"
export NO_AT_BRIDGE=1

if [ "$#" -gt 0 ]; then
  TESTS=()
  for t in "$@"; do TESTS+=("$HERE/$t"); done
else
  TESTS=("$HERE"/scenarios/*.test.mjs)
fi

echo "run.sh: scenarios: ${TESTS[*]##*/}"
# Each scenario file runs in its own node process (node:test runs a file directly).
cat > "$FUPAN_SHOTS/../run-scenarios.sh" <<'INNER'
status=0
for t in "$@"; do
  echo "run.sh: === ${t##*/}"
  node --test-reporter=spec "$t" || status=1
done
exit $status
INNER
status=0
dbus-run-session -- xvfb-run -a -s "-screen 0 1366x768x24" \
  bash "$FUPAN_SHOTS/../run-scenarios.sh" "${TESTS[@]}" 2>"$FUPAN_SHOTS/../e2e-stderr.log" || status=$?
echo "run.sh: app/driver stderr in $FUPAN_SHOTS/../e2e-stderr.log"
echo "run.sh: screenshots in $FUPAN_SHOTS"
exit $status
