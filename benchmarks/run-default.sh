#!/bin/sh
# The default benchmark run on one machine: start the gateway with the README command (fresh PostgreSQL data
# directory), run every scenario against it, stop it. Usage, from the project root after
# `mvn -q -B -DskipTests package`:
#   benchmarks/run-default.sh [extra `run` options, e.g. --duration 20 --limit 20000]
# Set PROFILE=1 to record a JFR profile of the gateway during the search scenario (/tmp/carebridge-search.jfr).
set -eu
PORT=${PORT:-18480}
PGPORT=${PGPORT:-18481}
DATA=${DATA:-/tmp/carebridge-bench-pg}
BENCH="java -jar benchmarks/target/benchmarks.jar"
rm -rf "$DATA"
MICRONAUT_SERVER_PORT=$PORT java -Dcarebridge.store.embedded.data-dir="$DATA" -Dcarebridge.store.embedded.port=$PGPORT \
  -jar gateway/target/gateway.jar > /tmp/carebridge-bench-gateway.log 2>&1 &
GW=$!
trap 'kill $GW 2>/dev/null; wait $GW 2>/dev/null || true' EXIT INT TERM
i=0
until curl -sf -o /dev/null "http://localhost:$PORT/fhir/kent/metadata"; do
  i=$((i+1)); [ $i -gt 600 ] && { echo "gateway did not start (see /tmp/carebridge-bench-gateway.log)"; exit 1; }
  sleep 0.2
done
echo "gateway up: $(grep -o 'Startup completed in [0-9]*ms' /tmp/carebridge-bench-gateway.log || true); load: $(cat /proc/loadavg)"
PG=$(pgrep -f "postgres -D $DATA" | head -1 || echo 0)
COMMON="--base-url http://localhost:$PORT/fhir/kent --gateway-pid $GW --postgres-pid $PG"
$BENCH run --scenario fhir-ingest $COMMON "$@"
if [ "${PROFILE:-0}" = 1 ]; then jcmd $GW JFR.start name=search settings=profile filename=/tmp/carebridge-search.jfr > /dev/null; fi
$BENCH run --scenario fhir-search $COMMON "$@"
if [ "${PROFILE:-0}" = 1 ]; then jcmd $GW JFR.stop name=search > /dev/null; fi
$BENCH run --scenario fhir-read $COMMON "$@"
$BENCH run --scenario floor-copy,floor-parse --jdbc-url "jdbc:postgresql://localhost:$PGPORT/postgres?user=postgres" "$@"
echo "gateway RSS at the end: $(grep VmRSS /proc/$GW/status)"
