package dev.horae.feed;

import dev.horae.event.Event;
import dev.horae.event.ParticipantLists;
import dev.horae.event.ScheduleEvents;
import dev.horae.outbox.Changes;
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
import org.springframework.transaction.annotation.Isolation;
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

  /**
   * Bumped when the writer's output for the same events changes, so a tag from an older version is
   * not taken for a state of this one.
   */
  private static final int WRITER_VERSION = 1;
  /** The state part of a tag written while the tenant had a change not yet numbered: it never matches. */
  private static final String UNSETTLED = "x";

  /** What a feed's URL answers. */
  sealed interface Answer permits Written, Unchanged {
    String etag();
  }

  /** A written feed: its text and its tag. */
  record Written(String text, String etag) implements Answer {}

  /** Unchanged since a tag the client sent: no text, and the tag to keep. */
  record Unchanged(String etag) implements Answer {}

  private final FeedRepository feeds;
  private final FindingSchedules schedules;
  private final ScheduleEvents events;
  private final ParticipantLists participants;
  private final FeedProperties properties;
  private final Changes changes;
  private final Clock clock;

  CalendarFeeds(FeedRepository feeds, FindingSchedules schedules, ScheduleEvents events, ParticipantLists participants,
      FeedProperties properties, Changes changes, Clock clock) {
    this.changes = changes;
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

  /**
   * What the feed a URL's token names answers, over its window as of now; empty for a token that
   * names none (unknown, rotated, revoked).
   *
   * <p>A tag is {@code "<state>-<digest>"}. The state names what the text is made of: the feed's
   * settings, its window, and the tenant's change-feed position, read in the same snapshot as the
   * events (a repeatable-read transaction), so one state always gives one text. The digest is of the
   * text. A client's tag with the current state is answered unchanged without writing the feed; a
   * tag from another state, after changes elsewhere in the tenant, still is when the newly written
   * text has its digest, and the answer gives the tag of the current state to send next time.
   */
  @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
  Optional<Answer> answer(String token, String ifNoneMatch) {
    if (token == null || !token.startsWith(TOKEN_PREFIX) || token.length() > 100) {
      return Optional.empty();
    }
    return feeds.byToken(token).map(found -> {
      CalendarFeed feed = found.feed();
      Schedule schedule = schedules.get(found.tenant(), feed.scheduleId());
      LocalDate today = LocalDate.ofInstant(clock.instant(), schedule.timeZone());
      Instant from = today.minusDays(feed.pastDays()).atStartOfDay(schedule.timeZone()).toInstant();
      Instant to = today.plusDays(feed.futureDays() + 1L).atStartOfDay(schedule.timeZone()).toInstant();
      java.util.OptionalLong position = changes.settled(found.tenant());
      String state = position.isEmpty() ? UNSETTLED : Digests.sha256Hex(feed.id() + "|" + feed.revision() + "|" + position.getAsLong()
          + "|" + from + "|" + to + "|" + properties.refreshInterval().toSeconds() + "|" + WRITER_VERSION).substring(0, 16);
      List<String[]> sent = tags(ifNoneMatch);
      for (String[] tag : sent) {
        if (!state.equals(UNSETTLED) && state.equals(tag[0])) {
          return new Unchanged(tag(state, tag[1]));
        }
      }
      List<Event> occurrences = events.occurrences(found.tenant(), feed.scheduleId(), from, to);
      Map<String, List<ParticipantLists.Participant>> people = feed.privacy() == FeedPrivacy.FULL
          ? participants.forEvents(found.tenant(), occurrences.stream().filter(e -> FeedWriter.shown(e, feed.privacy())).map(Event::id).toList(),
              MAX_ATTENDEES)
          : Map.of();
      String name = feed.name() != null ? feed.name() : schedule.name();
      String text = FeedWriter.write(name, feed.privacy(), properties.refreshInterval(), occurrences, people);
      String digest = Digests.sha256Hex(text).substring(0, 32);
      for (String[] tag : sent) {
        if (tag[1].equals(digest) || tag[1].equals("*")) {
          return new Unchanged(tag(state, digest));
        }
      }
      return new Written(text, tag(state, digest));
    });
  }

  private static String tag(String state, String digest) {
    return "\"" + state + "-" + digest + "\"";
  }

  /**
   * The tags of an If-None-Match header (RFC 9110 §13.1.2), each as {state, digest}; weak ones are
   * compared weakly. {@code *} matches any text; a tag of the earlier form (a digest alone) has no state.
   */
  static List<String[]> tags(String header) {
    if (header == null) {
      return List.of();
    }
    List<String[]> out = new java.util.ArrayList<>();
    for (String part : header.split(",", 50)) {
      String t = part.strip();
      if (t.equals("*")) {
        out.add(new String[] {"", "*"});
        continue;
      }
      t = t.startsWith("W/") ? t.substring(2) : t;
      if (t.length() < 2 || t.charAt(0) != '"' || t.charAt(t.length() - 1) != '"') {
        continue;
      }
      t = t.substring(1, t.length() - 1);
      int dash = t.indexOf('-');
      out.add(dash < 0 ? new String[] {"", t} : new String[] {t.substring(0, dash), t.substring(dash + 1)});
    }
    return out;
  }
}
