#!/usr/bin/env bash
# Issue 8's benchmark, on demand (not part of scripts/test.sh):
#   scripts/bench.sh            # 1,000,000 order lines
#   BENCH_LINES=100000 scripts/bench.sh
# Builds `fupan` (CLI and the shipped .deb), the helpers of bench/ and bench/hello (own
# workspaces) in release, makes bench-out/venv (pandas, openpyxl, duckdb from PyPI), generates
# the data once (bench-out/data: one year; bench-out/data5: five years; stamped), then runs
# scripts/bench.py: one line per figure and bench-out/results.json.
# BENCH_REPEAT (default 3, median) and BENCH_PANDAS_REPEAT (default 1; 0 skips pandas) set the
# runs; BENCH_PARTS=import,settle,years,window,size (default all) picks the sections.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
LINES="${BENCH_LINES:-1000000}"
OUT="$ROOT/bench-out"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
export CARGO_TARGET_DIR="$TARGET"
mkdir -p "$OUT"
# GNU time reads peak RSS (scripts/bench.py's run_rss says why not wait4); Xvfb, the window.
scripts/deps.sh --bench

# Figures 1-5 and 8-10 run `fupan` built without the window (`--no-default-features`: the
# same engine and CLI, none of the ~170 GUI libraries the desktop build loads at every start);
# figures 6, 7 and 11 run the shipped build: scripts/deb.sh's release .deb and its binary,
# beside bench/hello (a hello-world Tauri 2 app, same Tauri, profile and bundler). Both fupan
# builds write target/release/fupan: the CLI one is kept aside.
echo "bench: cargo build --release (fupan without the window; bench/: bench_gen, bench_calamine)"
mkdir -p "$OUT/bin"
cargo build --release --no-default-features --bin fupan
cp "$TARGET/release/fupan" "$OUT/bin/fupan-cli"
(cd bench && CARGO_TARGET_DIR="$TARGET" cargo build --release)
echo "bench: scripts/deb.sh (the shipped .deb) and bench/hello's .deb"
scripts/deb.sh
npm install --no-audit --no-fund --loglevel=error
(cd bench/hello && CARGO_TARGET_DIR="$TARGET" "$ROOT/node_modules/.bin/tauri" build --bundles deb --ci)
HELLO_DEB=("$TARGET/release/bundle/deb/Hello_"*_amd64.deb)

if [ ! -x "$OUT/venv/bin/python" ] || ! "$OUT/venv/bin/python" -c "import pandas, openpyxl, duckdb" 2>/dev/null; then
  echo "bench: making $OUT/venv (pandas, openpyxl, duckdb)"
  python3 -m venv "$OUT/venv"
  "$OUT/venv/bin/pip" install --quiet pandas openpyxl duckdb
fi

# The generator's source is part of the stamp: changing the data regenerates it.
gen() { # DIR STAMP ARGS…: bench_gen once per stamp
  local dir="$1" stamp="$2"; shift 2
  if [ "$(cat "$dir/STAMP" 2>/dev/null)" != "$stamp" ]; then
    echo "bench: generating $dir ($*)"
    rm -rf "$dir"
    "$@"
    echo "$stamp" > "$dir/STAMP"
  fi
}
GEN="$TARGET/release/bench_gen"
GEN_HASH=$(sha256sum bench/src/bin/bench_gen.rs | cut -c1-16)
gen "$OUT/data" "lines=$LINES gen=$GEN_HASH" "$GEN" "$OUT/data" "$LINES"
# Figures 8-10: a 100k-line year, then five years of 1M Taobao lines (CSV) and their ads.
five() {
  "$GEN" "$OUT/data5" 100000 2025 csv,ads
  for year in 2026 2027 2028 2029 2030; do "$GEN" "$OUT/data5" 1000000 "$year" csv,ads; done
}
gen "$OUT/data5" "five-years gen=$GEN_HASH" five

BENCH_OUT="$OUT" BENCH_LINES="$LINES" BENCH_FUPAN="$OUT/bin/fupan-cli" \
  BENCH_FUPAN_WINDOW="$TARGET/release/fupan" BENCH_FUPAN_DEB="$(ls "$ROOT"/artifacts/deb/fupan_*_amd64.deb | head -1)" \
  BENCH_HELLO="$TARGET/release/hello-tauri" BENCH_HELLO_DEB="${HELLO_DEB[0]}" \
  BENCH_CALAMINE="$TARGET/release/bench_calamine" \
  exec "$OUT/venv/bin/python" scripts/bench.py
