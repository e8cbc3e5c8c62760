#!/usr/bin/env bash
# Benchmark: Query Events (one schedule, one week) through HTTP vs the same query as raw SQL over
# JDBC, in one run, on the machine's PostgreSQL with 1,000,000 events across 1,000 schedules.
# Usage: bench/query-events.sh [iterations]      (the first run seeds the data, about a minute)
set -euo pipefail
cd "$(dirname "$0")/.."
ITERATIONS=${1:-5000}
PORT=${BENCH_PORT:-18089}
KEY=hk_bench_query_events
# the measured service counts every request against its key's and tenant's buckets, with limits high
# enough never to refuse one; a second node on the same database has rate limits off, or is the jar
# $BENCH_SECOND_JAR (e.g. an earlier version, to compare against it; BENCH_SECOND_RATE_LIMITS=true
# then keeps its rate limits on, so only the jars differ)
export HORAE_RATE_LIMIT_KEY_PER_MINUTE=100000000 HORAE_RATE_LIMIT_TENANT_PER_MINUTE=100000000
BENCH_DB=${BENCH_DB:-horae_bench_query_events} # its own: another benchmark's tenant in horae_bench would hold the bootstrap key
source bench/service.sh
UNLIMITED_PORT=$((PORT + 1))
SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/$BENCH_DB SPRING_DATASOURCE_USERNAME=postgres HORAE_RATE_LIMIT_ENABLED=${BENCH_SECOND_RATE_LIMITS:-false} \
  SERVER_PORT=$UNLIMITED_PORT java -jar "${BENCH_SECOND_JAR:-$(ls target/horae-*.jar)}" > "${BENCH_LOG%.log}-unlimited.log" 2>&1 &
UNLIMITED=$!
trap 'kill $SERVICE $UNLIMITED 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$UNLIMITED_PORT/actuator/health" >/dev/null && break; sleep 1; done
./mvnw -B -q -f bench/pom.xml compile exec:java -Dbench.url="http://127.0.0.1:$PORT" -Dbench.key=$KEY \
  -Dbench.urlWithoutLimits="http://127.0.0.1:$UNLIMITED_PORT" -Dbench.secondLabel="${BENCH_SECOND_LABEL:-rate limits off}" \
  -Dbench.jdbc="jdbc:postgresql://127.0.0.1:5432/$BENCH_DB?user=postgres" -Dbench.iterations="$ITERATIONS"
