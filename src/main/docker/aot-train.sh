#!/usr/bin/env bash
# Records an AOT cache (JEP 483/515) for the aot-jar in APP_DIR: starts the application with
# -XX:AOTCacheOutput, sends it the requests that need no database (health, OpenAPI, a refused
# call), then stops it; the JVM writes the cache as it exits. Run it with the JDK, and against the
# class path, that will run the application: Dockerfile.jvm runs it inside the runtime image.
#
# Usage: aot-train.sh [APP_DIR]        (default: the current directory)
# Environment: JAVA (default: java on PATH).
set -euo pipefail
cd "${1:-.}"
port=8099

# Throwaway settings: the training needs no database and trusts no real key.
export QUARKUS_HTTP_PORT=$port PLEXSRC_MIGRATE_AT_START=false PLEXSRC_DB_PORT=1
export PLEXSRC_TOKEN_ENCRYPTION_KEY=dHJhaW5pbmctb25seS10cmFpbmluZy1vbmx5LWtleSE=
export MP_JWT_VERIFY_ISSUER=aot-training MP_JWT_VERIFY_PUBLICKEY="
-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAoyI+Cbk93kCzu/n8DVuB
dzlX5O3Qn/SFstOHLX5mV+vY4USsx3wrj0Kas6c4Kk5p9gYKbxS/9wrkCJjHD5qM
I6xso/U2r70JvtPbvQKM+RmbgYuyX0Mfm7tTsTppnQIYleG4drMS0uts0E7QPBrM
6cgn4oKzHWUHdHrozAlR6ZPhWlfCY2dyFs79zMiymHohlR/WakQq19GlVCCyQVdk
nF1xvRXT/E6LTNGlXuPh4/mauBjvXe7eT4d5+7HsPFklhdoDWE/ZxcFvaQmFTSQw
DImQOS5pPx/RSL4jaN5mxj6xOMG72XnwCRtZJWPxpwg8Pq6NyitwKY86Ro3JEjkH
WQIDAQAB
-----END PUBLIC KEY-----
"

"${JAVA:-java}" -XX:AOTCacheOutput=app.aot -jar quarkus-run.jar > aot-train.log 2>&1 &
pid=$!

# One HTTP/1.0 GET over bash's /dev/tcp (no curl in slim images); prints the status line.
get() {
  exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
  if [ -n "${2:-}" ]; then
    printf 'GET %s HTTP/1.0\r\nHost: localhost\r\n%s\r\n\r\n' "$1" "$2" >&3
  else
    printf 'GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n' "$1" >&3
  fi
  head -1 <&3
  exec 3>&-
}

for _ in $(seq 1 300); do
  get /q/health/live > /dev/null 2>&1 && break
  kill -0 "$pid" || { cat aot-train.log; exit 1; }
  sleep 0.1
done
# A token the training key signed (iss aot-training, admin, exp 2100): its calls go through the
# signature check and the authorization a real first call takes, to the database that is not there.
token=eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJhb3QtdHJhaW5pbmciLCJzdWIiOiIxIiwiZ3JvdXBzIjpbImFkbWluIl0sImlhdCI6MTc5NjU2MzY3NiwiZXhwIjo0MTAyNDQ0ODAwfQ.Sx033iJNO6v4ES-SfSaU1SAIcVytCo6sZOgS4IYjmhf-Ao5jpN8-AWIFAAYetp7A-wLwkPIDzDViADtlvygrmVg7wC3ZiE6ZAWIh7XLgEAh5_1ri6DViEADlye79MmXj5JeS8EdbCEvnpgON8eIBLfgd1mFAsB9EuVhbhKkHKe2ptRvDNUInDbCI2YAF1qOrA0EQMRnD9mrPkZ2hb5zujZgu8mqqqR5K9K5bKzNhXrhOfMQijZMpaTJYw0QsfTSnKuyeUmgTGQCsNjCENPA3SoVUnvRnucSUcq7DQbeUekUFsmxaF7ie6aloLBsDWeCOoTPGc3l5MJw1cw9R24O2uQ
for round in 1 2 3; do
  get /q/health/live; get /q/health/ready; get /q/openapi; get /q/metrics
  get /api/v3/sources/plex/; get /api/v3/sources/plex/ 'Authorization: Bearer not-a-token'
  get /api/v3/sources/user_connections/plex/1/ 'Authorization: Bearer x.y.z'
  get /api/v3/sources/plex/training/ "Authorization: Bearer $token"
  get /api/v3/sources/user_connections/plex/ "Authorization: Bearer $token"
done > /dev/null
kill -TERM "$pid"
wait "$pid" || true
rm -f aot-train.log
[ -s app.aot ] && echo "AOT cache recorded: $(du -h app.aot | cut -f1)"
