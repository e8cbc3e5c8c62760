package dev.horae.connection.caldav;

import dev.horae.connection.account.IcsLines;
import dev.horae.connection.account.Outgoing;
import java.time.Instant;

/** Writes an exported event as iCalendar: one VEVENT with the deterministic UID, times in UTC (or dates for all-day events). */
final class IcsWriter {
  private IcsWriter() {}

  static String write(Outgoing e) {
    IcsLines out = new IcsLines().begin("VCALENDAR").property("VERSION", "2.0").property("PRODID", "-//Horae//Horae calendar export//EN")
        .begin("VEVENT").text("UID", e.uid()).utc("DTSTAMP", Instant.EPOCH);
    if (e.allDay()) {
      out.date("DTSTART", e.firstDay()).date("DTEND", e.endDay());
    } else {
      out.utc("DTSTART", e.start()).utc("DTEND", e.end());
    }
    return out.text("SUMMARY", e.title() == null ? "Busy" : e.title()).property("TRANSP", e.transparent() ? "TRANSPARENT" : "OPAQUE")
        .property("STATUS", "CONFIRMED").end("VEVENT").end("VCALENDAR").toString();
  }
}
