#!/usr/bin/env bash
# Start-up to the first 200 on /q/health/ready, and resident memory at that moment, of the packaged
# JVM application, over several runs against the local PostgreSQL. Prints each run and the median.
#
# Usage: bench/startup.sh [runs]            (default 5)
# Environment: JAVA (default: java on PATH), JAVA_OPTS (extra JVM flags, e.g. -XX:AOTCache=app.aot),
#              APP_DIR (default target/quarkus-app), and any application setting, e.g.
#              PLEXSRC_MIGRATE_AT_START=false.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
java=${JAVA:-java}
app=${APP_DIR:-target/quarkus-app}
port=${QUARKUS_HTTP_PORT:-8089}
export QUARKUS_HTTP_PORT=$port
export PLEXSRC_TOKEN_ENCRYPTION_KEY=${PLEXSRC_TOKEN_ENCRYPTION_KEY:-$(openssl rand -base64 32)}
export MP_JWT_VERIFY_PUBLICKEY_LOCATION=${MP_JWT_VERIFY_PUBLICKEY_LOCATION:-$PWD/dev/publicKey.pem}
export MP_JWT_VERIFY_ISSUER=${MP_JWT_VERIFY_ISSUER:-plexsrc-dev}

times=()
for i in $(seq 1 "$runs"); do
  start=$(date +%s%N)
  # shellcheck disable=SC2086
  (cd "$app" && exec "$java" ${JAVA_OPTS:-} -jar quarkus-run.jar) > /tmp/plexsrc-startup.log 2>&1 &
  pid=$!
  trap 'kill $pid 2>/dev/null || true' EXIT
  until curl -sf -o /dev/null "http://127.0.0.1:$port/q/health/ready"; do
    kill -0 "$pid" 2>/dev/null || { echo "application exited; see /tmp/plexsrc-startup.log" >&2; exit 1; }
    sleep 0.01
  done
  ms=$((($(date +%s%N) - start) / 1000000))
  rss=$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$pid/status")
  started=$(grep -o 'started in [0-9.]*s' /tmp/plexsrc-startup.log | head -1 || true)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "run $i: ready after ${ms} ms, RSS ${rss} MiB (${started})"
  times+=("$ms")
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "median: ${median} ms to ready over $runs runs ($("$java" -version 2>&1 | head -1); JAVA_OPTS='${JAVA_OPTS:-}')"
