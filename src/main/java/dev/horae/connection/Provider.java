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
  /** An ICS feed by URL (Horae's addition): read-only busy time, connected with {@code connections:connectByUrl}. */
  public static final String ICS_FEED = "8a9f6e0e-1c3b-4b8e-9f1a-6d2c4e5b7a05";

  /** How a provider's accounts are connected ({@code features.connectMethods}). */
  public enum ConnectMethod {
    /** Google, Microsoft: an OAuth grant ({@code connections:connectByOAuth}). */
    OAUTH,
    /** iCloud and any CalDAV server: username and password ({@code connections:connectByCredentials}). */
    CREDENTIALS,
    /** An ICS feed: its address ({@code connections:connectByUrl}). */
    URL
  }

  public static final List<Provider> ALL = List.of(
      new Provider(GOOGLE, "Google", "GOOGLE", new Features(List.of("OAUTH"), true, "PRIMARY_CALENDAR_ONLY", "PRIMARY_CALENDAR_ONLY")),
      new Provider(MICROSOFT, "Microsoft", "MICROSOFT", new Features(List.of("OAUTH"), true, "SPECIFIC_CALENDARS", "PRIMARY_CALENDAR_ONLY")),
      new Provider(APPLE, "Apple iCloud", "I_CAL", new Features(List.of("CREDENTIALS"), true, "SPECIFIC_CALENDARS", "DEDICATED_CALENDAR")),
      new Provider(CALDAV, "CalDAV", "OTHER", new Features(List.of("CREDENTIALS"), true, "SPECIFIC_CALENDARS", "DEDICATED_CALENDAR")),
      new Provider(ICS_FEED, "ICS feed", "OTHER", new Features(List.of("URL"), true, "PRIMARY_CALENDAR_ONLY", "NOT_SUPPORTED")));

  static java.util.Optional<Provider> byId(String id) {
    return ALL.stream().filter(p -> p.id().equals(id)).findFirst();
  }

  boolean connectsBy(ConnectMethod method) {
    return features.connectMethods().contains(method.name());
  }

  /** Whether Horae can write to the provider's calendars ({@code features.syncToCalendar}). */
  boolean takesCopies() {
    return !"NOT_SUPPORTED".equals(features.syncToCalendar());
  }
}
