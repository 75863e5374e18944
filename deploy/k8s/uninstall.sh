#!/usr/bin/env bash
# Removes Genoa: every object of deploy/k8s, in reverse tier order. Persistent volumes (Redis data,
# MinIO objects) and the generated secrets are deleted with the namespace; back them up first.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck disable=SC2206
flags=(${KUBECTL_FLAGS:-})
k() { kubectl "${flags[@]}" "$@"; }
for component in 60-deck 50-gate 40-echo 40-orca 30-igor 30-clouddriver 20-front50 10-minio 10-redis 00-namespace; do
  k delete -k "$here/$component" --ignore-not-found --wait=true >/dev/null
  echo "deleted $component"
done
