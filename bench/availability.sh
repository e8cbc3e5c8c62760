#!/usr/bin/env bash
# Benchmark (issue 7): availability for 50 resources x 30 days holding 20,000 busy blocks, through HTTP,
# with the service's own time from the Server-Timing header; on the machine's PostgreSQL (database horae_bench).
# Usage: bench/availability.sh [iterations]      (the first run seeds the data)
#   BENCH_COMBINED=true: half the busy blocks come from combined-schedule events naming 3 resources each (issue 18);
#   give it its own database, e.g. BENCH_DB=horae_bench_combined (the data of a database is seeded once).
set -euo pipefail
cd "$(dirname "$0")/.."
ITERATIONS=${1:-200}
PORT=${BENCH_PORT:-18093}
KEY=hk_bench_availability
source bench/service.sh
./mvnw -B -q -f bench/pom.xml compile exec:java -Dbench.main=dev.horae.bench.AvailabilityBenchmark -Dbench.url="http://127.0.0.1:$PORT" -Dbench.key=$KEY \
  -Dbench.jdbc="jdbc:postgresql://127.0.0.1:5432/$BENCH_DB?user=postgres" -Dbench.iterations="$ITERATIONS" \
  -Dbench.combined="${BENCH_COMBINED:-false}"
