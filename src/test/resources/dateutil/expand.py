"""Expands recurrence rules with python-dateutil, a third-party engine, for DateutilDifferentialTest.

One JSON case per input line: {"id", "zone", "dtstart" (local ISO), "rrule", "from", "to" (epoch
seconds), "cap", "timeOfDayFromStart"}. One JSON answer per line: {"id", "starts": [epoch seconds]}
or {"id", "skip": reason}. The RFC 5545 readings dateutil does not make itself are applied here and
named in each skip reason:
  - a wall time inside a DST gap converts with the offset before the gap (PEP 495, fold=0), which
    is RFC 5545 §3.3.5's "moved forward by the gap's length";
  - a gap time made by BYHOUR/BYMINUTE/BYSECOND or a sub-daily step is ignored (§3.3.10); dateutil
    counts it toward COUNT, so with COUNT such a case is skipped ("gap-count"), without COUNT the
    time is dropped;
  - DTSTART is always the first occurrence and counts toward COUNT (§3.3.10: "The DTSTART property
    value always counts as the first occurrence"), also when the rule does not generate it; dateutil
    leaves such a DTSTART out, so it is put first here and COUNT then takes one fewer of the rule's;
  - DTSTART itself inside a gap is kept, moved forward (§3.3.5), whatever the rule's parts;
  - YEARLY with BYWEEKNO and no BYDAY: dateutil takes all seven days of each week; the RFC takes
    the missing day from DTSTART ("Information, not contained in the rule, necessary to determine
    the various recurrence instance start time and dates are derived from the Start Time (DTSTART)
    component attribute", §3.3.10), so these cases are skipped ("byweekno-without-byday").
"""
import json
import signal
import sys
import warnings
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr


class Slow(Exception):
    pass


def on_alarm(signum, frame):
    raise Slow()


signal.signal(signal.SIGALRM, on_alarm)


def exists(wall, tz):
    """Whether a naive wall time exists in tz (survives a round trip through UTC)."""
    aware = wall.replace(tzinfo=tz)
    back = aware.astimezone(timezone.utc).astimezone(tz).replace(tzinfo=None)
    return back == wall


def walls(rule, dtstart, count):
    """The wall times of the recurrence set: DTSTART first, then the rule's, COUNT in all."""
    yield dtstart
    n = 1
    for occ in rule:
        wall = occ.replace(tzinfo=None)
        if wall == dtstart:
            continue
        if count is not None and n >= count:
            return
        n += 1
        yield wall


def expand(c):
    text = c["rrule"].upper()
    parts = dict(p.split("=", 1) for p in text.split(";"))
    if parts["FREQ"] == "YEARLY" and "BYWEEKNO" in parts and "BYDAY" not in parts:
        return {"skip": "byweekno-without-byday"}
    if parts["FREQ"] in ("MONTHLY", "YEARLY") and "BYDAY" in parts:
        days = parts["BYDAY"].split(",")
        if any(d[0] in "+-0123456789" for d in days) and any(d[0].isalpha() for d in days):
            return {"skip": "mixed-ordinal-byday"}
    if parts["FREQ"] == "WEEKLY" and "BYSETPOS" in parts:
        return {"skip": "weekly-bysetpos-first-week"}
    tz = ZoneInfo(c["zone"])
    dtstart = datetime.fromisoformat(c["dtstart"])
    count = int(parts["COUNT"]) if "COUNT" in parts else None
    rule = rrulestr(c["rrule"], dtstart=dtstart.replace(tzinfo=tz), ignoretz=False)
    # only [from, to) is compared: ending the rule two hours after it keeps dateutil from scanning
    # years for a rule that matches nothing (the two hours cover a gap time mapped past `to`)
    stop = datetime.fromtimestamp(c["to"] + 7200, tz)
    if rule._until is None or rule._until > stop:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # dateutil warns about UNTIL beside COUNT; both bound the set
            rule = rule.replace(until=stop)
    keep_gaps = c["timeOfDayFromStart"]
    lo, hi, cap = c["from"], c["to"], c["cap"]
    found = set()
    gap_seen = False
    generated = 0
    for wall in walls(rule, dtstart, count):
        if wall != dtstart and not keep_gaps and not exists(wall, tz):
            if count is not None:
                return {"skip": "gap-count"}
            gap_seen = True
            continue
        at = int(wall.replace(tzinfo=tz, fold=0).timestamp())
        if wall != dtstart and at >= hi:
            break
        if lo <= at < hi:
            found.add(at)
            if wall != dtstart:
                generated += 1
                if generated > cap:
                    break
    if gap_seen and "UNTIL" in parts:
        return {"skip": "gap-until"}
    starts = sorted(found)[:cap]
    return {"starts": starts}


for line in sys.stdin:
    case = json.loads(line)
    signal.setitimer(signal.ITIMER_REAL, 0.05)
    try:
        answer = expand(case)
    except Slow:
        answer = {"skip": "slow:" + case["rrule"].split(";")[0]}
    except Exception as e:  # a rule dateutil refuses
        answer = {"skip": "refused: " + type(e).__name__}
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    answer["id"] = case["id"]
    sys.stdout.write(json.dumps(answer) + "\n")
    sys.stdout.flush()
