package dev.horae.event;

import biweekly.component.VEvent;
import biweekly.util.DateTimeComponents;
import biweekly.util.ICalDate;
import java.time.LocalDate;
import java.util.Date;

/** The part of a VEVENT every writer of Horae's events shares (feeds, CalDAV objects). */
public final class EventVEvents {
  private EventVEvents() {}

  /**
   * A VEVENT with {@code uid}, SEQUENCE (revision − 1), DTSTAMP and LAST-MODIFIED (the last change),
   * CREATED, and the event's times: dates for an all-day event, instants otherwise (the caller may
   * give them a zone).
   */
  public static VEvent base(Event e, String uid) {
    VEvent v = new VEvent();
    v.setUid(uid);
    v.setSequence((int) Math.max(0, Math.min(Integer.MAX_VALUE, e.revision() - 1)));
    v.setDateTimeStamp(Date.from(e.updatedDate()));
    v.setCreated(Date.from(e.createdDate()));
    v.setLastModified(Date.from(e.updatedDate()));
    if (e.allDay()) {
      EventTime.AllDay day = (EventTime.AllDay) e.time();
      v.setDateStart(date(day.first()), false);
      v.setDateEnd(date(day.endExclusive()), false);
    } else {
      v.setDateStart(Date.from(e.start()), true);
      v.setDateEnd(Date.from(e.end()), true);
    }
    return v;
  }

  public static ICalDate date(LocalDate d) {
    return new ICalDate(new DateTimeComponents(d.getYear(), d.getMonthValue(), d.getDayOfMonth()), false);
  }
}
