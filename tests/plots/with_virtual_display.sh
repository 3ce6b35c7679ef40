#!/usr/bin/env bash
# Run a command under its own virtual X display (Xvfb, Debian: xvfb), for the renders.
#
#   with_virtual_display.sh <command> [<argument>...]
#
# Xvfb picks a free display number itself and reports it (-displayfd), so renders that
# ctest starts at the same time never race for one, as `xvfb-run -a` can. The display is
# 1920 x 1080 at 24 bits and does not reset when its last client leaves (-noreset):
# pvbatch connects twice, and about one run in three found a resetting server without
# it. The server is stopped when the command ends; the command's exit status is returned.
set -euo pipefail

[ $# -ge 1 ] || { echo "usage: $0 <command> [<argument>...]" >&2; exit 2; }
command -v Xvfb > /dev/null || { echo "$0: Xvfb not found (Debian: apt-get install xvfb)" >&2; exit 1; }

work=$(mktemp -d)
trap 'kill "$server" 2> /dev/null || true; wait "$server" 2> /dev/null || true; rm -rf "$work"' EXIT
Xvfb -displayfd 3 -screen 0 1920x1080x24 -nolisten tcp -noreset 3> "$work/display" 2> "$work/xvfb.log" &
server=$!
for _ in $(seq 100); do  # the number is written once the server accepts connections
  [ -s "$work/display" ] && break
  kill -0 "$server" 2> /dev/null || { cat "$work/xvfb.log" >&2; echo "$0: Xvfb stopped" >&2; exit 1; }
  sleep 0.1
done
[ -s "$work/display" ] || { echo "$0: Xvfb gave no display within 10 s" >&2; exit 1; }
export DISPLAY=":$(tr -d "[:space:]" < "$work/display")"
status=0
"$@" || {
  status=$?
  echo "$0: the command failed (exit status $status) on DISPLAY=$DISPLAY; Xvfb's messages:" >&2
  cat "$work/xvfb.log" >&2
}
exit "$status"
