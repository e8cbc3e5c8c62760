package dev.horae.shared;

import java.util.Optional;
import java.util.UUID;

/** Parses client-supplied GUIDs without throwing. */
public final class Uuids {
  private Uuids() {}

  public static Optional<UUID> parse(String s) {
    if (s == null || s.length() != 36) {
      return Optional.empty();
    }
    try {
      return Optional.of(UUID.fromString(s));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** A path id that is not a GUID names nothing that exists: 404, as for any unknown id. */
  public static UUID existing(String s, String entity) {
    return parse(s).orElseThrow(() -> Rejection.notFound(entity, s));
  }
}
