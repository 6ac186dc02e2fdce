#!/bin/sh
# The default benchmark run on one machine: start the gateway with the README command (`java -jar gateway.jar --demo`:
# embedded PostgreSQL in a fresh data directory, the development token issuer on, the demo channels of
# config/demo/routes), run every scenario against it with data protection and audit on, stop it. From the project
# root after `mvn -q -B -DskipTests package`:
#   benchmarks/run-default.sh [extra `run` options, passed to every scenario]
# Order: the FHIR ingest first (people, orders, the rota), then the feeds on that data (ECM events for its planned
# visits, Mosaic extracts, discharge referrals), then reads and searches, the floors, start-up.
# Environment:
#   SCENARIOS  default "fhir-ingest ecm-csv ecm-push mosaic-extract discharge-message discharge-mllp fhir-search
#              fhir-read floors startup" (floors = floor-copy, floor-parse, floor-feeds)
#   LIMIT      Appointments of the workload (default 1000000: more than the week holds, so all of it: the Kent week,
#              12,000 people, 251,993 Appointments, about 3 of the run's 10 minutes; 100000 = shared/performance.md's
#              anchor workload; 20000 (955 people) for a quick run). The ECM scenarios send the events of these
#              planned visits for the first 32 providers (the demo channels').
#   MOSAIC_PEOPLE people in the Mosaic extracts (default 12000: all of Kent; smaller for a quicker run)
#   TIMING     default "--warmup 5 --duration 15" for the timed scenarios ("" = the driver's 15 s + 60 s)
#   WEEK       the Monday the synthetic week starts (default: the first Monday after today, UTC): every visit the
#              ingest plans is still to come, so the gateway's missed-visit check finds none due during the run.
#              Kept data (KEEP_DATA=1) was planned for the week of its ingest: pass that week again.
#   RATE       the open-loop rate of the discharge scenarios, messages (MLLP: A01+A03 pairs) per second (default 50,
#              the goal's); each runs closed loop first (its capacity), then at RATE. RATE=0: closed loop only.
#   GATEWAY_JAR (default gateway/target/gateway.jar), KEEP_DATA=1 reuses an ingested data directory,
#   PORT / PGPORT / MLLP_PORT / DATA: ports and data directory of this run's gateway (defaults 18480, 18481,
#              PORT+2, /tmp/carebridge-bench-pg), so that runs beside other gateways do not collide,
#   GATEWAY_OPTS=  more JVM options for the gateway (e.g. -XX:ActiveProcessorCount=2),
#   PROFILE=1  records a JFR profile of the gateway during the search scenario (/tmp/carebridge-search.jfr),
#   PROFILE_FEEDS=1 one during each feed scenario (/tmp/carebridge-<scenario>.jfr; a discharge one covers both loops).
#   STATEMENTS=1 PostgreSQL's statements per gateway scenario, by total time (pg_stat_statements, loaded for the run:
#              carebridge.store.embedded.statement-statistics), in /tmp/carebridge-statements-<scenario>.txt (needs psql).
# Exit status 0 when every scenario ran, 1 when one failed (the others still run). JSON results: benchmarks/results/.
set -eu
PORT=${PORT:-18480}
PGPORT=${PGPORT:-18481}
MLLP_PORT=${MLLP_PORT:-$((PORT + 2))}
DATA=${DATA:-/tmp/carebridge-bench-pg}
JAR=${GATEWAY_JAR:-gateway/target/gateway.jar}
LIMIT=${LIMIT:-1000000}
SCENARIOS=${SCENARIOS:-"fhir-ingest ecm-csv ecm-push mosaic-extract discharge-message discharge-mllp fhir-search fhir-read floors startup"}
TIMING=${TIMING-"--warmup 5 --duration 15"}
WEEK=${WEEK:-$(date -u -d 'next monday' +%F)}
RATE=${RATE:-50}
# The --demo gateway's ECM push channels all take this published demo key (config/demo/routes/kent.yaml). DEMO ONLY.
DEMO_ECM_KEY=demo-ecm-key-NOT-A-SECRET
BENCH="java -jar benchmarks/target/benchmarks.jar"
LOG=/tmp/carebridge-bench-gateway-$PORT.log
RESULTS=benchmarks/results
[ "${KEEP_DATA:-0}" = 1 ] || rm -rf "$DATA"
# The demo channels, with the MLLP listener moved to this run's port (a second demo gateway on the box keeps 2575).
ROUTES=$(mktemp -d /tmp/carebridge-bench-routes.XXXXXX)
sed "s/^\( *port:\) 2575\$/\1 $MLLP_PORT/" config/demo/routes/kent.yaml > "$ROUTES/kent.yaml"
# The README's run command (the launcher: bounded heap, class-data archive), with this run's ports and directories.
MICRONAUT_SERVER_PORT=$PORT CAREBRIDGE_JAR="$JAR" JAVA_OPTS="-XX:FlightRecorderOptions:stackdepth=256 \
  -Dcarebridge.store.embedded.data-dir=$DATA -Dcarebridge.store.embedded.port=$PGPORT -Dcarebridge.routes.config-dir=$ROUTES \
  -Dcarebridge.store.embedded.statement-statistics=$([ "${STATEMENTS:-0}" = 1 ] && echo true || echo false) ${GATEWAY_OPTS:-}" \
  gateway/bin/gateway --demo > "$LOG" 2>&1 &
