#!/usr/bin/env bash
# A whole AddonGrains cluster in containers on one machine (docs/operations.md, "Run it in containers"):
# PostgreSQL, the one-shot `migrate`, three silos from one image with the same ports (addongrains-silo-1 … -3), each
# advertising its own container address, and the OCM and Jenkins simulators (their own image), all on an --internal
# network (nothing leaves it; the host's addresses are never used). The silos reach PostgreSQL and the simulators
# by the names docker-compose.yml gives them ("postgres", "simulators"), with the same configuration file
# (deploy/simulators/addongrains.yaml) and the same environment (`silo-env`). Talk to it with
# `podman exec addongrains-silo-1 addongrains …` and `podman exec addongrains-simulators addongrains-simulators …`.
#   scripts/cluster-in-containers.sh up          idempotent; waits until the simulators answer and three silos are Active
#   scripts/cluster-in-containers.sh status      containers and `addongrains silos`
#   scripts/cluster-in-containers.sh down        removes every container and the network it made
#   scripts/cluster-in-containers.sh start-silo N     starts silo N (again), from SILO_IMAGE_<N> when set
#   scripts/cluster-in-containers.sh silo-env | simulators-env | describe   what the silos and simulators run with
# Env: IMAGE (default localhost/addongrains:dev) and SIMULATORS_IMAGE (localhost/addongrains-simulators:dev), both
# built by scripts/container-images.sh; SILO_IMAGE_<n> to run silo n from another image (rolling upgrades);
# POSTGRES_PASSWORD, OCM_CLIENT_SECRET, JENKINS_TOKEN (test values by default); WAIT_SECONDS (default 300).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
export CONTAINERS_CONF="${CONTAINERS_CONF:-$root/deploy/podman/containers.conf}"

PREFIX=addongrains
NETWORK="$PREFIX-net"
POSTGRES="$PREFIX-postgres"
SIMULATORS="$PREFIX-simulators"
IMAGE="${IMAGE:-localhost/addongrains:dev}"
SIMULATORS_IMAGE="${SIMULATORS_IMAGE:-localhost/addongrains-simulators:dev}"
POSTGRES_IMAGE="${POSTGRES_IMAGE:-localhost/addongrains-postgres:15-bookworm-r2}"
WAIT_SECONDS="${WAIT_SECONDS:-300}"
SILOS=3
# Longer than the silo's graceful shutdown (30 s, docs/operations.md) so `podman stop` never cuts it short.
STOP_TIMEOUT=45
# The numeric non-root user (group 0, as OpenShift runs it) of the silos and simulators, on a read-only root.
SILO_USER=10001:0
CONFIG="$root/deploy/simulators/addongrains.yaml"
# Test-only secrets on a network nothing can reach from outside; the simulators accept the same values.
POSTGRES_PASSWORD="${POSTGRES_PASSWORD:-cluster-in-containers}"
OCM_CLIENT_SECRET="${OCM_CLIENT_SECRET:-simulated-ocm-secret}"
JENKINS_TOKEN="${JENKINS_TOKEN:-11simulated0jenkins0token0000000000}"

# The environment of every silo, one NAME=VALUE a line (docker-compose.yml's silo service has the same; a test
# keeps them in step). GSS Encryption Mode=Disable: the images have no Kerberos library, and Npgsql's GSS attempt
# makes the .NET runtime print "Cannot load library libgssapi_krb5.so.2" on every connection.
silo_env() {
  cat <<ENV
ConnectionStrings__Orleans=Host=postgres;Port=5432;Database=orleans;Username=orleans;Password=$POSTGRES_PASSWORD;Timeout=15;GSS Encryption Mode=Disable
Orleans__ClusterId=addongrains
Orleans__AdvertisedIP=auto
Orleans__SiloPort=11111
Orleans__GatewayPort=30000
ASPNETCORE_URLS=http://0.0.0.0:8080
ADDONGRAINS_CONFIG=/etc/addongrains/addongrains.yaml
Logging__Console__FormatterName=simple
OCM_CLIENT_SECRET=$OCM_CLIENT_SECRET
JENKINS_TOKEN=$JENKINS_TOKEN
ENV
}

# The simulators' environment: the name the silos reach them by and the credentials they accept.
simulators_env() {
  cat <<ENV
SIMULATORS_HOST=simulators
OCM_CLIENT_SECRET=$OCM_CLIENT_SECRET
JENKINS_TOKEN=$JENKINS_TOKEN
ENV
}

