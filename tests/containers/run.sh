#!/usr/bin/env bash
# The container test (not part of `dotnet test`; .ci/run runs it after it): builds the images, brings up the cluster
# of scripts/cluster-in-containers.sh and checks it only through `podman exec` of the CLI and `podman inspect`.
# Prints one line per check, then "containers: N passed, N failed, N skipped" as its last line; exits non-zero when a
# check failed. Where podman cannot be installed or cannot run a container at all, every check is skipped (exit 0).
# Removes every container and network it made, also on failure.
set -uo pipefail
cd "$(dirname "$0")/../.."
root="$PWD"
export CONTAINERS_CONF="${CONTAINERS_CONF:-$root/deploy/podman/containers.conf}"
export WAIT_SECONDS="${WAIT_SECONDS:-300}"
cluster="$root/scripts/cluster-in-containers.sh"
CHECKS=7
passed=0 failed=0 skipped=0

pass() { echo "PASS $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1"; failed=$((failed + 1)); }
finish() { echo "containers: $passed passed, $failed failed, $skipped skipped"; exit $((failed > 0 ? 1 : 0)); }
skip_all() { echo "SKIPPED the container test: $1"; skipped=$CHECKS; finish; }

if ! "$root/scripts/install-podman.sh" >/tmp/install-podman.$$ 2>&1; then
  tail -3 /tmp/install-podman.$$; rm -f /tmp/install-podman.$$
  skip_all "podman cannot be installed on this machine"
fi
rm -f /tmp/install-podman.$$
image="$("$root/scripts/container-images.sh" | tail -n1)" || { fail "images build (scripts/container-images.sh)"; finish; }
if ! podman run --rm --network none localhost/addongrains-base:bookworm-r1 true >/dev/null 2>&1; then
  skip_all "podman is installed but cannot run a container here"
fi
export IMAGE="$image"
pass "images build: $image ($(podman image inspect -f '{{.Size}}' "$image" | awk '{printf "%d MB", $1/1e6}'))"

trap '"$cluster" down >/dev/null 2>&1' EXIT
"$cluster" down >/dev/null 2>&1

silos_json() { podman exec "$1" addongrains silos -o json 2>/dev/null; }
active_count() { silos_json "$1" | grep -o '"status": *"Active"' | wc -l; }
active_addresses() {
  silos_json "$1" | python3 -c 'import json,sys; print(len({m["address"] for m in json.load(sys.stdin) if m["status"] == "Active"}))'
}
# Waits until silo container $1 sees $2 Active members; prints the seconds it took.
wait_active() {
  local start=$SECONDS deadline=$((SECONDS + WAIT_SECONDS))
  until [[ "$(active_count "$1")" == "$2" ]]; do
    ((SECONDS > deadline)) && return 1
    sleep 1
  done
  echo $((SECONDS - start))
}

# 1. Three silos, three containers, one cluster.
if "$cluster" up && [[ "$(active_addresses addongrains-silo-1)" == 3 ]]; then
  pass "up: 'addongrains silos' lists three Active members with three distinct addresses"
else
  fail "up: three Active silos with distinct addresses"; "$cluster" status; finish
fi

# 2. Read-only root file system and a non-root UID.
ok=1
for n in 1 2 3; do
  c="addongrains-silo-$n"
  [[ "$(podman inspect -f '{{.HostConfig.ReadonlyRootfs}}' "$c")" == true ]] || ok=0
  podman exec "$c" touch /app/probe >/dev/null 2>&1 && ok=0
  [[ "$(podman exec "$c" id -u)" != 0 ]] || ok=0
done
((ok)) && pass "silo containers: read-only root file system (a write to /app fails) and a non-root UID" \
       || fail "silo containers: read-only root file system and non-root UID"

# 3. podman kill of one silo: the survivors declare it dead and carry on; it rejoins when started again.
podman kill addongrains-silo-2 >/dev/null
if took=$(wait_active addongrains-silo-1 2); then
  echo "  failover: the survivors saw 2 Active members ${took}s after 'podman kill addongrains-silo-2'"
  "$cluster" start-silo 2 && wait_active addongrains-silo-1 3 >/dev/null \
    && pass "podman kill of a silo: declared dead in ${took}s, the cluster carries on, the silo rejoins" \
    || fail "podman kill of a silo: the restarted silo did not rejoin"
else
  fail "podman kill of a silo: the survivors did not converge on 2 Active members"
fi

# 4. Rolling upgrade: each silo replaced in turn by one from a second image tag, stopped with a stop timeout longer
#    than its graceful shutdown; the cluster keeps answering with three members after each step.
next="${image%:*}:rolling-next"
podman tag "$image" "$next"
ok=1
for n in 1 2 3; do
  podman stop -t 45 "addongrains-silo-$n" >/dev/null || ok=0
  export "SILO_IMAGE_$n=$next"
  "$cluster" start-silo "$n" || ok=0
  other=$(( n % 3 + 1 ))
  wait_active "addongrains-silo-$other" 3 >/dev/null || { ok=0; break; }
done
for n in 1 2 3; do [[ "$(podman inspect -f '{{.ImageName}}' "addongrains-silo-$n")" == "$next" ]] || ok=0; done
((ok)) && pass "rolling upgrade: each silo replaced by $next in turn, three Active members after each step" \
       || fail "rolling upgrade to $next"
podman rmi "$next" >/dev/null 2>&1

# 5. podman restart of PostgreSQL: nothing stuck, the membership view answers with three Active members.
podman restart -t 30 addongrains-postgres >/dev/null
wait_active addongrains-silo-1 3 >/dev/null && pass "podman restart of PostgreSQL: the cluster answers with three Active members" \
  || fail "podman restart of PostgreSQL: the cluster did not answer with three Active members"

# 6. down removes every container and the network.
"$cluster" down
if [[ -z "$(podman ps -a --format '{{.Names}}' | grep -E '^addongrains-(silo-[0-9]+|postgres|simulators)$')" ]] \
   && ! podman network exists addongrains-net; then
  pass "down: every container and the network removed"
else
  fail "down left containers or the network behind"
fi
finish
