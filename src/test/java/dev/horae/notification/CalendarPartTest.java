package dev.horae.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The VTIMEZONE Horae writes into an invitation, read by python-dateutil's {@code tzical} (a
 * third-party iCalendar reader; {@code scripts/ensure-dateutil.sh}), gives the JDK's offset at every
 * half hour of two years, and on both sides of every transition, in zones with northern, southern,
 * none, half-hour, 45-minute and US-style rules.
 */
class CalendarPartTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void vtimezones_read_by_dateutil_agree_with_the_jdk_at_every_half_hour_and_every_transition() throws Exception {
    Process python = new ProcessBuilder("python3", Path.of("src/test/resources/dateutil/vtimezone.py").toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    int compared = 0;
    try (Writer in = new OutputStreamWriter(python.getOutputStream(), StandardCharsets.UTF_8);
        BufferedReader out = new BufferedReader(new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8))) {
      for (String id : List.of("Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Tokyo", "America/Sao_Paulo",
          "Pacific/Auckland", "Europe/London", "America/Santiago", "Asia/Kolkata", "Pacific/Chatham", "Australia/Lord_Howe")) {
        ZoneId zone = ZoneId.of(id);
        biweekly.ICalendar ical = new biweekly.ICalendar();
        ical.addComponent(dev.horae.shared.IcalZones.vtimezone(zone));
        String text = biweekly.Biweekly.write(ical).go();
        List<Instant> at = new ArrayList<>();
        for (Instant t = Instant.parse("2027-01-01T00:30:00Z"); t.isBefore(Instant.parse("2029-01-01T00:00:00Z")); t = t.plus(Duration.ofHours(1))) {
          at.add(t);
        }
        for (var tr = zone.getRules().nextTransition(Instant.parse("2027-01-01T00:00:00Z")); tr != null
            && tr.getInstant().isBefore(Instant.parse("2029-01-01T00:00:00Z")); tr = zone.getRules().nextTransition(tr.getInstant())) {
          at.add(tr.getInstant().minusSeconds(1));
          at.add(tr.getInstant());
        }
        in.write(JSON.writeValueAsString(java.util.Map.of("ics", text, "instants", at.stream().map(Instant::getEpochSecond).toList())) + "\n");
        in.flush();
        JsonNode offsets = JSON.readTree(out.readLine());
        for (int i = 0; i < at.size(); i++) {
          assertThat(offsets.get(i).intValue()).as(id + " at " + at.get(i) + "\n" + text)
              .isEqualTo(zone.getRules().getOffset(at.get(i)).getTotalSeconds());
          compared++;
        }
      }
    }
    assertThat(python.waitFor()).as("the dateutil script's exit (is python3-dateutil installed? scripts/ensure-dateutil.sh)").isZero();
    assertThat(compared).isGreaterThan(11 * 17_544);
  }
}
