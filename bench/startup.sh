#!/usr/bin/env bash
# Cold start of plexsrc against the framework's floor: a bare Quarkus app (bench/baseline: the same
# platform with only REST + Jackson and health, one JSON call), built here with plexsrc's packaging,
# both started alternately, each with its own AOT cache and then without any, with the
# Dockerfile.jvm flags. plexsrc starts as a serving pod does: on a migrated database, without
# migrating. Prints each start, then the medians and ratios.
#
# Usage: bench/startup.sh [rounds]   (default 7; each round starts each app twice per cache mode)
#
# Environment:
#   JAVA       the java to run (default /usr/lib/jvm/temurin-25-jdk-amd64/bin/java, else java)
#   JAVA_OPTS  JVM flags of both apps (default, as Dockerfile.jvm: -XX:+UseSerialGC -Xmx128m)
#   APP_DIR    plexsrc's jar directory (default target/quarkus-app; built when missing). Its
#              app.aot is used, recorded with src/main/docker/aot-train.sh when missing
#   MODES      which runs: "aot plain" (default), "aot" or "plain"
#   PORT       HTTP port of the measured apps (default: the first free one from 8189)
#
# Measured for each start, from the exec of java:
#   ready  the first 200 of GET /q/health/ready, polled every 5 ms; RSS (VmRSS) at that moment
#   cold   in a start of its own, the first 200 of the call a scale-to-zero user waits for,
#          polled every 5 ms: plexsrc's authenticated retrieve of a source (start, database
#          connection, token check, first query), the bare app's GET /hello
# Targets (ratios plexsrc / bare app of the medians): ready <= 1.5 with AOT caches and <= 2
# without; cold <= 2; RSS at ready <= 1.5.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
rounds=${1:-7}
[[ $rounds =~ ^[1-9][0-9]*$ ]] || { echo "usage: bench/startup.sh [rounds]" >&2; exit 2; }
modes=${MODES:-aot plain}

log() { printf '[startup %3ds] %s\n' "$SECONDS" "$*" >&2; }
die() { printf 'bench/startup.sh: %s\n' "$*" >&2; exit 1; }

if [[ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]]; then
  java=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
else
  java=${JAVA:-java}
fi
java_opts=${JAVA_OPTS--XX:+UseSerialGC -Xmx128m}
pg=(-h 127.0.0.1 -p 5432 -U postgres)
pg_isready "${pg[@]}" -q || die "PostgreSQL does not answer on 127.0.0.1:5432 (user postgres, trust auth)"

# --- the two apps, built with the same packaging -------------------------------------------
app=${APP_DIR:-target/quarkus-app}
if [[ ! -f $app/quarkus-run.jar ]]; then
  log "no $app/quarkus-run.jar: building it"
  ./mvnw -B -q package -DskipTests >&2
fi
app=$(cd "$app" && pwd)
# aot-jar's launcher is AotQuarkusEntryPoint; fast-jar's is QuarkusEntryPoint
packaging=fast-jar
unzip -p "$app/quarkus-run.jar" META-INF/MANIFEST.MF | grep -q AotQuarkusEntryPoint && packaging=aot-jar
bare=$root/bench/baseline/target/quarkus-app
bare_packaging=
[[ -f $bare/quarkus-run.jar ]] && bare_packaging=fast-jar &&
  unzip -p "$bare/quarkus-run.jar" META-INF/MANIFEST.MF | grep -q AotQuarkusEntryPoint && bare_packaging=aot-jar
if [[ $bare_packaging != "$packaging" ]]; then
  log "building the bare app (bench/baseline) as $packaging"
  rm -f "$bare/app.aot"
  ./mvnw -B -q -f bench/baseline/pom.xml package -Dquarkus.package.jar.type="$packaging" >&2
fi

if [[ -n ${PORT:-} ]]; then
  port=$PORT
