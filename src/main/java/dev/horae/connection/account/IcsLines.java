package dev.horae.connection.account;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * iCalendar text as every adapter writes it (RFC 5545): content lines folded at 75 octets without
 * splitting a UTF-8 sequence (§3.1), TEXT values escaped (§3.3.11), DATE-TIMEs in UTC, or local with
 * a TZID, and DATEs. One writer for Horae's exported copies and for the VEVENTs the Google and Graph
 * adapters make of their providers' events.
 */
public final class IcsLines {
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss");
  private final StringBuilder out = new StringBuilder();

  /** Backslash, semicolon and comma escaped; any line break written as {@code \n}. */
  public static String escape(String s) {
    return s.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n");
  }

  public IcsLines begin(String component) {
    return line("BEGIN:" + component);
  }

  public IcsLines end(String component) {
    return line("END:" + component);
  }

  /** {@code name:value} with the value written as it is (an enumerated value, a rule). */
  public IcsLines property(String name, String value) {
    return line(name + ":" + value);
  }

  /** {@code name:value} with the value escaped as TEXT. */
  public IcsLines text(String name, String value) {
    return line(name + ":" + escape(value));
  }

  /** A DATE-TIME in UTC. */
  public IcsLines utc(String name, Instant at) {
    return line(name + ":" + LocalDateTime.ofInstant(at, ZoneOffset.UTC).format(LOCAL) + "Z");
  }

  /** A DATE-TIME as wall time in {@code zone} (an IANA id). */
  public IcsLines local(String name, Instant at, ZoneId zone) {
    return line(name + ";TZID=" + zone.getId() + ":" + LocalDateTime.ofInstant(at, zone).format(LOCAL));
  }

  /** A DATE. */
  public IcsLines date(String name, LocalDate day) {
    return line(name + ";VALUE=DATE:" + day.format(DateTimeFormatter.BASIC_ISO_DATE));
  }

  /** A whole content line, folded so no line exceeds 75 octets. */
  public IcsLines line(String content) {
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
    return this;
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
