package dev.horae.connection.google;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventAttendee;
import com.google.api.services.calendar.model.EventDateTime;
import dev.horae.connection.account.Change;
import dev.horae.connection.account.Outgoing;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a Google event becomes the VEVENT Horae expands: times, series, and Google's busy signals. */
class GoogleEventsTest {
  private static Change.Member member(Change c) {
    assertThat(c).isInstanceOf(Change.Member.class);
    return (Change.Member) c;
  }

  private static final GoogleCalendarAccounts BUSY_OOO = accounts("BUSY");
  private static final GoogleCalendarAccounts FREE_OOO = accounts("FREE");

  private static GoogleCalendarAccounts accounts(String outOfOffice) {
    return new GoogleCalendarAccounts(new GoogleProperties("http://127.0.0.1:9/", 250, 1, Duration.ofMillis(1), Duration.ofMillis(1),
        dev.horae.connection.OutOfOffice.valueOf(outOfOffice)), java.time.Clock.systemUTC());
  }

  private static Event timed(String id, String start, String end, String zone) {
    return new Event().setId(id).setEtag("\"1\"").setStatus("confirmed").setSummary("Plan; review, v2")
        .setStart(new EventDateTime().setDateTime(new DateTime(start)).setTimeZone(zone))
        .setEnd(new EventDateTime().setDateTime(new DateTime(end)).setTimeZone(zone));
  }

  @Test
  void a_zoned_time_keeps_its_zone_and_text_is_escaped() {
    Change.Member item = member(BUSY_OOO.item(timed("a1", "2030-01-07T09:00:00+01:00", "2030-01-07T10:00:00+01:00", "Europe/Berlin")));
    assertThat(item.vevent()).contains("DTSTART;TZID=Europe/Berlin:20300107T090000").contains("DTEND;TZID=Europe/Berlin:20300107T100000")
        .contains("SUMMARY:Plan\\; review\\, v2").contains("TRANSP:OPAQUE");
    assertThat(item.series()).isEqualTo("a1");
    assertThat(member(BUSY_OOO.item(timed("a2", "2030-01-07T09:00:00+01:00", "2030-01-07T10:00:00+01:00", null))).vevent())
        .contains("DTSTART:20300107T080000Z");
  }

  @Test
  void all_day_events_are_dates_and_series_keep_their_rules() {
    Event day = new Event().setId("d1").setEtag("\"2\"").setStart(new EventDateTime().setDate(new DateTime("2030-01-09")))
        .setEnd(new EventDateTime().setDate(new DateTime("2030-01-10"))).setRecurrence(List.of("RRULE:FREQ=WEEKLY;COUNT=3"));
    assertThat(member(BUSY_OOO.item(day)).vevent()).contains("DTSTART;VALUE=DATE:20300109").contains("DTEND;VALUE=DATE:20300110")
        .contains("RRULE:FREQ=WEEKLY;COUNT=3");
  }

  @Test
  void deletions_and_cancelled_occurrences() {
    assertThat((BUSY_OOO.item(new Event().setId("x1").setStatus("cancelled")) instanceof Change.Removed)).isTrue();
    Event occurrence = new Event().setId("s1_20300107T080000Z").setStatus("cancelled").setRecurringEventId("s1")
        .setOriginalStartTime(new EventDateTime().setDateTime(new DateTime("2030-01-07T09:00:00+01:00")).setTimeZone("Europe/Berlin"));
    Change.Member item = member(BUSY_OOO.item(occurrence));
    assertThat(item.series()).isEqualTo("s1");
    assertThat(item.vevent()).contains("RECURRENCE-ID;TZID=Europe/Berlin:20300107T090000").contains("STATUS:CANCELLED");
  }

  @Test
  void googles_free_signals() {
    Event transparent = timed("t1", "2030-01-07T09:00:00Z", "2030-01-07T10:00:00Z", null).setTransparency("transparent");
    assertThat(member(BUSY_OOO.item(transparent)).vevent()).contains("TRANSP:TRANSPARENT");
    Event declined = timed("t2", "2030-01-07T09:00:00Z", "2030-01-07T10:00:00Z", null)
        .setAttendees(List.of(new EventAttendee().setEmail("me@example.com").setSelf(true).setResponseStatus("declined"),
            new EventAttendee().setEmail("boss@example.com").setResponseStatus("accepted")));
    assertThat(member(BUSY_OOO.item(declined)).vevent()).contains("TRANSP:TRANSPARENT");
    Event away = timed("t3", "2030-01-07T09:00:00Z", "2030-01-07T10:00:00Z", null).setEventType("outOfOffice");
    assertThat(member(BUSY_OOO.item(away)).vevent()).contains("TRANSP:OPAQUE");
    assertThat(member(FREE_OOO.item(away)).vevent()).contains("TRANSP:TRANSPARENT");
    Event elsewhere = timed("t4", "2030-01-07T09:00:00Z", "2030-01-07T10:00:00Z", null).setEventType("workingLocation");
    assertThat(member(BUSY_OOO.item(elsewhere)).vevent()).contains("TRANSP:TRANSPARENT");
  }

  @Test
  void horaes_own_copies_are_marked_so_they_are_never_busy_time() {
    Event ours = timed("horaeabc", "2030-01-07T09:00:00Z", "2030-01-07T10:00:00Z", null)
        .setExtendedProperties(new Event.ExtendedProperties().setPrivate(Map.of("horae", "export")));
    assertThat(member(BUSY_OOO.item(ours)).vevent()).contains("UID:horaeabc" + Outgoing.EXPORT_UID_SUFFIX);
    assertThat(BUSY_OOO.ref("0123abcd")).isEqualTo("horae0123abcd");
    assertThat(BUSY_OOO.ref("not-hex!")).matches("horae[0-9a-v]+");
  }
}
