#!/usr/bin/env bash
# Installs Debian's podman, runc and mmdebstrap (the container scripts' tools) when one is missing.
# Needs root (CI runs as root); prints why it cannot install otherwise and exits non-zero.
set -euo pipefail

missing=()
for tool in podman runc mmdebstrap; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
if [[ ${#missing[@]} == 0 ]]; then
  echo "podman, runc and mmdebstrap already installed: $(podman --version)"
  exit 0
fi

if [[ "$(id -u)" != 0 ]]; then
  if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    exec sudo -n "$0" "$@"
  fi
  echo "install-podman: ${missing[*]} missing and this is not root (run: sudo $0)" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update
# netavark/aardvark-dns: container networks with name resolution; uidmap: podman's user-namespace helpers.
apt-get install -y --no-install-recommends podman runc mmdebstrap netavark aardvark-dns uidmap iptables conmon \
  containernetworking-plugins
podman --version
