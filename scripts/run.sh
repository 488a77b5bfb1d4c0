#!/usr/bin/env bash
# Sets up and starts Fupan: installs system packages, builds, opens the window.
# The first-run screen has a "Load sample data" button to explore at once.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
cargo build --release
exec target/release/fupan "$@"
