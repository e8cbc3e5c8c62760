package dev.horae.connection.ics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class IcsFeedsTest {
  private static final String TZ = "BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\nBEGIN:STANDARD\r\nDTSTART:19701025T030000\r\nTZOFFSETFROM:+0200\r\n"
      + "TZOFFSETTO:+0100\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n";
  private static final String OTHER_TZ = "BEGIN:VTIMEZONE\r\nTZID:America/New_York\r\nBEGIN:STANDARD\r\nDTSTART:19701101T020000\r\n"
      + "TZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n";

  @Test
  void a_feed_splits_by_uid_with_its_overrides_and_only_the_zones_it_uses() {
    String feed = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nX-WR-CALNAME:Classes\r\n" + TZ + OTHER_TZ
        + "BEGIN:VEVENT\r\nUID:series\r\nDTSTART;TZID=Europe/Berlin:20270104T090000\r\nRRULE:FREQ=WEEKLY\r\nSUMMARY:Yoga with a long\r\n  folded title\r\n"
        + "BEGIN:VALARM\r\nUID:alarm-1\r\nTRIGGER:-PT5M\r\nEND:VALARM\r\nEND:VEVENT\r\n"
        + "BEGIN:VTODO\r\nUID:todo\r\nSUMMARY:Not an event\r\nEND:VTODO\r\n"
        + "BEGIN:VEVENT\r\nUID:single\r\nDTSTART:20270105T100000Z\r\nSUMMARY:Lunch\r\nEND:VEVENT\r\n"
        + "BEGIN:VEVENT\r\nUID:series\r\nRECURRENCE-ID;TZID=Europe/Berlin:20270111T090000\r\nDTSTART;TZID=Europe/Berlin:20270111T110000\r\n"
        + "SUMMARY:Moved\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    IcsFeeds.Split split = IcsFeeds.split(feed);
    assertThat(split.name()).isEqualTo("Classes");
    assertThat(split.objects()).containsOnlyKeys("series", "single");
    String series = split.objects().get("series");
    assertThat(series).contains("SUMMARY:Yoga with a long folded title").contains("SUMMARY:Moved").contains("TZID:Europe/Berlin")
        .doesNotContain("America/New_York").doesNotContain("Not an event");
    assertThat(series.indexOf("BEGIN:VTIMEZONE")).isLessThan(series.indexOf("BEGIN:VEVENT"));
    assertThat(split.objects().get("single")).doesNotContain("VTIMEZONE");
    assertThat(split.hashes().get("series")).isNotEqualTo(split.hashes().get("single"));
    assertThat(IcsFeeds.split(feed).hashes()).isEqualTo(split.hashes()); // stable: an unchanged event is never rewritten
    assertThat(IcsFeeds.split(feed.replace("SUMMARY:Lunch", "SUMMARY:Brunch")).hashes().get("series")).isEqualTo(split.hashes().get("series"));
  }

  @Test
  void webcal_is_the_same_feed_over_https() throws Exception {
    dev.horae.shared.OutboundPolicy policy = new dev.horae.shared.OutboundPolicy(true);
    IcsFeeds feeds = new IcsFeeds(new dev.horae.shared.OutboundHttp(policy), policy, new IcsProperties(1024, java.time.Duration.ofSeconds(1)));
    try {
      assertThat(feeds.address("webcal://127.0.0.1/cal/feed.ics", "url")).hasToString("https://127.0.0.1/cal/feed.ics");
      assertThat(feeds.address(" WEBCALS://127.0.0.1/a.ics", "url")).hasToString("https://127.0.0.1/a.ics");
      assertThat(feeds.address("http://127.0.0.1/a.ics", "url")).hasToString("http://127.0.0.1/a.ics");
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> feeds.address("ftp://127.0.0.1/a.ics", "url"))
          .isInstanceOf(dev.horae.shared.Rejection.class);
    } finally {
      feeds.close();
    }
  }

  @Test
  void the_address_shown_keeps_the_secret_out() {
    assertThat(IcsFeeds.redacted(URI.create("https://calendar.google.com/calendar/ical/pat%40example.com/private-abc123/basic.ics")))
        .isEqualTo("https://calendar.google.com/…/basic.ics");
    assertThat(IcsFeeds.redacted(URI.create("https://example.com:8443/feed?token=s3cret"))).isEqualTo("https://example.com:8443/…/feed");
  }
}
