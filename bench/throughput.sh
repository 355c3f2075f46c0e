#!/usr/bin/env bash
# Requests per second of the packaged JVM application under wrk, on two endpoints: a page of 20
# sources from PostgreSQL (list) and one source (retrieve), after a warm-up. RSS after the load.
#
# Usage: bench/throughput.sh [seconds]      (default 20 per endpoint)
# Environment: JAVA, JAVA_OPTS, APP_DIR as for bench/startup.sh; CONNECTIONS (default 32).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
java=${JAVA:-java}
app=${APP_DIR:-target/quarkus-app}
port=8089
export QUARKUS_HTTP_PORT=$port PLEXSRC_DB_NAME=${PLEXSRC_DB_NAME:-plexsrc_bench}
export PLEXSRC_TOKEN_ENCRYPTION_KEY=${PLEXSRC_TOKEN_ENCRYPTION_KEY:-$(openssl rand -base64 32)}
export MP_JWT_VERIFY_PUBLICKEY_LOCATION=$PWD/dev/publicKey.pem MP_JWT_VERIFY_ISSUER=plexsrc-dev

psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $PLEXSRC_DB_NAME WITH (FORCE)" -c "CREATE DATABASE $PLEXSRC_DB_NAME"
trap 'kill $pid 2>/dev/null; psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $PLEXSRC_DB_NAME WITH (FORCE)"' EXIT
# shellcheck disable=SC2086
(cd "$app" && exec "$java" ${JAVA_OPTS:-} -jar quarkus-run.jar) > /tmp/plexsrc-throughput.log 2>&1 &
pid=$!
until curl -sf -o /dev/null "http://127.0.0.1:$port/q/health/ready"; do sleep 0.05; done

token=$(dev/token.sh)
for i in $(seq 1 50); do
  curl -sf -o /dev/null -X POST "http://127.0.0.1:$port/api/v3/sources/plex/" -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/json' -d "{\"name\":\"bench $i\",\"slug\":\"bench-$i\",\"plex_token\":\"t$i\"}"
done
for path in "api/v3/sources/plex/?page_size=20" "api/v3/sources/plex/bench-7/"; do
  url="http://127.0.0.1:$port/$path"
  wrk -t2 -c"${CONNECTIONS:-32}" -d5s -H "Authorization: Bearer $token" "$url" > /dev/null   # warm-up
  rps=$(wrk -t2 -c"${CONNECTIONS:-32}" -d"${seconds}s" -H "Authorization: Bearer $token" "$url" | awk '/Requests\/sec/ {print $2}')
  echo "$path: $rps requests/s"
done
echo "RSS after load: $(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$pid/status") MiB (JAVA_OPTS='${JAVA_OPTS:-}')"
