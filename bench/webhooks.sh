#!/usr/bin/env bash
# Benchmark: webhook delivery to a local receiver: first-delivery latency at a paced rate (200/s),
# then sustained deliveries per second, on a fresh database of the machine's PostgreSQL.
# Usage: bench/webhooks.sh [rate] [paced-seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
RATE=${1:-200}
PACED=${2:-30}
PORT=${BENCH_PORT:-18091}
KEY=hk_bench_webhooks
bash scripts/ensure-postgres.sh
psql -h 127.0.0.1 -U postgres -d postgres -qc "drop database if exists horae_bench_webhooks" -c "create database horae_bench_webhooks"
./mvnw -B -q -DskipTests package
SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/horae_bench_webhooks SPRING_DATASOURCE_USERNAME=postgres \
  HORAE_BOOTSTRAP_API_KEY=$KEY HORAE_OUTBOUND_ALLOW_PRIVATE=true SERVER_PORT=$PORT java -jar target/horae-*.jar > target/bench-webhooks-service.log 2>&1 &
SERVICE=$!
trap 'kill $SERVICE 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$PORT/actuator/health" >/dev/null && break; sleep 1; done
./mvnw -B -q -f bench/pom.xml compile exec:java -Dbench.main=dev.horae.bench.WebhookDeliveryBenchmark \
  -Dbench.url="http://127.0.0.1:$PORT" -Dbench.key=$KEY -Dbench.rate="$RATE" -Dbench.paced-seconds="$PACED" \
  -Dbench.jdbc="jdbc:postgresql://127.0.0.1:5432/horae_bench_webhooks?user=postgres"
