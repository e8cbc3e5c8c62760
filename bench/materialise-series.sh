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
bash scripts/ensure-postgres.sh
psql -h 127.0.0.1 -U postgres -d postgres -qc "drop database if exists horae_bench_series" -c "create database horae_bench_series"
./mvnw -B -q -DskipTests package
SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/horae_bench_series SPRING_DATASOURCE_USERNAME=postgres \
  HORAE_BOOTSTRAP_API_KEY=$KEY SERVER_PORT=$PORT java -jar target/horae-*.jar > target/bench-series-service.log 2>&1 &
SERVICE=$!
trap 'kill $SERVICE 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$PORT/actuator/health" >/dev/null && break; sleep 1; done
./mvnw -B -q -f bench/pom.xml compile exec:java -Dbench.main=dev.horae.bench.MaterialiseSeriesBenchmark \
  -Dbench.url="http://127.0.0.1:$PORT" -Dbench.key=$KEY -Dbench.masters="$MASTERS" -Dbench.clients="$CLIENTS" \
  -Dbench.jdbc="jdbc:postgresql://127.0.0.1:5432/horae_bench_series?user=postgres"
