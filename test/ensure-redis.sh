#!/usr/bin/env bash
# The scale-out tests start real redis-server processes (never a mock). Install Debian's when it is
# missing and we may; otherwise stop and say how to get it. Never skip those tests.
set -euo pipefail
redis_path="${REDIS_SERVER_PATH:-/usr/bin/redis-server}"
[ -x "$redis_path" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's redis-server for the scale-out tests…"
  apt-get update -qq
  # Only the binary is wanted: the tests start their own servers, so the package's service must not
  # start (policy-rc.d exit 101 tells invoke-rc.d "not now"; one already in place is left alone).
  policy=/usr/sbin/policy-rc.d
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod +x "$policy"
    trap 'rm -f "$policy"' EXIT
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >/dev/null
  [ -x "$redis_path" ] && exit 0
fi
echo "redis-server is needed for the scale-out tests and was not found at $redis_path." >&2
echo "Install it with: sudo apt-get install -y redis-server   (or point REDIS_SERVER_PATH at a redis-server binary)" >&2
exit 1
