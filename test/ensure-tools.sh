#!/usr/bin/env bash
# What the tests run besides Node: Debian's Chromium for the browser tests (no browser download is
# possible), and the command-line tools the lessons' terminal recipes use, each run against the
# test server so a recipe never rots. Install what is missing when we may (root with apt-get);
# otherwise stop and say how to get it. Never skip those tests.
set -euo pipefail
chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"
# Each line: a command that must exist, then the Debian package that provides it.
needed=(
  "$chromium_path chromium"
  "curl curl"
  "nghttp nghttp2-client"
  "openssl openssl"
  "wget wget"
  "ss iproute2"
)
missing=()
for entry in "${needed[@]}"; do
  read -r command package <<<"$entry"
  command -v "$command" >/dev/null 2>&1 || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian packages for the tests: ${missing[*]}…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi
echo "The tests need these Debian packages: ${missing[*]}." >&2
echo "Install them with: sudo apt-get install -y ${missing[*]}   (or point CHROMIUM_PATH at a Chromium binary)" >&2
exit 1
