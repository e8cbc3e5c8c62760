package dev.horae.feed;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import biweekly.property.Attendee;
import biweekly.property.Status;
import biweekly.property.Transparency;
import dev.horae.event.Event;
import dev.horae.event.EventEnums.EventStatus;
import dev.horae.event.EventVEvents;
import dev.horae.event.ParticipantLists;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Writes a feed: one VEVENT per occurrence (single events, and each instance or exception of a
 * series on its own), never a series' rule. A subscriber then shows exactly the occurrences
 * Horae's engine made, with their exact times across DST, and an occurrence that is cancelled or
 * moves out of the window is simply absent from the next fetch: Google, Apple, Outlook and
 * Thunderbird all replace a subscribed calendar's contents on refresh, so they drop it. The text is
 * a function of the events only (DTSTAMP is the event's last change), so an unchanged schedule
 * gives the same bytes and the same ETag.
 */
final class FeedWriter {
  static final String PRODUCT_ID = "-//Horae//Calendar feed//EN";

  private FeedWriter() {}

  static String write(String calendarName, FeedPrivacy privacy, Duration refresh, List<Event> occurrences,
      Map<String, List<ParticipantLists.Participant>> participants) {
    ICalendar ical = new ICalendar();
    ical.setProductId(PRODUCT_ID);
    if (calendarName != null && !calendarName.isBlank()) {
      ical.setName(calendarName);
      ical.setExperimentalProperty("X-WR-CALNAME", calendarName);
    }
    ical.setRefreshInterval(new biweekly.util.Duration.Builder().minutes((int) refresh.toMinutes()).build());
    ical.setExperimentalProperty("X-PUBLISHED-TTL", "PT" + refresh.toMinutes() + "M");
    for (Event e : occurrences) {
      if (!shown(e, privacy)) {
        continue;
      }
      ical.addEvent(vevent(e, privacy, participants.getOrDefault(e.id(), List.of())));
    }
    return Biweekly.write(ical).go();
  }

  /** Cancelled occurrences are left out (subscribers drop them); a busy-only feed leaves out what does not block time. */
  static boolean shown(Event e, FeedPrivacy privacy) {
    if (e.cancelled()) {
      return false;
    }
    return privacy == FeedPrivacy.FULL || e.transparency() != dev.horae.event.EventEnums.Transparency.TRANSPARENT;
  }

  private static VEvent vevent(Event e, FeedPrivacy privacy, List<ParticipantLists.Participant> people) {
    VEvent v = EventVEvents.base(e, e.id() + "@horae");
    boolean transparent = e.transparency() == dev.horae.event.EventEnums.Transparency.TRANSPARENT;
    v.setTransparency(transparent ? Transparency.transparent() : Transparency.opaque());
    if (privacy == FeedPrivacy.BUSY) {
      v.setSummary("Busy");
      return v;
    }
    v.setSummary(e.title() == null ? "" : e.title());
    v.setStatus(e.status() == EventStatus.PENDING_CONFIRMATION ? Status.tentative() : Status.confirmed());
    if (e.location() != null && (e.location().name() != null || e.location().address() != null)) {
      v.setLocation(where(e.location().name(), e.location().address()));
    }
    if (e.notes() != null && !e.notes().isBlank()) {
      v.setDescription(e.notes());
    }
    for (ParticipantLists.Participant p : people) {
      if (p.email() != null && !p.email().isBlank()) {
        v.addAttendee(new Attendee(p.name(), p.email()));
      }
    }
    return v;
  }

  private static String where(String name, String address) {
    if (name == null || name.isBlank()) {
      return address;
    }
    return address == null || address.isBlank() ? name : name + ", " + address;
  }
}
