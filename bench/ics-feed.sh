#!/usr/bin/env bash
# Benchmark: an ICS feed subscription of 10,000 events (a tenth of them weekly series x20), served by
# Python's http.server (which answers If-Modified-Since with 304): the initial import, an unchanged
# feed (one conditional GET, answered 304), and a feed in which one event changed.
# Usage: bench/ics-feed.sh [events]      (default 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
FEED_PORT=18094
SERVICE_PORT=18093
KEY=hk_bench_ics
DIR=/tmp/horae-ics-bench
rm -rf "$DIR" && mkdir -p "$DIR"
gen() {
/usr/bin/python3 - "$DIR/feed.ics" "$N" "$1" <<'PY'
import sys, datetime
path, n, changed = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1"
start = datetime.datetime.utcnow().replace(hour=8, minute=0, second=0, microsecond=0) + datetime.timedelta(days=1)
with open(path, "w", newline="") as f:
    f.write("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//EN\r\nX-WR-CALNAME:Bench\r\n")
    for i in range(n):
        s = start + datetime.timedelta(hours=(i * 7) % (24 * 300))
        e = s + datetime.timedelta(minutes=45)
        rule = "RRULE:FREQ=WEEKLY;COUNT=20\r\n" if i % 10 == 0 else ""
        title = f"Bench {i} moved" if changed and i == 5 else f"Bench {i}"
        f.write(f"BEGIN:VEVENT\r\nUID:bench-{i}\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:{s:%Y%m%dT%H%M%SZ}\r\n"
                f"DTEND:{e:%Y%m%dT%H%M%SZ}\r\nSUMMARY:{title}\r\n{rule}END:VEVENT\r\n")
    f.write("END:VCALENDAR\r\n")
PY
}
gen 0
(cd "$DIR" && exec /usr/bin/python3 -m http.server "$FEED_PORT" --bind 127.0.0.1 > "$DIR/server.log" 2>&1) &
FEED=$!
now() { date +%s.%N; }
ms() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f", (b - a) * 1000 }'; }
export HORAE_OUTBOUND_ALLOW_PRIVATE=true HORAE_SYNC_ENABLED=false # the feed is on loopback; the benchmark syncs by hand
PORT=$SERVICE_PORT BENCH_DB=horae_bench_ics BENCH_FRESH=1 BENCH_LOG=target/bench-ics-service.log source bench/service.sh
trap 'kill $SERVICE $FEED 2>/dev/null || true' EXIT
H=(-s -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json')
API="http://127.0.0.1:$SERVICE_PORT"
SCHEDULE=$(curl "${H[@]}" "$API/calendar/v3/schedules" -d '{"schedule":{"name":"Bench","timeZone":"UTC"}}' | sed 's/.*"id":"\([^"]*\)".*/\1/')
CONN=$(curl "${H[@]}" "$API/bookings/v2/external-calendars/connections:connectByUrl" \
  -d "{\"scheduleId\":\"$SCHEDULE\",\"url\":\"http://127.0.0.1:$FEED_PORT/feed.ics\"}" | sed 's/.*"connection":{"id":"\([^"]*\)".*/\1/')
sync() { curl "${H[@]}" -X POST "$API/bookings/v2/external-calendars/connections/$CONN/sync" -o "$DIR/sync.json"; grep -o '"status":"[A-Z_]*"' "$DIR/sync.json" | head -1; }
T0=$(now); S1=$(sync); T1=$(now)
BUSY=$(psql -h 127.0.0.1 -U postgres -d horae_bench_ics -Atc "select count(*) from external_busy")
G0=$(grep -c '"GET /feed.ics' "$DIR/server.log" || true)
T2=$(now); S2=$(sync); T3=$(now)
NOT_MODIFIED=$(grep -c '"GET /feed.ics HTTP/1.1" 304' "$DIR/server.log" || true)
sleep 1.1 # a new Last-Modified second
gen 1
T4=$(now); S3=$(sync); T5=$(now)
BYTES=$(stat -c %s "$DIR/feed.ics")
echo "feed: $N events ($((N / 10)) of them weekly x20), $BYTES bytes; Horae stored $BUSY busy blocks"
echo "initial import:  $(ms $T0 $T1) ms ($S1)"
echo "unchanged feed:  $(ms $T2 $T3) ms ($S2); answers 304 so far: $NOT_MODIFIED, GETs before it: $G0"
echo "one event changed: $(ms $T4 $T5) ms ($S3); busy blocks of bench-5: $(psql -h 127.0.0.1 -U postgres -d horae_bench_ics -Atc "select count(*) || ' titled ' || max(title) from external_busy where href = 'bench-5'")"
