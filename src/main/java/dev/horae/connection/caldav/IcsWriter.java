package dev.horae.connection.caldav;

import dev.horae.connection.account.IcsText;

import dev.horae.connection.account.Outgoing;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes an exported event as iCalendar: one VEVENT with the deterministic UID, times in UTC (or
 * dates for all-day events), escaped text and lines folded at 75 octets (RFC 5545 §3.1, §3.3.11).
 */
final class IcsWriter {
  private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private IcsWriter() {}

  static String write(Outgoing e) {
    StringBuilder out = new StringBuilder();
    line(out, "BEGIN:VCALENDAR");
    line(out, "VERSION:2.0");
    line(out, "PRODID:-//Horae//Horae calendar export//EN");
    line(out, "BEGIN:VEVENT");
    line(out, "UID:" + e.uid());
    line(out, "DTSTAMP:" + UTC.format(Instant.EPOCH));
    if (e.allDay()) {
      line(out, "DTSTART;VALUE=DATE:" + e.firstDay().format(DateTimeFormatter.BASIC_ISO_DATE));
      line(out, "DTEND;VALUE=DATE:" + e.endDay().format(DateTimeFormatter.BASIC_ISO_DATE));
    } else {
      line(out, "DTSTART:" + UTC.format(e.start()));
      line(out, "DTEND:" + UTC.format(e.end()));
    }
    line(out, "SUMMARY:" + IcsText.escape(e.title() == null ? "Busy" : e.title()));
    line(out, "TRANSP:" + (e.transparent() ? "TRANSPARENT" : "OPAQUE"));
    line(out, "STATUS:CONFIRMED");
    line(out, "END:VEVENT");
    line(out, "END:VCALENDAR");
    return out.toString();
  }


  /** Appends a content line, folded so no line exceeds 75 octets, never splitting a UTF-8 sequence. */
  private static void line(StringBuilder out, String content) {
    int octets = 0;
    for (int i = 0; i < content.length(); ) {
      int cp = content.codePointAt(i);
      int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (octets + size > 75) {
        out.append("\r\n ");
        octets = 1;
      }
      out.appendCodePoint(cp);
      octets += size;
      i += Character.charCount(cp);
    }
    out.append("\r\n");
  }
}
