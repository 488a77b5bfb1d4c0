#!/usr/bin/env bash
# Builds the Debian package: artifacts/deb/fupan_<version>_amd64.deb (install it with
# `sudo apt install ./artifacts/deb/fupan_*.deb`). Uses the Tauri CLI pinned in package.json.
#   scripts/deb.sh            # release build (size and speed tuned; the one to ship)
#   scripts/deb.sh --debug    # dev-profile build: reuses the test build, for packaging checks
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh --test   # build packages, plus node/npm for the Tauri CLI

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/fupan-target}"
profile=release
cli_args=(build --bundles deb --ci)
if [[ "${1:-}" == "--debug" ]]; then
  profile=debug
  cli_args+=(--debug)
fi

# `npm install` (not `npm ci`): npm 11 leaves the other platforms' optional CLI binaries out
# of the lock file and `npm ci` then refuses it. The CLI version is pinned exactly.
npm install --no-audit --no-fund --loglevel=error
start=$SECONDS
npx --no-install tauri "${cli_args[@]}"
echo "deb.sh: $profile build and bundle took $((SECONDS - start)) s"

version=$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' tauri.conf.json | head -1)
built=("$CARGO_TARGET_DIR/$profile/bundle/deb/"*"_${version}_amd64.deb")
[[ -f "${built[0]}" ]] || { echo "deb.sh: no .deb in $CARGO_TARGET_DIR/$profile/bundle/deb" >&2; exit 1; }
# Debian's file name convention: package_version_arch.deb (the bundler uses the product name).
mkdir -p artifacts/deb
out="artifacts/deb/fupan_${version}_amd64.deb"
cp "${built[0]}" "$out"
echo "deb.sh: $out"
