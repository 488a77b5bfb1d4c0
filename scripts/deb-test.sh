#!/usr/bin/env bash
# Tries the .deb as a new user would, on this machine (needs root: it installs and removes the
# package): build it, `apt-get install ./fupan_*.deb`, `fupan --version` from PATH, the menu
# entry and icons, open the app from its menu entry under Xvfb, "Open with Fupan" on an export
# (cold, and forwarded to the running window), then `apt-get remove` and check nothing is left.
# Screenshots: artifacts/deb/*.png — look at them.
#   scripts/deb-test.sh            # release build (slow when cold: see README)
#   scripts/deb-test.sh --debug    # dev-profile build, reusing the test build (CI-sized)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/artifacts/deb
[[ $(id -u) -eq 0 ]] || { echo "deb-test.sh: run as root (it installs the package)" >&2; exit 2; }

step() { printf '\n== %s\n' "$*"; }
fail() { echo "deb-test.sh: FAIL: $*" >&2; exit 1; }
ok() { echo "ok: $*"; }

step "tools"
tools=(xvfb x11-utils xdotool imagemagick desktop-file-utils dbus libglib2.0-bin)
missing=()
for p in "${tools[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "Installing: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

step "build the .deb"
scripts/deb.sh "$@"
version=$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' tauri.conf.json | head -1)
DEB=$OUT/fupan_${version}_amd64.deb
dpkg-deb --info "$DEB" | sed -n '/Package:/,/Description:/p'

step "install with apt"
if dpkg-query -W -f='${Status}' fupan 2>/dev/null | grep -q "install ok installed"; then
  apt-get remove -y -qq fupan >/dev/null
fi
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$DEB" >/dev/null
ok "installed $(dpkg-query -W -f='${Package} ${Version}' fupan)"

step "command line"
[[ $(command -v fupan) == /usr/bin/fupan ]] || fail "fupan is not on PATH as /usr/bin/fupan"
got=$(fupan --version)
[[ $got == "fupan $version" ]] || fail "fupan --version said '$got'"
ok "fupan --version: $got"

step "menu entry, icons, samples"
DESKTOP=/usr/share/applications/Fupan.desktop
[[ -f $DESKTOP ]] || fail "no $DESKTOP"
desktop-file-validate "$DESKTOP" || fail "desktop-file-validate $DESKTOP"
for want in 'Name=Fupan' 'Name[zh_CN]=复盘' 'Name[vi]=Fupan' 'Comment[zh_CN]=' 'Comment[vi]=' \
  'Exec=fupan %F' 'Icon=fupan'; do
  grep -qF "$want" "$DESKTOP" || fail "$DESKTOP has no line $want"
done
for mime in application/vnd.openxmlformats-officedocument.spreadsheetml.sheet \
  application/vnd.ms-excel text/csv application/zip; do
  grep '^MimeType=' "$DESKTOP" | tr '=;' '\n\n' | grep -qxF "$mime" || fail "MimeType lacks $mime"
done
ok "desktop entry valid, zh/vi/en names, MIME types"
grep -q '^text/csv=.*Fupan.desktop' /usr/share/applications/mimeinfo.cache \
  || fail "the MIME cache does not offer Fupan for text/csv"
ok "offered in 'Open with' for csv (mimeinfo.cache)"
for s in 16 24 32 48 64 128 256 512; do
  [[ -f /usr/share/icons/hicolor/${s}x${s}/apps/fupan.png ]] || fail "no ${s}x${s} icon"
done
[[ -f /usr/share/icons/hicolor/scalable/apps/fupan.svg ]] || fail "no scalable icon"
ok "icons 16…512 px and scalable"
ls "/usr/lib/Fupan/samples/Nhà Mộc Decor/"*.xlsx >/dev/null 2>&1 || fail "sample data not installed"
if [[ -e /usr/lib/Fupan/samples/bad || -e /usr/lib/Fupan/samples/fuzz ]]; then fail "test files shipped as samples"; fi
ok "sample data in /usr/lib/Fupan/samples"

