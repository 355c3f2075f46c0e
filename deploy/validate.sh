#!/usr/bin/env bash
# Renders deploy/overlays/dev, deploy/overlays/prod and deploy/knative with `kubectl kustomize` and
# validates every manifest against the Kubernetes and Knative schemas. Needs node, npm and kubectl
# (no cluster). Exits non-zero on any schema error.
#   bash deploy/validate.sh
set -euo pipefail
cd "$(dirname "$0")/validate"

# Installs exactly what package-lock.json pins; quiet unless it fails.
if ! npm_log=$(npm ci --no-audit --no-fund --loglevel=error 2>&1); then
  printf '%s\n' "$npm_log" >&2
  echo "validate.sh: npm ci failed" >&2
  exit 1
fi
node validate.mjs
