#!/usr/bin/env bash
# Issue 8's benchmark, on demand (not part of scripts/test.sh):
#   scripts/bench.sh            # 1,000,000 order lines
#   BENCH_LINES=100000 scripts/bench.sh
# Builds `fupan` and the helpers of bench/ (own workspace) in release, makes bench-out/venv (pandas,
# openpyxl, duckdb from PyPI), generates the data once per size (bench-out/data, stamped),
# then runs scripts/bench.py: one line per figure and bench-out/results.json.
# BENCH_REPEAT (default 3, median) and BENCH_PANDAS_REPEAT (default 1) set the runs.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
LINES="${BENCH_LINES:-1000000}"
OUT="$ROOT/bench-out"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
mkdir -p "$OUT"

# Figures 1-5 run `fupan` built without the window (`--no-default-features`: the same engine
# and CLI, none of the ~170 GUI libraries the desktop build loads at every start); figure 6
# runs the desktop build. Both builds write target/release/fupan: the CLI one is kept aside.
echo "bench: cargo build --release (fupan without the window; fupan; bench/: bench_gen, bench_calamine)"
mkdir -p "$OUT/bin"
cargo build --release --no-default-features --bin fupan
cp "$TARGET/release/fupan" "$OUT/bin/fupan-cli"
cargo build --release --bin fupan
(cd bench && CARGO_TARGET_DIR="$TARGET" cargo build --release)

if [ ! -x "$OUT/venv/bin/python" ] || ! "$OUT/venv/bin/python" -c "import pandas, openpyxl, duckdb" 2>/dev/null; then
  echo "bench: making $OUT/venv (pandas, openpyxl, duckdb)"
  python3 -m venv "$OUT/venv"
  "$OUT/venv/bin/pip" install --quiet pandas openpyxl duckdb
fi

# The generator's source is part of the stamp: changing the data regenerates it.
STAMP="lines=$LINES gen=$(sha256sum bench/src/bin/bench_gen.rs | cut -c1-16)"
if [ "$(cat "$OUT/data/STAMP" 2>/dev/null)" != "$STAMP" ]; then
  echo "bench: generating $LINES lines into $OUT/data"
  rm -rf "$OUT/data"
  "$TARGET/release/bench_gen" "$OUT/data" "$LINES"
  echo "$STAMP" > "$OUT/data/STAMP"
fi

BENCH_OUT="$OUT" BENCH_LINES="$LINES" BENCH_FUPAN="$OUT/bin/fupan-cli" \
  BENCH_FUPAN_WINDOW="$TARGET/release/fupan" \
  BENCH_CALAMINE="$TARGET/release/bench_calamine" \
  exec "$OUT/venv/bin/python" scripts/bench.py
