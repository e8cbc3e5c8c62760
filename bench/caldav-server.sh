#!/usr/bin/env bash
# Benchmark: Horae's CalDAV server against Debian's Radicale, in one run, on the same calendars
# (1,000 and 10,000 one-hour events over a year, Europe/Berlin): calendar-query for one week,
# sync-collection after one change (at both sizes, to see whether its cost follows the calendar's
# size), and an unchanged ICS feed of the 10,000 (one conditional GET, answered 304). Horae's tables
# are analysed after each load, as autovacuum would (it is off on this machine's PostgreSQL).
# Usage: bench/caldav-server.sh [rounds]      (default 30 timed requests of each kind)
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-30}
PORT=18097
RADICALE_PORT=18098
KEY=hk_bench_caldav_server
export RADICALE_DIR=/tmp/horae-bench-radicale
bash scripts/ensure-radicale.sh "$RADICALE_PORT" >/dev/null
export BENCH_DB=horae_bench_caldav
PORT=$PORT BENCH_FRESH=1 BENCH_LOG=target/bench-caldav-service.log source bench/service.sh
RADICALE_PID=$(pgrep -f "radicale.*$RADICALE_DIR" | head -1 || true)
trap 'kill $SERVICE 2>/dev/null || true; [ -n "$RADICALE_PID" ] && kill $RADICALE_PID 2>/dev/null || true' EXIT
/usr/bin/python3 - "$PORT" "$KEY" "$RADICALE_PORT" "$RADICALE_DIR" "$ROUNDS" <<'PY'
import base64, datetime, json, os, statistics, sys, time, urllib.request, uuid
port, key, rport, rdir, rounds = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4], int(sys.argv[5])
HORAE = f"http://127.0.0.1:{port}"
RADICALE = f"http://127.0.0.1:{rport}"
basic = lambda u, p: "Basic " + base64.b64encode(f"{u}:{p}".encode()).decode()
H_AUTH = basic("bench", key)
R_AUTH = basic("alice", "alicepw")

def call(method, url, body=None, headers=None, auth=None):
    req = urllib.request.Request(url, data=body.encode() if isinstance(body, str) else body, method=method)
    for k, v in (headers or {}).items():
        req.add_header(k, v)
    if auth:
        req.add_header("Authorization", auth)
    t = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=300) as r:
            data = r.read(); status = r.status; hdrs = dict(r.headers)
    except urllib.error.HTTPError as e:
        data = e.read(); status = e.code; hdrs = dict(e.headers)
    return status, data.decode("utf-8", "replace"), (time.perf_counter() - t) * 1000, hdrs

start = (datetime.date.today() + datetime.timedelta(days=7))
def slot(i):
    d = start + datetime.timedelta(days=(i * 37) % 365)
    return datetime.datetime.combine(d, datetime.time(7 + i % 10, 0))

def ics(uid, s, title):
    e = s + datetime.timedelta(hours=1)
    return (f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//EN\r\nBEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20260101T000000Z\r\n"
            f"DTSTART;TZID=Europe/Berlin:{s:%Y%m%dT%H%M%S}\r\nDTEND;TZID=Europe/Berlin:{e:%Y%m%dT%H%M%S}\r\nSUMMARY:{title}\r\n"
            "END:VEVENT\r\nEND:VCALENDAR\r\n")

def horae_calendar(n, name):
    st, body, _, _ = call("POST", HORAE + "/calendar/v3/schedules", json.dumps({"schedule": {"name": name, "timeZone": "Europe/Berlin"}}),
                          {"Content-Type": "application/json"}, "Bearer " + key)
    assert st == 200, body
    sid = json.loads(body)["schedule"]["id"]
    for b in range(0, n, 100):
        events = [{"event": {"scheduleId": sid, "title": f"Bench {i}", "start": {"localDate": slot(i).isoformat()},
                             "end": {"localDate": (slot(i) + datetime.timedelta(hours=1)).isoformat()}}} for i in range(b, min(n, b + 100))]
        st, body, _, _ = call("POST", HORAE + "/calendar/v3/bulk/events/create", json.dumps({"events": events}),
                              {"Content-Type": "application/json"}, "Bearer " + key)
        assert st == 200 and json.loads(body)["bulkActionMetadata"]["totalFailures"] == 0, body[:500]
    return f"{HORAE}/dav/calendars/{sid}/", sid

def radicale_calendar(n, name):
    url = f"{RADICALE}/alice/{name}/"
    st, body, _, _ = call("MKCALENDAR", url, auth=R_AUTH)
    assert st == 201, body
    folder = os.path.join(rdir, "collections", "collection-root", "alice", name)
    for i in range(n):  # written as Radicale stores them: one file per object
        with open(os.path.join(folder, f"bench-{i}.ics"), "w", newline="") as f:
            f.write(ics(f"bench-{i}", slot(i), f"Bench {i}"))
    return url

