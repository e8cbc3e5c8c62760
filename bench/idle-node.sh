#!/usr/bin/env bash
# Benchmark: the CPU an idle node spends while another node of the cluster takes writes. Two nodes of
# the built jar on one fresh database of the machine's PostgreSQL: node A gets no requests; node B
# gets event creates from 4 clients for the measured window (no webhooks: nothing for A to do).
# Reports A's CPU (user + system, from /proc) while B is idle and while B writes, as % of one core.
# Usage: bench/idle-node.sh [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_MEASURED=${1:-30}
PORT_A=${BENCH_PORT:-18095}
PORT_B=$((PORT_A + 1))
KEY=hk_bench_idle_node
DB=horae_bench_idle
bash scripts/ensure-postgres.sh >/dev/null
psql -h 127.0.0.1 -U postgres -d postgres -qc "drop database if exists $DB" -c "create database $DB"
./mvnw -B -q -DskipTests package
start() { # port name log
  SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/$DB SPRING_DATASOURCE_USERNAME=postgres HORAE_BOOTSTRAP_API_KEY=$KEY \
    HORAE_RATE_LIMIT_ENABLED=false HORAE_NODE_NAME=$2 HORAE_SECRET_KEYS=bench:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY= \
    SERVER_PORT=$1 java -jar target/horae-*.jar > "$3" 2>&1 &
  echo $!
}
A=$(start $PORT_A idle-a target/bench-idle-a.log)
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$PORT_A/actuator/health" >/dev/null && break; sleep 1; done
B=$(start $PORT_B busy-b target/bench-idle-b.log)
trap 'kill $A $B 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$PORT_B/actuator/health" >/dev/null && break; sleep 1; done
TICKS=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }
SCHEDULE=$(curl -fs -X POST "http://127.0.0.1:$PORT_B/calendar/v3/schedules" -H "Authorization: Bearer $KEY" -H 'content-type: application/json' \
  -d '{"schedule":{"name":"Idle bench","timeZone":"UTC"}}' | sed -E 's/.*"schedule":\{"id":"([^"]+)".*/\1/')
sleep 15 # settle: start-up work done, JIT quiet
measure() { # label, then A's CPU over the window
  local before after
  before=$(cpu "$A")
  sleep "$SECONDS_MEASURED"
  after=$(cpu "$A")
  awk -v d=$((after - before)) -v t="$TICKS" -v s="$SECONDS_MEASURED" -v l="$1" 'BEGIN { printf "node A, %s: %.1f %% of a core\n", l, 100 * d / t / s }'
}
measure "cluster idle"
writes=0
writer() {
  local i=0
  while [ -f target/bench-idle-writing ]; do
    curl -fs -o /dev/null -X POST "http://127.0.0.1:$PORT_B/calendar/v3/events" -H "Authorization: Bearer $KEY" -H 'content-type: application/json' \
      -d "{\"event\":{\"scheduleId\":\"$SCHEDULE\",\"title\":\"w$1-$i\",\"start\":{\"localDate\":\"2027-01-0$((i % 9 + 1))T10:00:00\"},\"end\":{\"localDate\":\"2027-01-0$((i % 9 + 1))T11:00:00\"}}}" || true
    i=$((i + 1))
  done
}
touch target/bench-idle-writing
for w in 1 2 3 4; do writer $w & done
sleep 3
before_events=$(psql -h 127.0.0.1 -U postgres -d $DB -Atc "select count(*) from event")
measure "node B taking writes"
after_events=$(psql -h 127.0.0.1 -U postgres -d $DB -Atc "select count(*) from event")
rm -f target/bench-idle-writing
wait_for=$(jobs -p | grep -v -e "^$A\$" -e "^$B\$" || true)
for j in $wait_for; do wait "$j" 2>/dev/null || true; done
echo "node B wrote $(( (after_events - before_events) / SECONDS_MEASURED )) events/s meanwhile"
