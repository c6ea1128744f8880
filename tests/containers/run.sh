#!/usr/bin/env bash
# The container test (not part of `dotnet test`; .ci/run runs it after it): builds the images, brings up the cluster
# of scripts/cluster-in-containers.sh (PostgreSQL, three silos, the OCM and Jenkins simulators on an --internal
# network) and checks it only through `podman exec` of the CLI in a silo container, of the simulators' control
# command in theirs, and `podman inspect`. Rollouts are driven in the simulated OCM; Jenkins' builds are counted in
# the simulated Jenkins. Prints one line per check, then "containers: N passed, N failed, N skipped" as its last line;
# exits non-zero when a check failed. Where podman cannot be installed or cannot run a container at all, every check
# is skipped (exit 0). Removes every container and network it made, also on failure.
set -uo pipefail
# shellcheck disable=SC2317  # the helpers are called indirectly (wait_until, is, rollout run their arguments)
cd "$(dirname "$0")/../.." || exit 1
root="$PWD"
export CONTAINERS_CONF="${CONTAINERS_CONF:-$root/deploy/podman/containers.conf}"
export WAIT_SECONDS="${WAIT_SECONDS:-300}"
cluster="$root/scripts/cluster-in-containers.sh"
CHECKS=9
JOB=acm/addon-e2e
passed=0 failed=0

pass() { echo "PASS $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1"; failed=$((failed + 1)); }
# Checks that did not run (skipped, or after a failure that stops the test) count as skipped.
finish() { echo "containers: $passed passed, $failed failed, $((CHECKS - passed - failed)) skipped"; exit $((failed > 0 ? 1 : 0)); }
skip_all() { echo "SKIPPED the container test: $1"; finish; }

# scripts/ci-under-load.sh --skip-containers: the flakiness check of `dotnet test` leaves this step out.
[[ "${ADDONGRAINS_SKIP_CONTAINERS:-0}" == 1 ]] && skip_all "ADDONGRAINS_SKIP_CONTAINERS=1"

if ! "$root/scripts/install-podman.sh" >/tmp/install-podman.$$ 2>&1; then
  tail -3 /tmp/install-podman.$$; rm -f /tmp/install-podman.$$
  skip_all "podman cannot be installed on this machine"
fi
rm -f /tmp/install-podman.$$
podman info >/dev/null 2>&1 || skip_all "podman is installed but does not work here (podman info fails)"
started=$SECONDS
image="$("$root/scripts/container-images.sh" | tail -n1)" || { fail "images build (scripts/container-images.sh)"; finish; }
if ! podman run --rm --network none localhost/addongrains-base:bookworm-r1 true >/dev/null 2>&1; then
  skip_all "podman is installed but cannot run a container here"
fi
export IMAGE="$image"
size() { podman image inspect -f '{{.Size}}' "$1" | awk '{printf "%d MB", $1/1e6}'; }
simulators_image="$("$cluster" describe | awk '$1 == "simulators-image" {print $2}')"
pass "images build in $((SECONDS - started)) s: $image ($(size "$image")), $simulators_image ($(size "$simulators_image"))"

marks="$(mktemp -d)"
trap '"$cluster" down >/dev/null 2>&1; rm -rf "$marks"' EXIT
"$cluster" down >/dev/null 2>&1

