#!/usr/bin/env bash
# Runs every check and test: formatting, lints, the engine's independence from Tauri, unit and
# acceptance tests, and the end-to-end suite driving the real window under Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh --test

# Reuse a build cache outside the clone when there is one (CI may keep it between runs).
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/fupan-target}"
export CARGO_TERM_COLOR=never

step() { printf '\n== %s\n' "$*"; }

step "format"
cargo fmt --all -- --check

step "engine has no Tauri in its dependency tree"
if cargo tree -p fupan-engine -e normal,build --prefix none | grep -qiE '^(tauri|wry|tao|webkit2gtk)'; then
  echo "fupan-engine must not depend on tauri/wry/tao/webkit" >&2
  exit 1
fi

step "no network: no HTTP client in the dependency tree"
# Fupan is offline by design: nothing in the shipped binary may be able to speak HTTP.
if cargo tree --workspace -e normal,build --prefix none \
  | grep -iE '^(reqwest|hyper|hyper-util|h2|ureq|curl|curl-sys|isahc|surf|attohttpc|minreq|ehttp|awc) '; then
  echo "an HTTP client is in the dependency tree (see above)" >&2
  exit 1
fi

step "clippy"
cargo clippy --workspace --all-targets -- -D warnings

step "unit and acceptance tests"
cargo test --workspace

if [[ -x tests/e2e/run.sh ]]; then
  step "end-to-end (real window under Xvfb)"
  tests/e2e/run.sh
fi

# A short fuzz run of every target (cargo-fuzz builds its own instrumented engine, without the
# report, ~4 CPU-minutes cold). FUPAN_FUZZ_SECONDS=0 skips it; README "Guarantees" has the
# longer runs.
fuzz_secs="${FUPAN_FUZZ_SECONDS:-10}"
if [[ "$fuzz_secs" -gt 0 ]]; then
  step "fuzz (${fuzz_secs}s per target)"
  scripts/fuzz.sh "$fuzz_secs"
fi
