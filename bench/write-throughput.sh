#!/usr/bin/env bash
# Benchmark (issue 15): event creates per second with 8 writers, one tenant against 8 tenants, and
# 1 against 2 against 3 nodes of the jar on one database of the machine's PostgreSQL, with the CPU
# of each node and of PostgreSQL. A fresh database each run. BENCH_JAR: the jar to measure (default
# the one built here). Usage: bench/write-throughput.sh [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${1:-20}
PORT=${BENCH_PORT:-18093}
KEY=hk_bench_writes
ADMIN=hka_bench_writes_operator_key
export HORAE_ADMIN_API_KEY=$ADMIN HORAE_RATE_LIMIT_ENABLED=false
export HORAE_SECRET_KEYS=bench:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=
BENCH_DB=horae_bench_writes
BENCH_FRESH=1 BENCH_LOG=target/bench-writes-1.log source bench/service.sh
JAR=${BENCH_JAR:-$(ls target/horae-*.jar)}
if [ -n "${BENCH_JAR:-}" ]; then # measure the given jar on every node
  kill $SERVICE; while kill -0 $SERVICE 2>/dev/null; do sleep 0.2; done
  SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/$BENCH_DB SPRING_DATASOURCE_USERNAME=postgres \
    SERVER_PORT=$PORT java -jar "$JAR" > target/bench-writes-1.log 2>&1 &
  SERVICE=$!
  for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$PORT/actuator/health" >/dev/null && break; sleep 1; done
fi
PIDS=$SERVICE
URLS="http://127.0.0.1:$PORT"
for n in 2 3; do
  P=$((PORT + n - 1))
  SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/$BENCH_DB SPRING_DATASOURCE_USERNAME=postgres \
    SERVER_PORT=$P java -jar "$JAR" > "target/bench-writes-$n.log" 2>&1 &
  PIDS="$PIDS,$!"
  URLS="$URLS,http://127.0.0.1:$P"
  for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$P/actuator/health" >/dev/null && break; sleep 1; done
done
trap 'kill ${PIDS//,/ } 2>/dev/null || true' EXIT
./mvnw -B -q -f bench/pom.xml compile exec:java -Dbench.main=dev.horae.bench.WriteThroughputBenchmark \
  -Dbench.urls="$URLS" -Dbench.pids="$PIDS" -Dbench.admin-key=$ADMIN -Dbench.seconds="$SECONDS_EACH"
