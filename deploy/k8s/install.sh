#!/usr/bin/env bash
# Installs Genoa into the cluster of the current kubectl context, tier by tier, in dependency order:
#   namespace → Redis, MinIO → front50 → clouddriver, igor → orca, echo → gate → deck
# waiting for each tier's workloads to be ready before the next. Generates the internal secret and
# MinIO credentials once (kept on re-runs). Re-running upgrades in place.
#
#   deploy/k8s/install.sh                 # uses the current context
#   KUBECTL_FLAGS="--context kind-genoa" deploy/k8s/install.sh
#   GENOA_ROLLOUT_TIMEOUT=600s deploy/k8s/install.sh
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
namespace=genoa
timeout="${GENOA_ROLLOUT_TIMEOUT:-300s}"
# shellcheck disable=SC2206
flags=(${KUBECTL_FLAGS:-})
k() { kubectl "${flags[@]}" "$@"; }
random() { head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n'; }

tiers=(
  "00-namespace"
  "10-redis 10-minio"
  "20-front50"
  "30-clouddriver 30-igor"
  "40-orca 40-echo"
  "50-gate"
  "60-deck"
)

ensure_secret() { # name key=value...
  local name="$1"
  shift
  if k -n "$namespace" get secret "$name" >/dev/null 2>&1; then
    echo "secret $name: kept"
    return
  fi
  {
    printf 'apiVersion: v1\nkind: Secret\ntype: Opaque\nmetadata:\n  name: %s\n  namespace: %s\n' "$name" "$namespace"
    printf '  labels:\n    app.kubernetes.io/part-of: genoa\nstringData:\n'
    for pair in "$@"; do printf '  %s: "%s"\n' "${pair%%=*}" "${pair#*=}"; done
  } | k apply -f - >/dev/null
  echo "secret $name: created"
}

for tier in "${tiers[@]}"; do
  echo "== tier: $tier"
  for component in $tier; do
    k apply -k "$here/$component" >/dev/null
    echo "applied $component"
  done
  if [ "$tier" = "00-namespace" ]; then
    ensure_secret genoa-internal "GENOA_INTERNAL_SECRET=$(random)"
    ensure_secret genoa-minio "MINIO_ROOT_USER=genoa" "MINIO_ROOT_PASSWORD=$(random)"
    if ! k -n "$namespace" get secret genoa-gate-admin >/dev/null 2>&1; then
      admin_password="$(random)"
      ensure_secret genoa-gate-admin "GATE_ADMIN_PASSWORD=$admin_password"
    else
      echo "secret genoa-gate-admin: kept"
    fi
    continue
  fi
  for component in $tier; do
    name="${component#*-}"
    k -n "$namespace" rollout status "deployment/$name" --timeout="$timeout" >/dev/null
    echo "ready $name"
  done
  if [[ " $tier " == *" 10-minio "* ]]; then
    k -n "$namespace" wait --for=condition=complete job/minio-create-bucket --timeout="$timeout" >/dev/null
    echo "ready bucket"
  fi
done

echo
echo "Genoa is installed in namespace $namespace."
echo "Reach Deck with:  kubectl -n $namespace port-forward svc/deck 9000:9000   then open http://127.0.0.1:9000"
echo "The gate API:     kubectl -n $namespace port-forward svc/gate 8084:8084"
if [ -n "${admin_password:-}" ]; then
  echo
  echo "Sign in as admin with password: $admin_password"
  echo "(shown once; it is kept in Secret $namespace/genoa-gate-admin)"
fi
