package dev.horae.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.horae.support.Api.Response;
import dev.horae.support.ApiTest;
import dev.horae.support.Fixtures;
import dev.horae.support.Radicale;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * A sync-collection listing that brings the objects' data along is more than Horae reads in one
 * answer: Horae asks for the listing again without the data and fetches the objects by multiget,
 * and the import is complete.
 */
@TestPropertySource(properties = "horae.caldav.max-answer-bytes=65536")
class CalDavLargeAnswerIT extends ApiTest {
  private static final String PREFIX = "/bookings/v2/external-calendars";
  private static final int LIMIT = 65536;
  private static final int EVENTS = 220;
  private static final String DAY = java.time.LocalDate.now().plusDays(10).toString().replace("-", ""); // inside the sync window

  @Test
  void a_listing_with_data_over_the_read_limit_is_asked_again_without_it() {
    Radicale bob = Radicale.bob();
    String calendar = bob.at("/bob/" + UUID.randomUUID() + "/");
    assertThat(bob.mkcalendar(calendar, "Large")).isEqualTo(201);
    for (int i = 0; i < EVENTS; i++) {
      String start = DAY + "T" + String.format("%02d%02d00Z", 6 + i / 60 % 12, i % 60);
      assertThat(bob.put(calendar + "e" + i + ".ics", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:large-" + i
          + "\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:" + start + "\r\nDURATION:PT1M\r\nSUMMARY:Large " + i + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"))
          .isEqualTo(201);
    }
    // the scenario holds: with data the listing is over the limit; without, and a multiget of 100, under it
    assertThat(size(bob.send("REPORT", calendar, listing(true)).body())).isGreaterThan(LIMIT);
    assertThat(size(bob.send("REPORT", calendar, listing(false)).body())).isLessThan(LIMIT);
    StringBuilder multiget = new StringBuilder("<c:calendar-multiget xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\"><d:prop><d:getetag/><c:calendar-data/></d:prop>");
    for (int i = 0; i < 100; i++) {
      multiget.append("<d:href>").append(java.net.URI.create(calendar).getPath()).append("e").append(i).append(".ics</d:href>");
    }
    assertThat(size(bob.send("REPORT", calendar, multiget.append("</c:calendar-multiget>").toString()).body())).isLessThan(LIMIT);

    String schedule = new Fixtures(api).schedule(Map.of("name", "Large answers"));
    Response connected = api.post(PREFIX + "/connections:connectByCredentials", Map.of("scheduleId", schedule, "providerId", Provider.CALDAV,
        "email", "bob", "password", "bobpw", "serverUrl", caldavUrl()));
    assertThat(connected.status()).as(connected.toString()).isEqualTo(200);
    String id = connected.at("/connection/id").stringValue();
    api.patch(PREFIX + "/connections/" + id + "/sync-config", Map.of("syncConfig", Map.of("listEventFromCalendars",
        Map.of("enabled", true, "calendars", Map.of("calendars", List.of(Map.of("id", calendar)))))));
    Response synced = api.post(PREFIX + "/connections/" + id + "/sync", Map.of());
    assertThat(synced.at("/connection/status").stringValue()).as(synced.toString()).isEqualTo("SYNCED");
    Response events = api.get(PREFIX + "/events?from=" + java.time.LocalDate.now().plusDays(10) + "T00:00:00Z&to=" + java.time.LocalDate.now().plusDays(11)
        + "T00:00:00Z&cursorPaging.limit=1000&scheduleIds=" + schedule);
    assertThat(events.json().get("events").size()).as(events.toString()).isEqualTo(EVENTS);
  }

  private static String listing(boolean withData) {
    return "<d:sync-collection xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\"><d:sync-token/><d:sync-level>1</d:sync-level><d:prop><d:getetag/>"
        + (withData ? "<c:calendar-data/>" : "") + "</d:prop></d:sync-collection>";
  }

  private static int size(String body) {
    return body.getBytes(StandardCharsets.UTF_8).length;
  }
}
