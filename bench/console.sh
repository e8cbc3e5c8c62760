#!/usr/bin/env bash
# Benchmark (issue 8): the web console, navigation → week view with 300 events drawn, in Debian's
# headless Chromium, browser cache cold and warm; also what the first load transfers.
# Usage: bench/console.sh [samples]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-chromium.sh >/dev/null
LOG=target/console-bench.log
mkdir -p target
if ! ./mvnw -B verify -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false -Djacoco.skip=true \
    -Dit.test=ConsoleLoadBench -Dbench.samples="${1:-20}" > "$LOG" 2>&1; then
  grep -E 'FAIL|ERROR\]' "$LOG" | head -20
  exit 1
fi
grep -h '^BENCH' "$LOG"
