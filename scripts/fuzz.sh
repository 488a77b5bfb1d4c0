#!/usr/bin/env bash
# Fuzzes the engine's parsers with cargo-fuzz (libFuzzer): header detection (`header`), cell
# cleaning of money, dates and ids (`clean`) and the whole import of one in-memory file
# (`import`, seeded with tests/fixtures), each for SECONDS (default 60):
#   scripts/fuzz.sh            # a minute per target
#   scripts/fuzz.sh 1800       # a longer run
#   FUZZ_SANITIZER=address scripts/fuzz.sh 3600   # with AddressSanitizer (C code: SQLite)
# A crash stops the run and is saved in fuzz/artifacts/<target>/; replay it with
# `RUSTC_BOOTSTRAP=1 cargo fuzz run <target> <file>` and turn it into a regression test named
# after what it caught (src-tauri/engine/tests/fuzz_regressions.rs).
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-60}"
# cargo-fuzz passes nightly-only flags; the stable toolchain accepts them this way.
export RUSTC_BOOTSTRAP=1
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
for target in header clean import; do
  corpus="fuzz/corpus/$target"
  mkdir -p "$corpus"
  seeds=()
  if [[ $target == import ]]; then
    seeds=(tests/fixtures/*/)
  fi
  echo "== fuzz $target for ${secs}s"
  cargo fuzz run --sanitizer "${FUZZ_SANITIZER:-none}" "$target" "$corpus" "${seeds[@]}" -- \
    -max_total_time="$secs" -max_len=262144 -rss_limit_mb=2048 -timeout=20 -print_final_stats=1
done
