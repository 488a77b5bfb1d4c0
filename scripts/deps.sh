#!/usr/bin/env bash
# Installs the Debian 12 packages Fupan needs to build, test and run; skips what is there.
# Usage: scripts/deps.sh [--test|--bench]   (--test adds the end-to-end and report test tools;
# --bench adds what scripts/bench.sh needs besides them)
set -euo pipefail

pkgs=(build-essential pkg-config curl file libwebkit2gtk-4.1-dev libayatana-appindicator3-dev
      librsvg2-dev libxdo-dev libssl-dev fonts-noto-cjk)
if [[ "${1:-}" == "--test" ]]; then
  pkgs+=(xvfb xauth dbus-x11 webkit2gtk-driver poppler-utils librsvg2-bin)
  # Node may come from elsewhere (with its own npm); Debian's only when there is none.
  command -v node >/dev/null 2>&1 || pkgs+=(nodejs)
  command -v npm >/dev/null 2>&1 || pkgs+=(npm)
fi
if [[ "${1:-}" == "--bench" ]]; then
  pkgs+=(xvfb xauth time python3-venv)
fi

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "Installing: ${missing[*]}"
  SUDO=""; [[ $(id -u) -eq 0 ]] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "Rust is not installed: install it with rustup (https://rustup.rs), then rerun." >&2
  exit 1
fi
