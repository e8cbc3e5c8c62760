#!/usr/bin/env python3
"""Reads VTIMEZONEs with python-dateutil's tzical (a third-party iCalendar reader).

stdin: one JSON object per line, {"ics": "<VCALENDAR with one VTIMEZONE>", "instants": [epoch seconds, ...]}
stdout: one JSON array per line, the UTC offset in seconds dateutil gives at each instant.
"""
import io
import json
import sys
from datetime import datetime, timezone

from dateutil import tz

for line in sys.stdin:
    if not line.strip():
        continue
    job = json.loads(line)
    zone = tz.tzical(io.StringIO(job["ics"])).get()
    out = []
    for t in job["instants"]:
        local = datetime.fromtimestamp(t, timezone.utc).astimezone(zone)
        out.append(int(local.utcoffset().total_seconds()))
    print(json.dumps(out), flush=True)
