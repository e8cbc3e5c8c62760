#!/usr/bin/env bash
# Benchmark (issue 20): 1,000 participant notifications queued by one Bulk Update Events (50 events x
# 20 participants, notifyParticipants: true), until the local SMTP server (GreenMail, in the benchmark's
# JVM) has accepted all of them; on a fresh database of the machine's PostgreSQL.
# Usage: bench/notifications.sh [events] [participants-per-event]
set -euo pipefail
cd "$(dirname "$0")/.."
EVENTS=${1:-50}
PER_EVENT=${2:-20}
PORT=${BENCH_PORT:-18094}
SMTP_PORT=${BENCH_SMTP_PORT:-18025}
KEY=hk_bench_notifications
export HORAE_RATE_LIMIT_ENABLED=false # a thousand participations are made first
export HORAE_MAIL_HOST=127.0.0.1 HORAE_MAIL_PORT=$SMTP_PORT HORAE_MAIL_SECURITY=NONE
BENCH_DB=horae_bench_notifications BENCH_FRESH=1 BENCH_LOG=target/bench-notifications-service.log source bench/service.sh
./mvnw -B -q -f bench/pom.xml compile exec:java -Dbench.main=dev.horae.bench.NotificationBenchmark \
  -Dbench.url="http://127.0.0.1:$PORT" -Dbench.key=$KEY -Dbench.smtp-port="$SMTP_PORT" -Dbench.events="$EVENTS" -Dbench.per-event="$PER_EVENT"