running() { [[ "$(podman inspect -f '{{.State.Running}}' "$1" 2>/dev/null)" == true ]]; }
# The CLI of the first running silo container.
cli() { local n; for n in 1 2 3; do running "addongrains-silo-$n" && { podman exec "addongrains-silo-$n" addongrains "$@"; return; }; done; return 1; }
sim() { podman exec addongrains-simulators addongrains-simulators "$@"; }
py() { python3 -c "import json,sys; $1" "${@:2}" 2>/dev/null; }   # empty output from a stopping silo: no answer
active_count() { podman exec "$1" addongrains silos -o json 2>/dev/null | py 'print(sum(m["status"] == "Active" for m in json.load(sys.stdin)))'; }
active_addresses() { cli silos -o json 2>/dev/null | py 'print(len({m["address"] for m in json.load(sys.stdin) if m["status"] == "Active"}))'; }
# Builds of the job by ADDON_VERSION, e.g. "2.9.0:1 2.10.0:1", and the count for one version.
builds() { sim builds "job=$JOB" 2>/dev/null | py 'import collections; c = collections.Counter(b["parameters"].get("ADDON_VERSION") for b in json.load(sys.stdin)); print(" ".join(f"{v}:{n}" for v, n in c.items()))'; }
builds_of() { sim builds "job=$JOB" 2>/dev/null | py 'print(sum(b["parameters"].get("ADDON_VERSION") == sys.argv[1] for b in json.load(sys.stdin)))' "$1"; }
# The status of the trigger for version $1 in `addongrains history` (empty when there is none).
trigger_status() { cli history sim-org acm --limit 50 -o json 2>/dev/null | py 'print(next((t["status"] for t in json.load(sys.stdin) if t["version"] == sys.argv[1] and t["direction"] != "baseline"), ""))' "$1"; }
# A field of the rollout's row in `addongrains status -o json`, and "targetVersion clustersOnTarget".
rollout_field() { cli status -o json 2>/dev/null | py 'print(next(r for r in json.load(sys.stdin) if r["addon"] == "acm")[sys.argv[1]])' "$1"; }
progress() { echo "$(rollout_field targetVersion) $(rollout_field clustersOnTarget)"; }
# Polls "$@" (a condition) every second up to WAIT_SECONDS; prints the seconds it took.
wait_until() {
  local start=$SECONDS deadline=$((SECONDS + WAIT_SECONDS))
  until "$@"; do ((SECONDS > deadline)) && return 1; sleep 1; done
  echo $((SECONDS - start))
}
is() { [[ "$("${@:2}")" == "$1" ]]; }
active_is() { is "$2" active_count "$1"; }

# A rollout of acm to $1 on the five simulated clusters: all start upgrading, four finish (the cluster sees the rollout
# move: target $1, 4 on target), then "${@:2}" runs (the disturbance), then the last cluster finishes. Prints the
# seconds from the end of the disturbance to the build of $1 in Jenkins; fails when the trigger does not end Succeeded.
rollout() {
  local version="$1"; shift
  sim upgrade addon=acm "version=$version" >/dev/null && sim set-version addon=acm "version=$version" clusters=4 >/dev/null || return 1
  wait_until is "$version 4" progress >/dev/null || { echo "  the rollout to $version was not seen moving: $(progress)" >&2; return 1; }
  "$@" || return 1
  local from=$SECONDS
  sim set-version addon=acm "version=$version" >/dev/null || return 1
  wait_until is 1 builds_of "$version" >/dev/null || { echo "  no build of $version: $(builds)" >&2; return 1; }
  local took=$((SECONDS - from))
  wait_until is Succeeded trigger_status "$version" >/dev/null || { echo "  the trigger of $version is $(trigger_status "$version")" >&2; return 1; }
  echo "$took"
}
nothing() { :; }

# 1. Three silos, three containers, one cluster; the simulators answer.
if "$cluster" up && is 3 active_addresses; then
  pass "up: 'addongrains silos' lists three Active members with three distinct addresses; the simulators answer"
else
  fail "up: three Active silos with distinct addresses"; "$cluster" status; finish
fi

# 2. Read-only root file system and a non-root UID, silos and simulators.
ok=1
for c in addongrains-silo-1 addongrains-silo-2 addongrains-silo-3 addongrains-simulators; do
  [[ "$(podman inspect -f '{{.HostConfig.ReadonlyRootfs}}' "$c")" == true ]] || ok=0
  podman exec "$c" touch /app/probe >/dev/null 2>&1 && ok=0
  [[ "$(podman exec "$c" id -u)" != 0 ]] || ok=0
done
for c in addongrains-silo-1 addongrains-silo-2 addongrains-silo-3; do
  [[ "$(podman inspect -f '{{.HostConfig.RestartPolicy.Name}}' "$c")" == on-failure ]] || ok=0
done
((ok)) && pass "silo and simulator containers: read-only root file system (a write to /app fails), a non-root UID; silos restart on failure" \
       || fail "silo and simulator containers: read-only root file system, non-root UID, silos' restart policy on-failure"

# 3. A rollout converges: one build of the job, its trigger Succeeded (after the first check recorded 2.8.0 as the
#    baseline, which triggers nothing).
if wait_until is 2.8.0 rollout_field lastKnownVersion >/dev/null && took=$(rollout 2.9.0 nothing) && is 1 builds_of 2.9.0; then
  pass "rollout 2.8.0 → 2.9.0 converges: exactly one build of $JOB, ${took}s after the last cluster was ready"
