#!/usr/bin/env bash
# Prints deploy/prometheus/alerts.yaml as a PrometheusRule (Prometheus Operator) for the kustomize base:
#   scripts/render-prometheusrule.sh > deploy/kubernetes/components/monitoring/prometheusrule.yaml
# One source of truth: a test fails when the committed file differs from this output.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cat <<'HEADER'
# Generated from deploy/prometheus/alerts.yaml by scripts/render-prometheusrule.sh: edit that file, not this one.
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata:
  name: addongrains
spec:
HEADER
grep -v '^#' "$root/deploy/prometheus/alerts.yaml" | sed 's/^\(.\)/  \1/'
