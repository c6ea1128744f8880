#!/usr/bin/env bash
# A whole AddonGrains cluster in containers on one machine (docs/operations.md, "Run it in containers"):
# PostgreSQL, the one-shot `migrate`, three silos from one image with the same ports (addongrains-silo-1 … -3), each
# advertising its own container address, all on an --internal network (nothing leaves it; the host's addresses are
# never used). Talk to it with `podman exec addongrains-silo-1 addongrains …`.
#   scripts/cluster-in-containers.sh up        idempotent; waits until three silos are Active
#   scripts/cluster-in-containers.sh status    containers and `addongrains silos`
#   scripts/cluster-in-containers.sh down      removes every container and the network it made
# Env: IMAGE (default localhost/addongrains:dev, built by scripts/container-images.sh), SILO_IMAGE_<n> to run silo n
# from another image (rolling upgrades), WAIT_SECONDS (default 300).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
export CONTAINERS_CONF="${CONTAINERS_CONF:-$root/deploy/podman/containers.conf}"

PREFIX=addongrains
NETWORK="$PREFIX-net"
POSTGRES="$PREFIX-postgres"
IMAGE="${IMAGE:-localhost/addongrains:dev}"
POSTGRES_IMAGE="${POSTGRES_IMAGE:-localhost/addongrains-postgres:15-bookworm-r2}"
WAIT_SECONDS="${WAIT_SECONDS:-300}"
SILOS=3
# Longer than the silo's graceful shutdown (30 s, docs/operations.md) so `podman stop` never cuts it short.
STOP_TIMEOUT=45
state="$root/artifacts/cluster"
# A test-only password on a network nothing can reach from outside.
DB_PASSWORD="cluster-in-containers"
CONNECTION="Host=$POSTGRES;Port=5432;Database=orleans;Username=orleans;Password=$DB_PASSWORD;Timeout=15"

log() { echo "cluster-in-containers: $*" >&2; }

running() { [[ "$(podman inspect -f '{{.State.Running}}' "$1" 2>/dev/null)" == true ]]; }

# Waits until "$@" succeeds, up to WAIT_SECONDS; names what it waited for on failure.
wait_for() {
  local what="$1"; shift
  local deadline=$((SECONDS + WAIT_SECONDS))
  local out
  until out="$("$@" 2>&1)"; do
    if ((SECONDS > deadline)); then log "timed out after ${WAIT_SECONDS}s waiting for $what; last output:"; echo "$out" | tail -5 >&2; return 1; fi
    sleep 2
  done
}

config() {
  mkdir -p "$state"
  # The silos' configuration; its OCM and Jenkins are the simulators' container when one runs on the network.
  cat >"$state/addongrains.yaml" <<YAML
ocm:
  - { name: sim, url: "http://$PREFIX-simulators:8000", accessTokenUrl: "http://$PREFIX-simulators:8000/auth/realms/redhat-external/protocol/openid-connect/token", accessTokenClientId: addongrains, accessTokenClientSecret: { env: OCM_CLIENT_SECRET } }
jenkins:
  - { name: ci, serverUrl: "http://$PREFIX-simulators:8001", user: bot, token: { env: JENKINS_TOKEN } }
organizations:
  - name: cluster-org
    ocm: sim
    orgId: cluster-org-1
    addonUpgradeTests:
      - { addon: acm, instance: ci, name: acm/addon-e2e }
polling: { interval: 5s, rolloutInterval: 2s }
YAML
  chmod 0644 "$state/addongrains.yaml"
}

silo_image() { local var="SILO_IMAGE_$1"; echo "${!var:-$IMAGE}"; }

# Starts silo n (removing a stopped one of that name first).
start_silo() {
  local name="$PREFIX-silo-$1"
  running "$name" && return 0
  podman rm -f -t "$STOP_TIMEOUT" "$name" >/dev/null 2>&1 || true
  podman run -d --name "$name" --network "$NETWORK" --read-only --user 10001:0 --stop-timeout "$STOP_TIMEOUT" \
    -e "ConnectionStrings__Orleans=$CONNECTION" -e Orleans__ClusterId=addongrains-containers \
    -e Orleans__AdvertisedIP=auto -e ADDONGRAINS_CONFIG=/etc/addongrains/addongrains.yaml \
    -e OCM_CLIENT_SECRET=simulated-ocm-secret -e JENKINS_TOKEN=11simulated0jenkins0token0000000000 \
    -v "$state/addongrains.yaml:/etc/addongrains/addongrains.yaml:ro" \
    "$(silo_image "$1")" >/dev/null
}

active_silos() {
  podman exec "$1" addongrains silos -o json 2>/dev/null | grep -o '"status": *"Active"' | wc -l
}

# True when some running silo's CLI sees $1 Active members.
cluster_has() {
  local n
  for n in $(seq "$SILOS"); do
    running "$PREFIX-silo-$n" && [[ "$(active_silos "$PREFIX-silo-$n")" == "$1" ]] && return 0
  done
  return 1
}

up() {
  podman image exists "$IMAGE" || { log "image $IMAGE is missing: run scripts/container-images.sh"; exit 1; }
  config
  podman network exists "$NETWORK" || podman network create --internal "$NETWORK" >/dev/null
  if ! running "$POSTGRES"; then
    podman rm -f "$POSTGRES" >/dev/null 2>&1 || true
    podman run -d --name "$POSTGRES" --network "$NETWORK" --stop-timeout 30 -e POSTGRES_USER=orleans \
      -e "POSTGRES_PASSWORD=$DB_PASSWORD" -e POSTGRES_DB=orleans "$POSTGRES_IMAGE" >/dev/null
  fi
  wait_for "PostgreSQL" podman exec "$POSTGRES" /usr/lib/postgresql/15/bin/pg_isready -h 127.0.0.1 -U orleans -d orleans
  log "applying the schema (migrate)"
  wait_for "migrate" podman run --rm --network "$NETWORK" --read-only --user 10001:0 \
    -e "ConnectionStrings__Orleans=$CONNECTION" "$IMAGE" migrate
  local n
  for n in $(seq "$SILOS"); do start_silo "$n"; done
  log "waiting for $SILOS Active silos"
  wait_for "$SILOS Active silos" cluster_has "$SILOS"
  log "up: $SILOS silos Active"
}

down() {
  local names
  names="$(podman ps -a --format '{{.Names}}' | grep -E "^$PREFIX-(silo-[0-9]+|postgres|simulators)$" || true)"
  # shellcheck disable=SC2086
  [[ -z "$names" ]] || podman rm -f -t 5 $names >/dev/null
  podman network exists "$NETWORK" && podman network rm -f "$NETWORK" >/dev/null
  log "down: containers and network removed"
}

status() {
  podman ps -a --filter "name=^$PREFIX-" --format '{{.Names}}\t{{.Image}}\t{{.Status}}'
  local n
  for n in $(seq "$SILOS"); do
    if running "$PREFIX-silo-$n"; then podman exec "$PREFIX-silo-$n" addongrains silos; return; fi
  done
  echo "no silo running"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  start-silo) start_silo "$2" ;;
  *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
