package dev.horae.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A subscription: where to POST which changes. {@code eventTypes} are change types such as {@code
 * wix.calendar.v3.event.created}, or prefixes ending in {@code *} ({@code wix.calendar.v3.event.*},
 * or {@code *} for everything).
 */
record Webhook(
    UUID id, String url, List<String> eventTypes, boolean enabled, String disabledReason, long lastSequence,
    long revision, Instant createdDate, Instant updatedDate) {

  boolean wants(String type) {
    for (String pattern : eventTypes) {
      if (pattern.equals(type) || (pattern.endsWith("*") && type.startsWith(pattern.substring(0, pattern.length() - 1)))) {
        return true;
      }
    }
    return false;
  }
}
