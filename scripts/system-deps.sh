#!/usr/bin/env bash
# Install the Debian packages the tests and image exports need, where this machine can:
# as root with apt-get. Elsewhere, say what is missing and carry on (the app works without them).
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing ${need[*]} from Debian's packages..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" fonts-liberation >/dev/null
else
  echo "Note: ${need[*]} is not installed and cannot be installed here (needs root and apt-get)." >&2
  echo "Chart image downloads and the browser tests need it: install Debian's 'chromium' package." >&2
fi
