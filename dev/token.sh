#!/usr/bin/env bash
# Prints a development bearer token signed with dev/privateKey.pem, which only the %dev profile
# trusts. Usage: dev/token.sh [group ...]   (default group: admin)
# Environment: SUB (user id, default 1), TTL (seconds, default 3600), ISSUER (default plexsrc-dev).
set -euo pipefail
key="$(cd "$(dirname "$0")" && pwd)/privateKey.pem"
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

[ $# -gt 0 ] || set -- admin
groups=$(printf '"%s",' "$@")
now=$(date +%s)
header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
claims=$(printf '{"iss":"%s","sub":"%s","groups":[%s],"iat":%d,"exp":%d}' \
  "${ISSUER:-plexsrc-dev}" "${SUB:-1}" "${groups%,}" "$now" "$((now + ${TTL:-3600}))" | b64url)
signature=$(printf '%s.%s' "$header" "$claims" | openssl dgst -sha256 -sign "$key" -binary | b64url)
printf '%s.%s.%s\n' "$header" "$claims" "$signature"