step "open the installed app under Xvfb"
WORK=$(mktemp -d)
mkdir -p "$WORK/home" "$OUT"
rm -f "$OUT"/*.png
# Exports named as a merchant's Downloads folder would hold them.
cp tests/fixtures/pdd/orders_202601a.csv "$WORK/pdd-orders.csv"
cp tests/fixtures/shopee_vn/Order.all.20260101_20260131.xlsx "$WORK/Order.all.20260101_20260131.xlsx"
cat > "$WORK/session.sh" <<'INNER'
# Runs inside a private D-Bus session (single instance goes through D-Bus) on a fresh Xvfb.
set -euo pipefail
Xvfb :77 -screen 0 1366x768x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null' EXIT
export DISPLAY=:77
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done

window() { # the app's main window id once its title matches $1, within $2 seconds
  local deadline=$((SECONDS + $2)) id
  while ((SECONDS < deadline)); do
    id=$(xdotool search --onlyvisible --name "$1" 2>/dev/null | head -1 || true)
    [[ -n $id ]] && { echo "$id"; return 0; }
    sleep 0.5
  done
  return 1
}
shot() { sleep 2; import -window root "$OUT/$1.png"; echo "screenshot: $OUT/$1.png"; }
quit() { # ends the app this test started, by its pid
  local pid; pid=$(xdotool getwindowpid "$1")
  kill "$pid"; for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  return 1
}

# 1. Double-click in the menu: launch the desktop entry itself, without files.
gio launch "$DESKTOP"
id=$(window 'Dashboard · Fupan' 60) || { echo "FAIL: no window from the menu entry"; exit 1; }
echo "ok: window $id '$(xdotool getwindowname "$id")' $(xprop -id "$id" WM_CLASS | cut -d= -f2)"
geo=$(xwininfo -id "$id" | awk '/Width:/{w=$2} /Height:/{h=$2} END{print w "x" h}')
# The window opens at the size tauri.conf.json gives (it fits a 1366×768 laptop's work area).
want=$(python3 -c "import json; w = json.load(open('tauri.conf.json'))['app']['windows'][0]; print('%dx%d' % (w['width'], w['height']))")
[[ $geo == "$want" ]] || { echo "FAIL: window is $geo, tauri.conf.json says $want"; exit 1; }
shot 1-menu-launch

# 2. "Open with Fupan" while it runs: the second launch hands the file over and exits.
gio launch "$DESKTOP" "$WORK/pdd-orders.csv"
window 'Import · Fupan' 30 >/dev/null || { echo "FAIL: the running window did not show Import"; exit 1; }
n=$(xdotool search --onlyvisible --name 'Fupan 复盘' | wc -l)
[[ $n == 1 ]] || { echo "FAIL: $n windows after the second launch (single instance)"; exit 1; }
echo "ok: forwarded to the running window (one window), Import screen"
shot 2-open-with-running
quit "$id" || { echo "FAIL: the app did not quit"; exit 1; }

# 3. "Open with Fupan" when it is not running.
gio launch "$DESKTOP" "$WORK/Order.all.20260101_20260131.xlsx"
id=$(window 'Import · Fupan' 60) || { echo "FAIL: Open with did not show Import"; exit 1; }
echo "ok: cold Open with opens on the Import screen"
shot 3-open-with-cold
quit "$id" || { echo "FAIL: the app did not quit"; exit 1; }
INNER
# A fresh user: empty home (the data file goes to ~/.local/share/app.fupan.desktop/), English.
env -i PATH=/usr/bin:/bin HOME="$WORK/home" LANG=C.UTF-8 FUPAN_LOCALE=en-US NO_AT_BRIDGE=1 \
  OUT="$OUT" WORK="$WORK" DESKTOP="$DESKTOP" \
  dbus-run-session -- bash "$WORK/session.sh" 2>"$OUT/app-stderr.log" \
  || { tail -20 "$OUT/app-stderr.log" >&2; fail "the installed app (stderr: $OUT/app-stderr.log)"; }
[[ -f $WORK/home/.local/share/app.fupan.desktop/fupan.db ]] || fail "no data file in the new user's home"
ok "data file: ~/.local/share/app.fupan.desktop/fupan.db"

step "uninstall"
pkg_files=$(dpkg-query -L fupan | while read -r f; do [[ -f $f ]] && echo "$f"; done)
apt-get remove -y -qq fupan >/dev/null
left=$(for f in $pkg_files; do if [[ -e $f ]]; then echo "$f"; fi; done)
[[ -z $left ]] || fail "left after remove: $left"
[[ ! -e /usr/bin/fupan && ! -e $DESKTOP && ! -e /usr/lib/Fupan ]] || fail "files left after remove"
grep -q 'Fupan.desktop' /usr/share/applications/mimeinfo.cache && fail "still in the MIME cache"
! dpkg-query -W -f='${Status}' fupan 2>/dev/null | grep -q "installed" || fail "still installed"
ok "removed: $(echo "$pkg_files" | wc -l) files gone, menu and MIME cache clean"
rm -rf "$WORK"

echo
echo "deb-test.sh: all checks passed; screenshots in $OUT"
