#!/usr/bin/env bash
# Benchmark: CalDAV import of a 10,000-event calendar (initial sync, then an incremental sync of one
# changed event), in one run, against (a) Radicale's own time to answer the equivalent REPORTs and
# (b) vdirsyncer (Debian package) syncing the same calendar to a local directory.
# Usage: bench/caldav-sync.sh [events]      (default 10000; a fresh Radicale on 127.0.0.1:5240)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
PORT=5240
SERVICE_PORT=18092
KEY=hk_bench_caldav
RDIR=/tmp/horae-radicale-bench
pkill -f "radicale --config $RDIR/config" 2>/dev/null || true
RADICALE_DIR=$RDIR bash scripts/ensure-radicale.sh $PORT >/dev/null
command -v /usr/bin/vdirsyncer >/dev/null || { SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo; DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends vdirsyncer >/dev/null; }
CAL="$RDIR/collections/collection-root/alice/bench"
mkdir -p "$CAL"
printf '{"D:displayname": "Bench", "tag": "VCALENDAR"}' > "$CAL/.Radicale.props"
/usr/bin/python3 - "$CAL" "$N" <<'PY'
import sys, datetime
cal, n = sys.argv[1], int(sys.argv[2])
start = datetime.datetime.utcnow().replace(hour=8, minute=0, second=0, microsecond=0) + datetime.timedelta(days=1)
for i in range(n):
    s = start + datetime.timedelta(hours=(i * 7) % (24 * 300))
    e = s + datetime.timedelta(minutes=45)
    rule = "RRULE:FREQ=WEEKLY;COUNT=20\r\n" if i % 10 == 0 else ""
    with open(f"{cal}/e{i}.ics", "w", newline="") as f:
        f.write("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//EN\r\nBEGIN:VEVENT\r\n"
                f"UID:bench-{i}\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:{s:%Y%m%dT%H%M%SZ}\r\nDTEND:{e:%Y%m%dT%H%M%SZ}\r\n"
                f"SUMMARY:Bench {i}\r\n{rule}END:VEVENT\r\nEND:VCALENDAR\r\n")
PY
URL="http://127.0.0.1:$PORT/alice/bench/"
now() { date +%s.%N; }
ms() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f", (b - a) * 1000 }'; }

# Radicale reads a new collection into its cache on first access: warm it up, untimed, so every
# contender meets the same warm server.
curl -s -u alice:alicepw -X REPORT -H 'Depth: 1' -H 'Content-Type: application/xml' --data '<d:sync-collection xmlns:d="DAV:"><d:sync-token/><d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>' "$URL" -o /dev/null

# (a) Radicale answering the equivalent REPORTs: a full sync-collection, then one multiget of everything
T0=$(now)
curl -s -u alice:alicepw -X REPORT -H 'Depth: 1' -H 'Content-Type: application/xml' --data '<d:sync-collection xmlns:d="DAV:"><d:sync-token/><d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>' "$URL" -o /tmp/bench-sync.xml
T1=$(now)
{ printf '<c:calendar-multiget xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:prop><d:getetag/><c:calendar-data/></d:prop>'; for i in $(seq 0 $((N-1))); do printf '<d:href>/alice/bench/e%d.ics</d:href>' "$i"; done; printf '</c:calendar-multiget>'; } > /tmp/bench-multiget.xml
T2=$(now)
curl -s -u alice:alicepw -X REPORT -H 'Depth: 1' -H 'Content-Type: application/xml' --data-binary @/tmp/bench-multiget.xml "$URL" -o /tmp/bench-multiget-out.xml
T3=$(now)
TOKEN=$(grep -o '<sync-token>[^<]*' /tmp/bench-sync.xml | head -1 | sed 's/<sync-token>//')

