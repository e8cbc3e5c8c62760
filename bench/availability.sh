#!/usr/bin/env bash
# Benchmark (issue 7): availability for 50 resources x 30 days holding 20,000 busy blocks, through HTTP,
# with the service's own time from the Server-Timing header; on the machine's PostgreSQL (database horae_bench).
# Usage: bench/availability.sh [iterations]      (the first run seeds the data)
set -euo pipefail
cd "$(dirname "$0")/.."
ITERATIONS=${1:-200}
PORT=${BENCH_PORT:-18093}
KEY=hk_bench_availability
bash scripts/ensure-postgres.sh
psql -h 127.0.0.1 -U postgres -d postgres -Atc "select 1 from pg_database where datname = 'horae_bench'" | grep -q 1 \
  || psql -h 127.0.0.1 -U postgres -d postgres -qc "create database horae_bench"
./mvnw -B -q -DskipTests package
SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/horae_bench SPRING_DATASOURCE_USERNAME=postgres \
  HORAE_BOOTSTRAP_API_KEY=$KEY SERVER_PORT=$PORT java -jar target/horae-*.jar > target/bench-service.log 2>&1 &
SERVICE=$!
trap 'kill $SERVICE 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$PORT/actuator/health" >/dev/null && break; sleep 1; done
./mvnw -B -q -f bench/pom.xml compile exec:java -Dbench.main=dev.horae.bench.AvailabilityBenchmark -Dbench.url="http://127.0.0.1:$PORT" -Dbench.key=$KEY \
  -Dbench.jdbc="jdbc:postgresql://127.0.0.1:5432/horae_bench?user=postgres" -Dbench.iterations="$ITERATIONS"
