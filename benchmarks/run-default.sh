#!/bin/sh
# The default benchmark run on one machine: start the gateway with the README command (`java -jar gateway.jar --demo`:
# embedded PostgreSQL in a fresh data directory, the development token issuer on), run the scenarios against it with
# data protection and audit on (ingest as council staff, reads and searches as providers), stop it. From the
# project root after `mvn -q -B -DskipTests package`:
#   benchmarks/run-default.sh [extra `run` options, e.g. --duration 20 --limit 20000]
# Environment: GATEWAY_JAR (default gateway/target/gateway.jar), SCENARIOS (default fhir-ingest fhir-search fhir-read
# floors startup), TIMING (default "--warmup 10 --duration 30": keeps the run within 10 minutes; "" = the driver's
# 15 s + 60 s), KEEP_DATA=1 reuses an ingested data directory, PROFILE=1 records a JFR profile of the gateway during the search scenario (/tmp/carebridge-search.jfr).
set -eu
PORT=${PORT:-18480}
PGPORT=${PGPORT:-18481}
DATA=${DATA:-/tmp/carebridge-bench-pg}
JAR=${GATEWAY_JAR:-gateway/target/gateway.jar}
SCENARIOS=${SCENARIOS:-"fhir-ingest fhir-search fhir-read floors startup"}
BENCH="java -jar benchmarks/target/benchmarks.jar"
[ "${KEEP_DATA:-0}" = 1 ] || rm -rf "$DATA"
MICRONAUT_SERVER_PORT=$PORT CAREBRIDGE_JAR="$JAR" JAVA_OPTS="-XX:FlightRecorderOptions:stackdepth=256 -Dcarebridge.store.embedded.data-dir=$DATA \
  -Dcarebridge.store.embedded.port=$PGPORT" gateway/bin/gateway --demo > /tmp/carebridge-bench-gateway.log 2>&1 &
GW=$!
trap 'kill $GW 2>/dev/null; wait $GW 2>/dev/null || true' EXIT INT TERM
i=0
until curl -sf -o /dev/null "http://localhost:$PORT/fhir/kent/metadata"; do
  i=$((i+1)); [ $i -gt 600 ] && { echo "gateway did not start (see /tmp/carebridge-bench-gateway.log)"; exit 1; }
  sleep 0.2
done
echo "gateway up: $(grep -o 'Startup completed in [0-9]*ms' /tmp/carebridge-bench-gateway.log || true); load: $(cat /proc/loadavg)"
PG=$(pgrep -f "postgres -D $DATA" | head -1 || echo 0)
TIMING=${TIMING-"--warmup 10 --duration 30"}
COMMON="--base-url http://localhost:$PORT/fhir/kent --gateway-pid $GW --postgres-pid $PG $TIMING"
for s in $SCENARIOS; do
  case $s in
    fhir-search)
      if [ "${PROFILE:-0}" = 1 ]; then jcmd $GW JFR.start name=search settings=profile filename=/tmp/carebridge-search.jfr > /dev/null; fi
      $BENCH run --scenario fhir-search $COMMON "$@" || true
      if [ "${PROFILE:-0}" = 1 ]; then jcmd $GW JFR.stop name=search > /dev/null; fi ;;
    floors)
      $BENCH run --scenario floor-copy,floor-parse --jdbc-url "jdbc:postgresql://localhost:$PGPORT/postgres?user=postgres" $TIMING "$@" || true ;;
    startup)
      echo "gateway RSS before its stop: $(grep VmRSS /proc/$GW/status)"
      kill $GW; wait $GW 2>/dev/null || true
      # Warm starts on the data directory the run just used: PostgreSQL is initialised and holds the workload.
      $BENCH run --scenario startup --gateway-jar "$JAR" --data-dir "$DATA" "$@" || true ;;
    *)
      $BENCH run --scenario "$s" $COMMON "$@" || true ;;
  esac
done
if kill -0 $GW 2>/dev/null; then echo "gateway RSS at the end: $(grep VmRSS /proc/$GW/status)"; fi; exit 0
