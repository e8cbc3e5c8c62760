package dev.horae.tenant;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What an API key may do: read or write one surface of the API. A write scope includes reading the
 * same surface (as Stripe's restricted keys do); a key made without scopes holds them all.
 */
public enum Scope {
  CALENDAR_READ("calendar:read"),
  CALENDAR_WRITE("calendar:write"),
  RESOURCES_READ("resources:read"),
  RESOURCES_WRITE("resources:write"),
  APPOINTMENTS_READ("appointments:read"),
  APPOINTMENTS_WRITE("appointments:write"),
  EXTERNAL_CALENDARS_READ("external-calendars:read"),
  EXTERNAL_CALENDARS_WRITE("external-calendars:write"),
  WEBHOOKS_READ("webhooks:read"),
  WEBHOOKS_WRITE("webhooks:write"),
  KEYS_READ("keys:read"),
  KEYS_WRITE("keys:write"),
  NOTIFICATIONS_READ("notifications:read"),
  NOTIFICATIONS_WRITE("notifications:write");

  private final String value;

  Scope(String value) {
    this.value = value;
  }

  /** The scope as the API writes it, e.g. {@code calendar:read}. */
  public String value() {
    return value;
  }

  public static Optional<Scope> parse(String value) {
    return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
  }

  static Set<Scope> all() {
    return EnumSet.allOf(Scope.class);
  }

  boolean isWrite() {
    return value.endsWith(":write");
  }

  /** The write scope of the same surface ({@code calendar:read} → {@code calendar:write}); a write scope is its own. */
  Scope writeOfSurface() {
    return isWrite() ? this : values()[ordinal() + 1];
  }

  /** Whether holding {@code held} allows what this scope guards. */
  public boolean grantedBy(Set<Scope> held) {
    return held.contains(this) || held.contains(writeOfSurface());
  }
}