WEEK = """<c:calendar-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:prop><d:getetag/><c:calendar-data/></d:prop>
<c:filter><c:comp-filter name="VCALENDAR"><c:comp-filter name="VEVENT"><c:time-range start="{0}" end="{1}"/></c:comp-filter></c:comp-filter></c:filter>
</c:calendar-query>"""
SYNC = """<d:sync-collection xmlns:d="DAV:"><d:sync-token>{0}</d:sync-token><d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>"""

def pct(xs, p):
    xs = sorted(xs); return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]

def week_queries(url, auth):
    d0 = datetime.datetime.combine(start + datetime.timedelta(days=70), datetime.time(0)) - datetime.timedelta(hours=1)
    body = WEEK.format(f"{d0:%Y%m%dT%H%M%SZ}", f"{d0 + datetime.timedelta(days=7):%Y%m%dT%H%M%SZ}")
    st, text, _, _ = call("REPORT", url, body, {"Depth": "1", "Content-Type": "application/xml"}, auth)  # warm-up (Radicale builds its cache)
    assert st == 207, text[:300]
    found = text.count("<D:response>") + text.count("<response>") + text.count("<d:response>")
    times = [call("REPORT", url, body, {"Depth": "1", "Content-Type": "application/xml"}, auth)[2] for _ in range(rounds)]
    return statistics.median(times), pct(times, 95), found

def token(url, auth):
    st, text, _, _ = call("REPORT", url, SYNC.format(""), {"Content-Type": "application/xml"}, auth)
    assert st == 207, text[:300]
    import re
    return re.search(r"<[^>]*sync-token>([^<]+)</", text).group(1)

def sync_after_one_change(url, auth, put_name, n):
    times, listed = [], 0
    for r in range(rounds):
        t = token(url, auth)
        st, text, _, _ = call("PUT", url + put_name(r), ics(f"change-{n}-{r}", slot(r), "Changed"), {"Content-Type": "text/calendar"}, auth)
        assert st in (201, 204), text[:300]
        st, text, ms, _ = call("REPORT", url, SYNC.format(t), {"Content-Type": "application/xml"}, auth)
        assert st == 207, text[:300]
        listed = max(listed, text.count("response>") // 2)
        times.append(ms)
    return statistics.median(times), pct(times, 95), listed

def analyse():
    # this machine's PostgreSQL runs with autovacuum off; an operator's analyses a freshly loaded table on its own
    import subprocess
    subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", os.environ["BENCH_DB"], "-qc", "analyze"], check=True)

rows = []
for n in (1000, 10000):
    h_url, sid = horae_calendar(n, f"bench-{n}")
    analyse()
    r_url = radicale_calendar(n, f"bench{n}")
    hq = week_queries(h_url, H_AUTH); rq = week_queries(r_url, R_AUTH)
    hs = sync_after_one_change(h_url, H_AUTH, lambda r: f"sync-{r}.ics", n)
    rs = sync_after_one_change(r_url, R_AUTH, lambda r: f"sync-{r}.ics", n)
    rows.append((n, hq, rq, hs, rs))
    if n == 10000:
        st, body, _, _ = call("POST", HORAE + "/v1/calendar-feeds", json.dumps({"feed": {"scheduleId": sid, "privacy": "FULL"}}),
                              {"Content-Type": "application/json"}, "Bearer " + key)
        feed = json.loads(body)["feed"]["url"]
        feed = HORAE + feed[feed.index("/feeds/v1/"):]
        st, text, full_ms, hdrs = call("GET", feed)
        etag = hdrs.get("ETag")
        conditional = [call("GET", feed, headers={"If-None-Match": etag}) for _ in range(rounds)]
        statuses = sorted({c[0] for c in conditional})
        feed_row = (len(text), full_ms, statistics.median([c[2] for c in conditional]), statuses, len(conditional[0][1]))

print(f"\nCalDAV server benchmark, {rounds} timed requests each, one run")
print("| events | calendar-query, one week (p50 / p95 ms): Horae | Radicale | Horae faster | objects found | sync-collection after one change (p50 / p95 ms): Horae | Radicale | objects listed (Horae / Radicale) |")
print("|---|---|---|---|---|---|---|---|")
for n, hq, rq, hs, rs in rows:
    print(f"| {n:,} | {hq[0]:.1f} / {hq[1]:.1f} | {rq[0]:.1f} / {rq[1]:.1f} | {rq[0] / hq[0]:.1f}x | {hq[2]} / {rq[2]} | {hs[0]:.1f} / {hs[1]:.1f} | {rs[0]:.1f} / {rs[1]:.1f} | {hs[2]} / {rs[2]} |")
size, full_ms, cond_ms, statuses, cond_len = feed_row
print(f"\nICS feed of the 10,000: full GET {size:,} bytes in {full_ms:.0f} ms; unchanged, with If-None-Match: statuses {statuses}, "
      f"{cond_len} bytes, p50 {cond_ms:.1f} ms")
PY
