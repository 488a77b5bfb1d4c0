#!/usr/bin/env bash
# Renders icons/fupan.svg to every PNG size Tauri and Linux desktop entries need.
# Needs rsvg-convert (Debian: librsvg2-bin). The PNGs are committed; rerun after editing the SVG.
set -euo pipefail
cd "$(dirname "$0")"
for s in 16 24 32 48 64 128 256 512; do
  rsvg-convert -w "$s" -h "$s" fupan.svg -o "${s}x${s}.png"
done
cp 256x256.png 128x128@2x.png
cp 512x512.png icon.png
