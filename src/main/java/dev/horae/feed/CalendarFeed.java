package dev.horae.feed;

import java.time.Instant;
import java.util.UUID;

/** One feed of a schedule; {@code token} is the secret in its URL (masked in {@code toString}). */
record CalendarFeed(UUID id, UUID scheduleId, String name, FeedPrivacy privacy, int pastDays, int futureDays, String token, long revision,
    Instant createdDate, Instant updatedDate) {

  CalendarFeed with(String newName, FeedPrivacy newPrivacy, int newPast, int newFuture, Instant now) {
    return new CalendarFeed(id, scheduleId, newName, newPrivacy, newPast, newFuture, token, revision + 1, createdDate, now);
  }

  CalendarFeed withToken(String newToken, Instant now) {
    return new CalendarFeed(id, scheduleId, name, privacy, pastDays, futureDays, newToken, revision + 1, createdDate, now);
  }

  @Override
  public String toString() {
    return "CalendarFeed[id=" + id + ", scheduleId=" + scheduleId + ", name=" + name + ", privacy=" + privacy + ", pastDays=" + pastDays
        + ", futureDays=" + futureDays + ", token=***, revision=" + revision + "]";
  }
}
