package dev.horae.connection.microsoft;

import static org.assertj.core.api.Assertions.assertThat;

import dev.horae.connection.account.Change;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** How a Graph event (an occurrence of a calendar view) becomes the VEVENT Horae counts. */
class GraphEventsTest {
  private static Change.Member member(Change c) {
    assertThat(c).isInstanceOf(Change.Member.class);
    return (Change.Member) c;
  }

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final GraphCalendarAccounts BUSY_OOF = accounts("BUSY");
  private static final GraphCalendarAccounts FREE_OOF = accounts("FREE");

  private static GraphCalendarAccounts accounts(String oof) {
    return new GraphCalendarAccounts(JSON, Clock.systemUTC(), new MicrosoftProperties("http://127.0.0.1:9/v1.0", 10, 1, Duration.ofMillis(1),
        Duration.ofMillis(1), 4, dev.horae.connection.OutOfOffice.valueOf(oof)), null); // parses only: no request, no slot
  }

  private static Change item(GraphCalendarAccounts graph, String json) {
    return graph.item(JSON.readTree(json));
  }

  private static String event(String extra) {
    return "{\"id\":\"AAMk1\",\"@odata.etag\":\"W/\\\"ck1\\\"\",\"subject\":\"Standup\",\"start\":{\"dateTime\":\"2030-01-07T08:00:00.0000000\","
        + "\"timeZone\":\"UTC\"},\"end\":{\"dateTime\":\"2030-01-07T08:30:00.0000000\",\"timeZone\":\"UTC\"}" + extra + "}";
  }

  @Test
  void times_come_in_utc_and_all_day_events_as_dates() {
    Change.Member item = member(item(BUSY_OOF, event(",\"showAs\":\"busy\"")));
    assertThat(item.etag()).isEqualTo("W/\"ck1\"");
    assertThat(item.vevent()).contains("DTSTART:20300107T080000Z").contains("DTEND:20300107T083000Z").contains("TRANSP:OPAQUE");
    Change.Member day = member(item(BUSY_OOF, "{\"id\":\"AAMk2\",\"isAllDay\":true,\"start\":{\"dateTime\":\"2030-01-09T00:00:00.0000000\",\"timeZone\":\"UTC\"},"
        + "\"end\":{\"dateTime\":\"2030-01-10T00:00:00.0000000\",\"timeZone\":\"UTC\"}}"));
    assertThat(day.vevent()).contains("DTSTART;VALUE=DATE:20300109").contains("DTEND;VALUE=DATE:20300110");
  }

  @Test
  void show_as_cancelled_and_declined() {
    assertThat(member(item(BUSY_OOF, event(",\"showAs\":\"free\""))).vevent()).contains("TRANSP:TRANSPARENT");
    assertThat(member(item(BUSY_OOF, event(",\"showAs\":\"workingElsewhere\""))).vevent()).contains("TRANSP:TRANSPARENT");
    assertThat(member(item(BUSY_OOF, event(",\"showAs\":\"tentative\""))).vevent()).contains("TRANSP:OPAQUE");
    assertThat(member(item(BUSY_OOF, event(",\"showAs\":\"oof\""))).vevent()).contains("TRANSP:OPAQUE");
    assertThat(member(item(FREE_OOF, event(",\"showAs\":\"oof\""))).vevent()).contains("TRANSP:TRANSPARENT");
    assertThat(member(item(BUSY_OOF, event(",\"isCancelled\":true"))).vevent()).contains("TRANSP:TRANSPARENT");
    assertThat(member(item(BUSY_OOF, event(",\"responseStatus\":{\"response\":\"declined\"}"))).vevent()).contains("TRANSP:TRANSPARENT");
  }

  @Test
  void a_removal_is_an_item_without_an_event() {
    assertThat((item(BUSY_OOF, "{\"id\":\"AAMk3\",\"@removed\":{\"reason\":\"deleted\"}}") instanceof Change.Removed)).isTrue();
  }
}
