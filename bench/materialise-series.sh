#!/usr/bin/env bash
# Benchmark: create 10,000 weekly recurring masters through HTTP, each materialised for the one-year
# events view (with its outbox records), on a fresh database of the machine's PostgreSQL.
# Usage: bench/materialise-series.sh [masters] [clients]
set -euo pipefail
cd "$(dirname "$0")/.."
MASTERS=${1:-10000}
CLIENTS=${2:-4}
PORT=${BENCH_PORT:-18090}
KEY=hk_bench_series
# rate limits stay on (their cost is part of every request) but high enough never to refuse a create
export HORAE_RATE_LIMIT_KEY_PER_MINUTE=100000000 HORAE_RATE_LIMIT_TENANT_PER_MINUTE=100000000
BENCH_DB=horae_bench_series BENCH_FRESH=1 BENCH_LOG=target/bench-series-service.log source bench/service.sh
./mvnw -B -q -f bench/pom.xml compile exec:java -Dbench.main=dev.horae.bench.MaterialiseSeriesBenchmark \
  -Dbench.url="http://127.0.0.1:$PORT" -Dbench.key=$KEY -Dbench.masters="$MASTERS" -Dbench.clients="$CLIENTS" \
  -Dbench.jdbc="jdbc:postgresql://127.0.0.1:5432/horae_bench_series?user=postgres"
