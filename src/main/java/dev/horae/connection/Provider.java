package dev.horae.connection;

import java.util.List;

/** A calendar provider and how it connects (External Calendars v2 {@code Provider}). */
public record Provider(String id, String name, String calendarType, Features features) {

  public record Features(List<String> connectMethods, boolean updateSyncConfig, String listEventFromCalendars, String syncToCalendar) {}

  /** Fixed ids, so clients may keep them. */
  public static final String GOOGLE = "8a9f6e0e-1c3b-4b8e-9f1a-6d2c4e5b7a01";
  public static final String MICROSOFT = "8a9f6e0e-1c3b-4b8e-9f1a-6d2c4e5b7a02";
  public static final String APPLE = "8a9f6e0e-1c3b-4b8e-9f1a-6d2c4e5b7a03";
  public static final String CALDAV = "8a9f6e0e-1c3b-4b8e-9f1a-6d2c4e5b7a04";

  public static final List<Provider> ALL = List.of(
      new Provider(GOOGLE, "Google", "GOOGLE", new Features(List.of("OAUTH"), true, "PRIMARY_CALENDAR_ONLY", "PRIMARY_CALENDAR_ONLY")),
      new Provider(MICROSOFT, "Microsoft", "MICROSOFT", new Features(List.of("OAUTH"), true, "SPECIFIC_CALENDARS", "PRIMARY_CALENDAR_ONLY")),
      new Provider(APPLE, "Apple iCloud", "I_CAL", new Features(List.of("CREDENTIALS"), true, "SPECIFIC_CALENDARS", "DEDICATED_CALENDAR")),
      new Provider(CALDAV, "CalDAV", "OTHER", new Features(List.of("CREDENTIALS"), true, "SPECIFIC_CALENDARS", "DEDICATED_CALENDAR")));

  static java.util.Optional<Provider> byId(String id) {
    return ALL.stream().filter(p -> p.id().equals(id)).findFirst();
  }

  boolean byCredentials() {
    return features.connectMethods().contains("CREDENTIALS");
  }
}
