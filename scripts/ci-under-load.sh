#!/usr/bin/env bash
# Flakiness check: N fresh clones of main (default 5) each run .ci/run, one after the other, with two busy loops
# (`sh -c 'while :; do :; done'`) beside them. Prints each run's summary line and duration, then how many were green.
#   scripts/ci-under-load.sh [--skip-containers] [N]        REPO=/path/to/repo BRANCH=main to clone something else
# --skip-containers leaves out .ci/run's container step (its checks count as skipped): `dotnet test` alone under load.
set -uo pipefail

if [[ "${1:-}" == --skip-containers ]]; then
  export ADDONGRAINS_SKIP_CONTAINERS=1
  shift
fi
runs="${1:-5}"
repo="${REPO:-$(cd "$(dirname "$0")/.." && pwd)}"
branch="${BRANCH:-main}"
if ! [[ "$runs" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: $0 [--skip-containers] [N]   (N: how many runs, a positive whole number; default 5)" >&2
  exit 2
fi

work="$(mktemp -d -t addongrains-ci-load-XXXXXX)"
busy=()
stop_busy() {
  for pid in "${busy[@]}"; do kill "$pid" 2>/dev/null; done
  busy=()
}
trap 'stop_busy; rm -rf "$work"' EXIT

green=0
for i in $(seq 1 "$runs"); do
  clone="$work/run-$i"
  git clone --quiet --branch "$branch" "$repo" "$clone" || { echo "run $i: git clone failed"; continue; }
  sh -c 'while :; do :; done' & busy+=($!)
  sh -c 'while :; do :; done' & busy+=($!)
  start=$(date +%s)
  (cd "$clone" && ./.ci/run) > "$work/run-$i.log" 2>&1
  status=$?
  seconds=$(( $(date +%s) - start ))
  stop_busy
  summary="$(tail -n 1 "$work/run-$i.log")"
  printf 'run %d/%d: %s  (%dm%02ds, exit %d)\n' "$i" "$runs" "$summary" $((seconds / 60)) $((seconds % 60)) "$status"
  if [[ $status -eq 0 ]]; then
    green=$((green + 1))
    rm -rf "$clone"
  else
    mkdir -p "${TMPDIR:-/tmp}/addongrains-ci-load-failures"
    cp "$work/run-$i.log" "${TMPDIR:-/tmp}/addongrains-ci-load-failures/run-$i-$(date +%Y%m%dT%H%M%S).log"
    echo "  log kept in ${TMPDIR:-/tmp}/addongrains-ci-load-failures/"
    rm -rf "$clone"
  fi
done

echo "$green/$runs green under load"
[[ $green -eq $runs ]]