else
  fail "rollout 2.9.0: builds $(builds), trigger '$(trigger_status 2.9.0)'"
fi

# 4. podman kill of one silo mid-rollout: the survivors declare it dead; exactly one build; it rejoins.
kill_silo() { podman kill addongrains-silo-2 >/dev/null && echo "$SECONDS" >"$marks/killed"; }
if took=$(rollout 2.10.0 kill_silo) && is 1 builds_of 2.10.0; then
  echo "  failover: the build of 2.10.0 came $((SECONDS - $(cat "$marks/killed")))s after 'podman kill addongrains-silo-2' (${took}s after the last cluster was ready)"
  wait_until active_is addongrains-silo-1 2 >/dev/null \
    && echo "  failover: the survivors list 2 Active members $((SECONDS - $(cat "$marks/killed")))s after the kill"
  "$cluster" start-silo 2 && wait_until active_is addongrains-silo-1 3 >/dev/null \
    && pass "podman kill of a silo mid-rollout: exactly one build of 2.10.0, the silo rejoins" \
    || fail "podman kill of a silo: the restarted silo did not rejoin"
else
  fail "podman kill of a silo mid-rollout: builds $(builds), trigger '$(trigger_status 2.10.0)'"
fi

# 5. Rolling upgrade while a rollout moves: each silo stopped (stop timeout longer than its graceful shutdown) and
#    replaced by one from a second image tag; three Active members after each step; the rollout then converges once.
next="${image%:*}:rolling-next"
podman tag "$image" "$next"
roll() {
  local n other from
  for n in 1 2 3; do
    from=$SECONDS
    podman stop -t 45 "addongrains-silo-$n" >/dev/null || return 1
    export "SILO_IMAGE_$n=$next"
    "$cluster" start-silo "$n" || return 1
    other=$((n % 3 + 1))
    wait_until active_is "addongrains-silo-$other" 3 >/dev/null || return 1
    echo "  rolling upgrade: silo $n replaced, three Active members again after $((SECONDS - from))s" >&2
  done
  for n in 1 2 3; do [[ "$(podman inspect -f '{{.ImageName}}' "addongrains-silo-$n")" == "$next" ]] || return 1; done
}
rolled_at=$SECONDS
if took=$(rollout 2.11.0 roll) && is 1 builds_of 2.11.0; then
  pass "rolling upgrade to $next while 2.11.0 rolls out ($((SECONDS - rolled_at))s): exactly one build of 2.11.0, ${took}s after the last cluster was ready"
else
  fail "rolling upgrade during the rollout of 2.11.0: builds $(builds), trigger '$(trigger_status 2.11.0)'"
fi

# 6. podman restart of PostgreSQL mid-rollout: nothing stuck, the rollout converges once, three Active members.
restart_postgres() { podman restart -t 30 addongrains-postgres >/dev/null; }
if took=$(rollout 2.12.0 restart_postgres) && is 1 builds_of 2.12.0 && wait_until active_is addongrains-silo-1 3 >/dev/null; then
  pass "podman restart of PostgreSQL mid-rollout: exactly one build of 2.12.0 (${took}s after), three Active members"
else
  fail "podman restart of PostgreSQL mid-rollout: builds $(builds), trigger '$(trigger_status 2.12.0)'"
fi

# 7. After all of it: one build per version, nothing lost or doubled. The earlier versions had minutes of checks,
#    restarts and failovers to double a build in; the last one gets two more check intervals (5 s each).
sleep 10
if is "2.9.0:1 2.10.0:1 2.11.0:1 2.12.0:1" builds; then
  pass "nothing lost or doubled: one build for each of the four versions ($(builds))"
else
  fail "builds per version: $(builds) (want one each of 2.9.0 2.10.0 2.11.0 2.12.0)"
fi

podman rmi "$next" >/dev/null 2>&1

# 8. down removes every container and the network.
"$cluster" down
if [[ -z "$(podman ps -a --format '{{.Names}}' | grep -E '^addongrains-(silo-[0-9]+|postgres|simulators)$')" ]] \
   && ! podman network exists addongrains-net; then
  pass "down: every container and the network removed"
else
  fail "down left containers or the network behind"
fi
finish
