#!/usr/bin/env bash
# Installs Debian's chromium (headless status-page tests) when /usr/bin/chromium is missing.
# Needs root (CI runs as root); prints why it cannot install otherwise and exits non-zero.
set -euo pipefail

if [[ -x /usr/bin/chromium ]]; then
  echo "chromium already installed: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
  exit 0
fi

if [[ "$(id -u)" != 0 ]]; then
  if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    exec sudo -n "$0" "$@"
  fi
  echo "install-chromium: /usr/bin/chromium is missing and this is not root (run: sudo $0)" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends chromium fonts-dejavu-core
/usr/bin/chromium --version
