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
export HORAE_OUTBOUND_ALLOW_PRIVATE=true # the receiver is on loopback
export HORAE_RATE_LIMIT_ENABLED=false # 200 creates a second are far over a key's default limit (1200 a minute)
BENCH_DB=horae_bench_webhooks BENCH_FRESH=1 BENCH_LOG=target/bench-webhooks-service.log source bench/service.sh
./mvnw -B -q -f bench/pom.xml compile exec:java -Dbench.main=dev.horae.bench.WebhookDeliveryBenchmark \
  -Dbench.url="http://127.0.0.1:$PORT" -Dbench.key=$KEY -Dbench.rate="$RATE" -Dbench.paced-seconds="$PACED" \
  -Dbench.jdbc="jdbc:postgresql://127.0.0.1:5432/horae_bench_webhooks?user=postgres"
