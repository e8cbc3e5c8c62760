#!/usr/bin/env bash
# Benchmark: Query Events (one schedule, one week) through HTTP vs the same query as raw SQL over
# JDBC, in one run, on the machine's PostgreSQL with 1,000,000 events across 1,000 schedules.
# Usage: bench/query-events.sh [iterations]      (the first run seeds the data, about a minute)
set -euo pipefail
cd "$(dirname "$0")/.."
ITERATIONS=${1:-5000}
PORT=${BENCH_PORT:-18089}
KEY=hk_bench_query_events
source bench/service.sh
./mvnw -B -q -f bench/pom.xml compile exec:java -Dbench.url="http://127.0.0.1:$PORT" -Dbench.key=$KEY \
  -Dbench.jdbc="jdbc:postgresql://127.0.0.1:5432/horae_bench?user=postgres" -Dbench.iterations="$ITERATIONS"