# `-e NAME=VALUE` for each line of "$@"'s output.
env_args() { local line; while IFS= read -r line; do printf '%s\0%s\0' -e "$line"; done < <("$@"); }

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

silo_image() { local var="SILO_IMAGE_$1"; echo "${!var:-$IMAGE}"; }

# Starts silo n (removing a stopped one of that name first). A silo that exits with an error (its first connection to
# PostgreSQL failed, a name lookup on the new network failed) is started again, as docker-compose.yml and Kubernetes
# do; `podman kill` and `podman stop` stop it for good (podman ignores the policy then), so the checks still decide
# when a stopped silo comes back.
start_silo() {
  local name="$PREFIX-silo-$1"
  running "$name" && return 0
  podman rm -f -t "$STOP_TIMEOUT" "$name" >/dev/null 2>&1 || true
  local env
  mapfile -d '' -t env < <(env_args silo_env)
  podman run -d --name "$name" --network "$NETWORK" --restart on-failure --read-only --user "$SILO_USER" --stop-timeout "$STOP_TIMEOUT" \
    "${env[@]}" -v "$CONFIG:/etc/addongrains/addongrains.yaml:ro" "$(silo_image "$1")" >/dev/null
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
  local image env
  for image in "$IMAGE" "$SIMULATORS_IMAGE"; do
    podman image exists "$image" || { log "image $image is missing: run scripts/container-images.sh"; exit 1; }
  done
  podman network exists "$NETWORK" || podman network create --internal "$NETWORK" >/dev/null
  if ! running "$POSTGRES"; then
    podman rm -f "$POSTGRES" >/dev/null 2>&1 || true
    podman run -d --name "$POSTGRES" --network "$NETWORK" --network-alias postgres --stop-timeout 30 \
      -e POSTGRES_USER=orleans -e "POSTGRES_PASSWORD=$POSTGRES_PASSWORD" -e POSTGRES_DB=orleans "$POSTGRES_IMAGE" >/dev/null
  fi
  if ! running "$SIMULATORS"; then
    podman rm -f "$SIMULATORS" >/dev/null 2>&1 || true
    mapfile -d '' -t env < <(env_args simulators_env)
    podman run -d --name "$SIMULATORS" --network "$NETWORK" --network-alias simulators --read-only --user "$SILO_USER" \
      "${env[@]}" "$SIMULATORS_IMAGE" >/dev/null
  fi
  wait_for "PostgreSQL" podman exec "$POSTGRES" /usr/lib/postgresql/15/bin/pg_isready -h 127.0.0.1 -U orleans -d orleans
  wait_for "the simulators" podman exec "$SIMULATORS" addongrains-simulators ready
  log "applying the schema (migrate)"
  mapfile -d '' -t env < <(env_args silo_env)
  wait_for "migrate" podman run --rm --network "$NETWORK" --read-only --user "$SILO_USER" "${env[@]}" "$IMAGE" migrate
  local n
  for n in $(seq "$SILOS"); do start_silo "$n"; done
  log "waiting for $SILOS Active silos"
  wait_for "$SILOS Active silos" cluster_has "$SILOS" || { silo_diagnostics; return 1; }
  log "up: $SILOS silos Active"
}

# For a cluster that did not come up: each silo that is not running, its exit code and the end of its output.
silo_diagnostics() {
  local n name
  for n in $(seq "$SILOS"); do
    name="$PREFIX-silo-$n"
    running "$name" && continue
    log "$name is not running: $(podman inspect -f 'exit code {{.State.ExitCode}}, {{.State.Status}} at {{.State.FinishedAt}}' "$name" 2>&1); its last output:"
    podman logs --tail 40 "$name" 2>&1 | sed 's/^/  /' >&2
  done
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
  silo-env) silo_env ;;
  simulators-env) simulators_env ;;
  describe) printf 'silo-image %s\nsimulators-image %s\npostgres-image %s\nconfig %s\nstop-timeout %s\nuser %s\nsilos %s\n' "$IMAGE" "$SIMULATORS_IMAGE" "$POSTGRES_IMAGE" "${CONFIG#"$root"/}" "$STOP_TIMEOUT" "$SILO_USER" "$SILOS" ;;
  *) echo "usage: $0 up|down|status|start-silo N|silo-env|simulators-env|describe" >&2; exit 2 ;;
esac
