#!/usr/bin/env bash
# Benchmark: recurrence expansion throughput (JMH) of lib-recur, ical4j and Horae's port, in one run.
# Usage: bench/recurrence.sh       (about 2 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -f bench/pom.xml compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" dev.horae.bench.RecurrenceBenchmark "$@"
