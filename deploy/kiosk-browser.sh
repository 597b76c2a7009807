#!/bin/sh
# Opens one of Dor's screens full-screen in Chromium's kiosk mode, for the PC or mini-PC behind a
# kiosk, a display board or a counter (docs/OPERATIONS.md, "Kiosks and display boards").
#   kiosk-browser.sh http://10.0.0.2/display
# Started by the session's autostart (dor-screen.desktop). Its own profile keeps the screen's pairing
# (the device token in local storage) across restarts.
set -eu

if [ $# -ne 1 ]; then
  echo "usage: $0 URL   (e.g. http://10.0.0.2/kiosk or http://10.0.0.2/display)" >&2
  exit 2
fi
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
  echo "no Chromium found: apt install chromium" >&2
  exit 1
fi
profile="${XDG_CONFIG_HOME:-$HOME/.config}/dor-screen"
mkdir -p "$profile/Default"
# After a power cut Chromium would offer to restore the last session over the screen: say it closed cleanly.
prefs="$profile/Default/Preferences"
if [ -f "$prefs" ]; then
  sed -i 's/"exited_cleanly":false/"exited_cleanly":true/; s/"exit_type":"[^"]*"/"exit_type":"Normal"/' "$prefs"
fi

# --autoplay-policy: the display board speaks each call without anyone touching it first.
# --disable-pinch, --overscroll-history-navigation=0: a touch screen neither zooms nor swipes back.
# --disable-features=Translate: no offer to translate the Arabic pages.
exec "$browser" \
  --kiosk \
  --user-data-dir="$profile" \
  --no-first-run \
  --no-default-browser-check \
  --disable-features=Translate \
  --autoplay-policy=no-user-gesture-required \
  --disable-pinch \
  --overscroll-history-navigation=0 \
  --noerrdialogs \
  --disable-session-crashed-bubble \
  --password-store=basic \
  "$1"