# Horae
export HORAE_OUTBOUND_ALLOW_PRIVATE=true HORAE_SYNC_ENABLED=false # Radicale is on loopback; the benchmark syncs by hand
PORT=$SERVICE_PORT BENCH_DB=horae_bench_caldav BENCH_FRESH=1 BENCH_LOG=target/bench-caldav-service.log source bench/service.sh
H=(-s -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json')
API="http://127.0.0.1:$SERVICE_PORT"
SCHEDULE=$(curl "${H[@]}" "$API/calendar/v3/schedules" -d '{"schedule":{"name":"Bench","timeZone":"UTC"}}' | sed 's/.*"id":"\([^"]*\)".*/\1/')
CONN=$(curl "${H[@]}" "$API/bookings/v2/external-calendars/connections:connectByCredentials" \
  -d "{\"scheduleId\":\"$SCHEDULE\",\"providerId\":\"8a9f6e0e-1c3b-4b8e-9f1a-6d2c4e5b7a04\",\"email\":\"alice\",\"password\":\"alicepw\",\"serverUrl\":\"http://127.0.0.1:$PORT\"}" \
  | sed 's/.*"connection":{"id":"\([^"]*\)".*/\1/')
curl "${H[@]}" -X PATCH "$API/bookings/v2/external-calendars/connections/$CONN/sync-config" \
  -d "{\"syncConfig\":{\"listEventFromCalendars\":{\"enabled\":true,\"calendars\":{\"calendars\":[{\"id\":\"$URL\"}]}}}}" >/dev/null
H0=$(now)
curl "${H[@]}" -X POST "$API/bookings/v2/external-calendars/connections/$CONN/sync" -o /tmp/bench-horae-sync.json
H1=$(now)
BUSY=$(psql -h 127.0.0.1 -U postgres -d horae_bench_caldav -Atc "select count(*) from external_busy")
# one event changes on the server
curl -s -u alice:alicepw -X PUT -H 'Content-Type: text/calendar' --data-binary "$(sed 's/SUMMARY:Bench 5/SUMMARY:Bench 5 moved/' "$CAL/e5.ics")" "${URL}e5.ics" -o /dev/null
R0=$(now)
curl -s -u alice:alicepw -X REPORT -H 'Depth: 1' -H 'Content-Type: application/xml' --data "<d:sync-collection xmlns:d=\"DAV:\"><d:sync-token>$TOKEN</d:sync-token><d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>" "$URL" -o /dev/null
R1=$(now)
H2=$(now)
curl "${H[@]}" -X POST "$API/bookings/v2/external-calendars/connections/$CONN/sync" -o /dev/null
H3=$(now)

# vdirsyncer
VD=/tmp/horae-vdirsyncer-bench
rm -rf "$VD" && mkdir -p "$VD/local" "$VD/status"
cat > "$VD/config" <<CFG
[general]
status_path = "$VD/status/"
[pair bench]
a = "remote"
b = "local"
collections = null
[storage remote]
type = "caldav"
url = "$URL"
username = "alice"
password = "alicepw"
[storage local]
type = "filesystem"
path = "$VD/local/"
fileext = ".ics"
CFG
V0=$(now)
yes | /usr/bin/vdirsyncer -c "$VD/config" discover >/dev/null 2>&1 || true
/usr/bin/vdirsyncer -c "$VD/config" sync >/dev/null 2>&1
V1=$(now)
curl -s -u alice:alicepw -X PUT -H 'Content-Type: text/calendar' --data-binary "$(sed 's/SUMMARY:Bench 6/SUMMARY:Bench 6 moved/' "$CAL/e6.ics")" "${URL}e6.ics" -o /dev/null
V2=$(now)
/usr/bin/vdirsyncer -c "$VD/config" sync >/dev/null 2>&1
V3=$(now)

echo "calendar: $N events ($((N / 10)) of them weekly x20), Radicale 3 on loopback; Horae stored $BUSY busy blocks"
echo "initial:     Horae sync $(ms $H0 $H1) ms | Radicale REPORTs alone: sync-collection $(ms $T0 $T1) ms + one multiget of all $(ms $T2 $T3) ms | vdirsyncer $(ms $V0 $V1) ms"
echo "incremental: Horae sync $(ms $H2 $H3) ms | Radicale sync-collection with token $(ms $R0 $R1) ms | vdirsyncer $(ms $V2 $V3) ms"
grep -o '"status":"[A-Z_]*"' /tmp/bench-horae-sync.json | head -1
pkill -f "radicale --config $RDIR/config" || true
