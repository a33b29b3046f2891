#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (no browser download is possible). Install it when it
# is missing and we may; otherwise stop and say how to get it. Never skip the browser tests.
set -euo pipefail
chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$chromium_path" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's chromium for the browser tests…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  [ -x "$chromium_path" ] && exit 0
fi
echo "Chromium is needed for the browser tests and was not found at $chromium_path." >&2
echo "Install it with: sudo apt-get install -y chromium   (or point CHROMIUM_PATH at a Chromium binary)" >&2
exit 1