else
  port=8189
  while (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null; do
    port=$((port + 1))
    ((port < 8289)) || die "no free port in 8189-8288"
  done
fi
base=http://127.0.0.1:$port

db=plexsrc_startup_$$
work=$(mktemp -d "${TMPDIR:-/tmp}/plexsrc-startup.XXXXXX")
pid=
db_created=false
# shellcheck disable=SC2317  # reached through the trap
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_app
  $db_created && psql "${pg[@]}" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" > /dev/null 2>&1
  rm -rf "$work"
  exit "$rc"
}
stop_app() {
  [[ -n $pid ]] || return 0
  kill "$pid" 2> /dev/null || true
  wait "$pid" 2> /dev/null || true
  pid=
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- a migrated database with one source --------------------------------------------------
psql "${pg[@]}" -qc "CREATE DATABASE $db" > /dev/null
db_created=true
export QUARKUS_HTTP_PORT=$port PLEXSRC_DB_NAME=$db PLEXSRC_SHUTDOWN_DELAY=0s
PLEXSRC_TOKEN_ENCRYPTION_KEY=${PLEXSRC_TOKEN_ENCRYPTION_KEY:-$(openssl rand -base64 32)}
export PLEXSRC_TOKEN_ENCRYPTION_KEY
export MP_JWT_VERIFY_PUBLICKEY_LOCATION=$root/dev/publicKey.pem MP_JWT_VERIFY_ISSUER=plexsrc-dev
token=$(TTL=86400 "$root/dev/token.sh" admin)

log "migrating $db (one-shot run, as the migration Job)"
# shellcheck disable=SC2086
(cd "$app" && QUARKUS_INIT_AND_EXIT=true PLEXSRC_MIGRATE_AT_START=true \
  exec timeout 300 "$java" $java_opts -jar quarkus-run.jar) > "$work/migrate.log" 2>&1 ||
  { tail -n 30 "$work/migrate.log" >&2; die "the migration run failed"; }

# Starts an app (plexsrc or bare) in the background; sets pid and start (ns).
launch() {
  local dir=$1 opts=$2
  start=$(date +%s%N)
  # shellcheck disable=SC2086
  (cd "$dir" && PLEXSRC_MIGRATE_AT_START=false exec "$java" $java_opts $opts -jar quarkus-run.jar) \
    > "$work/app.log" 2>&1 &
  pid=$!
}
# Polls a URL every 5 ms until it answers 200; prints the milliseconds since start.
first_200() {
  local url=$1 auth=${2:-} deadline=$((SECONDS + 60))
  until [[ $(curl -s -o /dev/null -w '%{http_code}' ${auth:+-H "Authorization: Bearer $auth"} "$url") == 200 ]]; do
    kill -0 "$pid" 2> /dev/null || { tail -n 30 "$work/app.log" >&2; die "the app exited before answering $url"; }
    ((SECONDS < deadline)) || die "no 200 from $url within 60 s"
    sleep 0.005
  done
  echo $((($(date +%s%N) - start) / 1000000))
}

launch "$app" ""
first_200 "$base/q/health/ready" > /dev/null
slug=startup-probe
curl -sf -o /dev/null -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d "{\"name\":\"Startup probe\",\"slug\":\"$slug\",\"client_id\":\"startup-probe\",\"plex_token\":\"probe-token\"}" \
  "$base/api/v3/sources/plex/" || die "could not create the probe source"
stop_app
retrieve=$base/api/v3/sources/plex/$slug/

# --- AOT caches, each app its own ------------------------------------------------------------
if [[ $modes == *aot* ]]; then
  if [[ ! -s $app/app.aot ]]; then
    log "recording plexsrc's AOT cache (src/main/docker/aot-train.sh)"
    JAVA=$java bash src/main/docker/aot-train.sh "$app" >&2
  fi
  if [[ ! -s $bare/app.aot ]]; then
    log "recording the bare app's AOT cache"
    launch "$bare" "-XX:AOTCacheOutput=app.aot"
    first_200 "$base/q/health/ready" > /dev/null
    for _ in 1 2 3; do curl -s -o /dev/null "$base/hello"; curl -s -o /dev/null "$base/q/health/live"; done
    stop_app   # the JVM writes the cache as it exits
    [[ -s $bare/app.aot ]] || die "the bare app's AOT cache was not written"
  fi
fi

# --- alternating starts ------------------------------------------------------------------------
median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }

for mode in $modes; do
  opts=
  [[ $mode == aot ]] && opts="-XX:AOTCache=app.aot"
  for round in $(seq 1 "$rounds"); do
    # Odd rounds start the bare app first, even rounds plexsrc: neither always follows the other.
    order="bare plexsrc"
    ((round % 2 == 0)) && order="plexsrc bare"
    for who in $order; do
      if [[ $who == bare ]]; then dir=$bare url=$base/hello auth=; else dir=$app url=$retrieve auth=$token; fi
      launch "$dir" "$opts"
      ready=$(first_200 "$base/q/health/ready")
      rss=$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$pid/status")
      stop_app
      launch "$dir" "$opts"
      cold=$(first_200 "$url" "$auth")
      stop_app
      echo "$mode $who $ready $cold $rss" >> "$work/starts"
      log "$mode round $round $who: ready ${ready} ms, cold ${cold} ms, RSS ${rss} MiB"
    done
  done
done

# --- report --------------------------------------------------------------------------------------
echo "| cache | app | ready (median) | cold path (median) | RSS at ready (median) |"
echo "|---|---|---:|---:|---:|"
for mode in $modes; do
  for who in bare plexsrc; do
    for col in 3 4 5; do
      awk -v m="$mode" -v w="$who" -v c="$col" '$1 == m && $2 == w {print $c}' "$work/starts" | median > "$work/$mode.$who.$col"
    done
    echo "| $mode | $who | $(< "$work/$mode.$who.3") ms | $(< "$work/$mode.$who.4") ms | $(< "$work/$mode.$who.5") MiB |"
  done
done
echo
echo "| cache | ratio plexsrc / bare | ready | cold path | RSS at ready |"
echo "|---|---|---:|---:|---:|"
for mode in $modes; do
  target_ready=1.5
  [[ $mode == plain ]] && target_ready=2
  r() { ratio "$(< "$work/$mode.plexsrc.$1")" "$(< "$work/$mode.bare.$1")"; }
  echo "| $mode | measured | $(r 3) | $(r 4) | $(r 5) |"
  echo "| $mode | target | <= $target_ready | <= 2 | <= 1.5 |"
done
echo
echo "$rounds rounds; $packaging; $("$java" -version 2>&1 | head -1); JAVA_OPTS='$java_opts'; plexsrc $app"
