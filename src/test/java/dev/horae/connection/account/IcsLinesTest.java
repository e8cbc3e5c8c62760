package dev.horae.connection.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The one iCalendar writer: folding (RFC 5545 §3.1), TEXT escaping (§3.3.11), and times. */
class IcsLinesTest {
  @Test
  void long_lines_fold_at_75_octets_without_splitting_a_character() {
    String title = "Réunion ".repeat(20) + "😀 end";
    String text = new IcsLines().text("SUMMARY", title).toString();
    for (String line : text.split("\r\n")) {
      assertThat(line.getBytes(StandardCharsets.UTF_8).length).as(line).isLessThanOrEqualTo(75);
      assertThat(line).doesNotContain("\uFFFD");
    }
    assertThat(text.replace("\r\n ", "")).isEqualTo("SUMMARY:" + title + "\r\n"); // unfolding gives the line back
  }

  @Test
  void text_is_escaped_and_times_are_written_as_asked() {
    assertThat(new IcsLines().text("SUMMARY", "a;b,c\\d\ne").toString()).isEqualTo("SUMMARY:a\\;b\\,c\\\\d\\ne\r\n");
    Instant at = Instant.parse("2030-03-31T01:30:00Z");
    assertThat(new IcsLines().utc("DTSTART", at).local("DTEND", at, ZoneId.of("Europe/Berlin")).date("X", LocalDate.of(2030, 1, 9)).toString())
        .isEqualTo("DTSTART:20300331T013000Z\r\nDTEND;TZID=Europe/Berlin:20300331T033000\r\nX;VALUE=DATE:20300109\r\n");
  }
}
