package dev.horae.feed;

import dev.horae.event.Event;
import dev.horae.event.ParticipantLists;
import dev.horae.event.ScheduleEvents;
import dev.horae.schedule.FindingSchedules;
import dev.horae.schedule.Schedule;
import dev.horae.shared.Digests;
import dev.horae.shared.Ids;
import dev.horae.shared.Instants;
import dev.horae.shared.Rejection;
import dev.horae.shared.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Create, change, rotate and revoke a schedule's feeds, and write one for its URL's token. */
@Service
class CalendarFeeds {
  static final int MAX_PER_SCHEDULE = 10;
  static final int MAX_PAST_DAYS = 365;
  static final int MAX_FUTURE_DAYS = 730;
  static final int DEFAULT_PAST_DAYS = 30;
  static final int DEFAULT_FUTURE_DAYS = 365;
  /** Attendees written per event in a FULL feed. */
  static final int MAX_ATTENDEES = 100;
  private static final String TOKEN_PREFIX = "hcf_";

  /** A written feed: its text and the ETag of exactly that text. */
  record Written(String text, String etag) {}

  private final FeedRepository feeds;
  private final FindingSchedules schedules;
  private final ScheduleEvents events;
  private final ParticipantLists participants;
  private final FeedProperties properties;
  private final Clock clock;

  CalendarFeeds(FeedRepository feeds, FindingSchedules schedules, ScheduleEvents events, ParticipantLists participants,
      FeedProperties properties, Clock clock) {
    this.feeds = feeds;
    this.schedules = schedules;
    this.events = events;
    this.participants = participants;
    this.properties = properties;
    this.clock = clock;
  }

  @Transactional
  CalendarFeed create(TenantId tenant, UUID scheduleId, String name, FeedPrivacy privacy, Integer pastDays, Integer futureDays) {
    schedules.get(tenant, scheduleId);
    if (feeds.holdAndCount(tenant, scheduleId) >= MAX_PER_SCHEDULE) {
      throw Rejection.conflict("TOO_MANY_FEEDS", "Schedule " + scheduleId + " already has " + MAX_PER_SCHEDULE
          + " feeds; delete one first");
    }
    Instant now = Instants.truncate(clock.instant());
    CalendarFeed feed = new CalendarFeed(Ids.newUuid(), scheduleId, name, privacy == null ? FeedPrivacy.BUSY : privacy,
        pastDays == null ? DEFAULT_PAST_DAYS : pastDays, futureDays == null ? DEFAULT_FUTURE_DAYS : futureDays,
        Digests.newToken(TOKEN_PREFIX), 1, now, now);
    feeds.insert(tenant, feed);
    return feed;
  }

  @Transactional(readOnly = true)
  CalendarFeed get(TenantId tenant, UUID id) {
    return feeds.find(tenant, id).orElseThrow(() -> Rejection.notFound("Calendar feed", id));
  }

  @Transactional(readOnly = true)
  List<CalendarFeed> ofSchedule(TenantId tenant, UUID scheduleId) {
    schedules.get(tenant, scheduleId);
    return feeds.ofSchedule(tenant, scheduleId);
  }

  /** Changes the members given (null keeps the value) if {@code revision} is the current one. */
  @Transactional
  CalendarFeed update(TenantId tenant, UUID id, Long revision, Optional<String> name, FeedPrivacy privacy, Integer pastDays,
      Integer futureDays) {
    CalendarFeed current = get(tenant, id);
    Rejection.requireRevision("Calendar feed", id, revision, current.revision());
    CalendarFeed changed = current.with(name.orElse(current.name()), privacy == null ? current.privacy() : privacy,
        pastDays == null ? current.pastDays() : pastDays, futureDays == null ? current.futureDays() : futureDays,
        Instants.truncate(clock.instant()));
    if (!feeds.update(tenant, changed, current.revision())) {
      throw Rejection.revisionMismatch("Calendar feed", id, revision, current.revision() + 1);
    }
    return changed;
  }

  /** A new secret in the URL; the old URL stops working at once. */
  @Transactional
  CalendarFeed rotate(TenantId tenant, UUID id) {
    CalendarFeed current = get(tenant, id);
    CalendarFeed changed = current.withToken(Digests.newToken(TOKEN_PREFIX), Instants.truncate(clock.instant()));
    if (!feeds.update(tenant, changed, current.revision())) {
      throw Rejection.conflict("REVISION_MISMATCH", "Calendar feed " + id + " changed while its token was rotated; try again");
    }
    return changed;
  }

  @Transactional
  void delete(TenantId tenant, UUID id) {
    if (!feeds.delete(tenant, id)) {
      throw Rejection.notFound("Calendar feed", id);
    }
  }

  /** The feed a URL's token names, written over its window as of now; empty for a token that names none (unknown, rotated, revoked). */
  @Transactional(readOnly = true)
  Optional<Written> write(String token) {
    if (token == null || !token.startsWith(TOKEN_PREFIX) || token.length() > 100) {
      return Optional.empty();
    }
    return feeds.byToken(token).map(found -> {
      CalendarFeed feed = found.feed();
      Schedule schedule = schedules.get(found.tenant(), feed.scheduleId());
      LocalDate today = LocalDate.ofInstant(clock.instant(), schedule.timeZone());
      Instant from = today.minusDays(feed.pastDays()).atStartOfDay(schedule.timeZone()).toInstant();
      Instant to = today.plusDays(feed.futureDays() + 1L).atStartOfDay(schedule.timeZone()).toInstant();
      List<Event> occurrences = events.occurrences(found.tenant(), feed.scheduleId(), from, to);
      Map<String, List<ParticipantLists.Participant>> people = feed.privacy() == FeedPrivacy.FULL
          ? participants.forEvents(found.tenant(), occurrences.stream().filter(e -> FeedWriter.shown(e, feed.privacy())).map(Event::id).toList(),
              MAX_ATTENDEES)
          : Map.of();
      String name = feed.name() != null ? feed.name() : schedule.name();
      String text = FeedWriter.write(name, feed.privacy(), properties.refreshInterval(), occurrences, people);
      return new Written(text, "\"" + Digests.sha256Hex(text).substring(0, 32) + "\"");
    });
  }
}
