#!/usr/bin/env bash
# App-SRE PR check: exactly what .ci/run runs (the README's test command; its last line is "N passed, N failed, N skipped").
set -euo pipefail
cd "$(dirname "$0")"
exec ./.ci/run "$@"
