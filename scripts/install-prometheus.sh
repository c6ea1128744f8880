#!/usr/bin/env bash
# Installs Debian's prometheus package (for promtool: the alert-rule tests) when promtool is missing.
# Needs root (CI runs as root); prints why it cannot install otherwise and exits non-zero.
set -euo pipefail

if command -v promtool >/dev/null; then
  echo "promtool already installed: $(promtool --version 2>&1 | head -n1)"
  exit 0
fi

if [[ "$(id -u)" != 0 ]]; then
  if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    exec sudo -n "$0" "$@"
  fi
  echo "install-prometheus: promtool is missing and this is not root (run: sudo $0)" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update
# Only the package's files are needed (promtool); the Prometheus server it brings is not started by the tests.
apt-get install -y --no-install-recommends prometheus
promtool --version 2>&1 | head -n1
