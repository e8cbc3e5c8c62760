#!/usr/bin/env bash
# Benchmark (issue 6): a change in Google / Outlook → its busy time visible through Horae's API.
# Push (watch channels, Graph subscriptions; the worker otherwise polls hourly) against polling only
# (every 10 s), both against the protocol emulators of the test code, on the embedded PostgreSQL.
# Usage: bench/external-change-latency.sh [push-samples] [poll-samples]
set -euo pipefail
cd "$(dirname "$0")/.."
LOG=target/external-change-latency.log
mkdir -p target
if ! ./mvnw -B verify -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false -Djacoco.skip=true \
    -Dit.test='PushLatencyBench,PollLatencyBench' -Dbench.samples.push="${1:-100}" -Dbench.samples.poll="${2:-30}" > "$LOG" 2>&1; then
  grep -E 'FAIL|ERROR\]' "$LOG" | head -20
  exit 1
fi
grep -h '^BENCH' "$LOG"
