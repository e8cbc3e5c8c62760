package dev.horae.connection.account;

/** iCalendar TEXT values, as every adapter writes them (RFC 5545 §3.3.11). */
public final class IcsText {
  private IcsText() {}

  /** Backslash, semicolon and comma escaped; any line break written as {@code \n}. */
  public static String escape(String s) {
    return s.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n");
  }
}