GW=$!
stop_gateway() {
  if kill -0 "$GW" 2>/dev/null; then kill "$GW" 2>/dev/null || true; fi
  wait "$GW" 2>/dev/null || true
}
trap 'stop_gateway; rm -rf "$ROUTES"' EXIT
trap 'exit 130' INT TERM
i=0
until curl -sf -o /dev/null "http://localhost:$PORT/fhir/kent/metadata"; do
  i=$((i+1)); [ $i -gt 1500 ] && { echo "gateway did not start (see $LOG)"; exit 1; }
  kill -0 "$GW" 2>/dev/null || { echo "gateway exited at start (see $LOG)"; exit 1; }
  sleep 0.2
done
echo "gateway up: $(grep -o 'Startup completed in [0-9]*ms' "$LOG" || true); load: $(cat /proc/loadavg)"
PG=$(pgrep -f "postgres -D $DATA" | head -1 || echo 0)
COMMON="--base-url http://localhost:$PORT/fhir/kent --gateway-pid $GW --postgres-pid $PG --limit $LIMIT $TIMING"
COMMON="$COMMON --mosaic-people ${MOSAIC_PEOPLE:-12000} --week-start $WEEK"
echo "synthetic week from $WEEK; discharge at ${RATE}/s (open loop) after the closed loop"
FAILED=""
STARTED=$(date +%s)
# profiled NAME CMD...: runs CMD, with a JFR recording of the gateway around it when asked for.
profiled() {
  name=$1; shift
  if [ "$name" != "" ]; then jcmd "$GW" JFR.start name="$name" settings=profile filename="/tmp/carebridge-$name.jfr" > /dev/null || true; fi
  rc=0; "$@" || rc=$?
  if [ "$name" != "" ]; then jcmd "$GW" JFR.stop name="$name" > /dev/null || true; fi
  return $rc
}
# discharge NAME [run options]: the scenario closed loop (its capacity), then at RATE open loop (the goal's latency).
discharge() {
  d=$1; shift
  $BENCH run --scenario "$d" $COMMON "$@" || return 1
  if [ "$RATE" != 0 ]; then $BENCH run --scenario "$d" $COMMON --rate "$RATE" "$@"; fi
}
# statements NAME reset|dump: with STATEMENTS=1, PostgreSQL's statement statistics reset before a scenario, dumped after.
statements() {
  [ "${STATEMENTS:-0}" = 1 ] && kill -0 "$GW" 2>/dev/null || return 0
  q="select pg_stat_statements_reset()"
  [ "$2" = dump ] && q="select calls, round(total_exec_time::numeric) as total_ms, round((total_exec_time / calls)::numeric, 3) as ms_per_call,
    rows, (shared_blks_hit + shared_blks_read) / calls as buffers_per_call, regexp_replace(query, '\s+', ' ', 'g') as query
    from pg_stat_statements order by total_exec_time desc limit 25"
  PGPASSWORD=postgres psql -h localhost -p "$PGPORT" -U postgres -d postgres -c "$q" > "/tmp/carebridge-statements-$1.txt" 2>&1 || true
}
for s in $SCENARIOS; do
  t0=$(date +%s)
  case $s in floors|startup) ;; *) statements "$s" reset ;; esac
  jfr=""
  case $s in
    fhir-search) [ "${PROFILE:-0}" = 1 ] && jfr=search ;;
    ecm-*|mosaic-*|discharge-*) [ "${PROFILE_FEEDS:-0}" = 1 ] && jfr=$s ;;
  esac
  case $s in
    ecm-csv|ecm-push)
      profiled "$jfr" $BENCH run --scenario "$s" $COMMON --api-key "$DEMO_ECM_KEY" "$@" || FAILED="$FAILED $s" ;;
    discharge-message|discharge-mllp)
      extra=""; [ "$s" = discharge-mllp ] && extra="--mllp localhost:$MLLP_PORT"
      profiled "$jfr" discharge "$s" $extra "$@" || FAILED="$FAILED $s" ;;
    floors)
      $BENCH run --scenario floor-copy,floor-parse,floor-feeds --week-start "$WEEK" --jdbc-url "jdbc:postgresql://localhost:$PGPORT/postgres?user=postgres" \
        --limit "$LIMIT" $TIMING "$@" || FAILED="$FAILED $s" ;;
    startup)
      echo "gateway RSS before its stop: $(grep VmRSS /proc/$GW/status)"
      stop_gateway
      # Warm starts on the data directory the run just used: PostgreSQL is initialised and holds the workload.
      $BENCH run --scenario startup --gateway-jar "$JAR" --data-dir "$DATA" "$@" || FAILED="$FAILED $s" ;;
    *)
      profiled "$jfr" $BENCH run --scenario "$s" $COMMON "$@" || FAILED="$FAILED $s" ;;
  esac
  case $s in floors|startup) ;; *) statements "$s" dump ;; esac
  echo "-- $s took $(( $(date +%s) - t0 )) s"
done
if kill -0 "$GW" 2>/dev/null; then echo "gateway RSS at the end: $(grep VmRSS /proc/$GW/status)"; fi
echo "load average at the end: $(cat /proc/loadavg); scenarios took $(( $(date +%s) - STARTED )) s"
echo "JSON results: $RESULTS/<scenario>-<timestamp>.json (this run's: ls -t $RESULTS | head); gateway log: $LOG"
if [ -n "$FAILED" ]; then echo "FAILED:$FAILED"; exit 1; fi
exit 0
