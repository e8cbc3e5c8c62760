"""Debian's python3-caldav against Horae's CalDAV server: discover, list, query a time range,
create a recurring event, modify one occurrence, sync, delete. Prints one line per step; exits
non-zero at the first step that does not hold. Usage: caldav_client.py URL KEY SCHEDULE_ID MONDAY"""
import datetime
import sys
from zoneinfo import ZoneInfo

import caldav
import icalendar

url, key, schedule, monday = sys.argv[1], sys.argv[2], sys.argv[3], datetime.date.fromisoformat(sys.argv[4])


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what, flush=True)
    if not ok:
        sys.exit(1)


client = caldav.DAVClient(url=url, username="python", password=key)
principal = client.principal()
check(principal.url.path.endswith("/dav/principal/"), "discovered the principal %s" % principal.url)
calendars = principal.calendars()
mine = [c for c in calendars if str(c.url).rstrip("/").endswith(schedule)]
check(len(mine) == 1, "listed %d calendars, one of them the schedule" % len(calendars))
cal = mine[0]
check(cal.get_display_name() == "Python's room", "its display name is %r" % cal.get_display_name())

start = datetime.datetime.combine(monday, datetime.time(9, 0))
series = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//caldav script//EN
BEGIN:VEVENT
UID:py-series-1
DTSTAMP:20260101T000000Z
DTSTART;TZID=Europe/Berlin:%s
DTEND;TZID=Europe/Berlin:%s
RRULE:FREQ=WEEKLY;COUNT=4
SUMMARY:Python weekly
END:VEVENT
END:VCALENDAR
""" % (start.strftime("%Y%m%dT%H%M%S"), (start + datetime.timedelta(hours=1)).strftime("%Y%m%dT%H%M%S"))
made = cal.save_event(series)
check(made.url is not None, "created a weekly series at %s" % made.url)

week2 = datetime.datetime.combine(monday + datetime.timedelta(days=7), datetime.time(0, 0))
found = cal.date_search(start=week2, end=week2 + datetime.timedelta(days=7), expand=True)
check(len(found) == 1, "a one-week search finds %d object(s)" % len(found))
occurrence = found[0].icalendar_instance.walk("VEVENT")
check(len(occurrence) == 1 and occurrence[0].get("RECURRENCE-ID") is not None,
      "expanded to one occurrence with a RECURRENCE-ID")

# modify the second occurrence: one hour later, another title
event = cal.event_by_uid("py-series-1")
ical = event.icalendar_instance
master = ical.walk("VEVENT")[0]
override = icalendar.Event()
second = start + datetime.timedelta(days=7)
override.add("UID", "py-series-1")
override.add("DTSTAMP", datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc))
override["RECURRENCE-ID"] = icalendar.vDDDTypes(second)
override["RECURRENCE-ID"].params["TZID"] = "Europe/Berlin"
override["DTSTART"] = icalendar.vDDDTypes(second + datetime.timedelta(hours=1))
override["DTSTART"].params["TZID"] = "Europe/Berlin"
override["DTEND"] = icalendar.vDDDTypes(second + datetime.timedelta(hours=2))
override["DTEND"].params["TZID"] = "Europe/Berlin"
override.add("SUMMARY", "Python weekly (moved)")
ical.add_component(override)
event.data = ical.to_ical().decode()
event.save()
again = cal.event_by_uid("py-series-1")
overrides = [v for v in again.icalendar_instance.walk("VEVENT") if v.get("RECURRENCE-ID") is not None]
check(len(overrides) == 1 and str(overrides[0].get("SUMMARY")) == "Python weekly (moved)",
      "the moved occurrence reads back as an override")
moved = cal.date_search(start=week2, end=week2 + datetime.timedelta(days=7), expand=True)
shown = moved[0].icalendar_instance.walk("VEVENT")[0]
expected = (second + datetime.timedelta(hours=1)).replace(tzinfo=ZoneInfo("Europe/Berlin"))
check(shown.decoded("DTSTART") == expected, "the expanded occurrence starts one hour later: %s" % shown.decoded("DTSTART"))

synced = cal.objects_by_sync_token()
token = synced.sync_token
check(len(list(synced)) >= 1, "a first sync lists the calendar with token %s" % token)

again.delete()
check(len(cal.date_search(start=week2, end=week2 + datetime.timedelta(days=7), expand=True)) == 0, "deleted: the week is empty")
after = cal.objects_by_sync_token(sync_token=token)
check(token != after.sync_token, "after the delete, the sync token moved to %s" % after.sync_token)
print("done")
