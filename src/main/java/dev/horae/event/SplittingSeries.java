package dev.horae.event;

import dev.horae.event.EventEnums.EventStatus;
import dev.horae.event.EventEnums.RecurrenceType;
import dev.horae.recurrence.Occurrence;
import dev.horae.recurrence.RecurrenceExpander;
import dev.horae.recurrence.RecurrenceSet;
import dev.horae.recurrence.ValueKind;
import dev.horae.shared.Instants;
import dev.horae.shared.Rejection;
import dev.horae.shared.TenantId;
import dev.horae.shared.TimeZones;
import dev.horae.shared.Violations;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Split Recurring Event ("this and following"): the MASTER ends with its last occurrence that
 * starts before {@code splitLocalDate} ({@code until} = that occurrence's end), and a new MASTER,
 * a copy with a new id, starts with the first occurrence at or after it. The occurrences from the
 * split on (instances and exceptions) move to the new MASTER, keeping their ids. A {@code COUNT}
 * is shared out: the new series gets what the old one had left.
 */
@Component
public class SplittingSeries {
  private static final DateTimeFormatter UTC_BASIC = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DATE_BASIC = DateTimeFormatter.ofPattern("uuuuMMdd");
  private static final Instant LAST = Instant.parse("2101-01-01T00:00:00Z");

  private final EventRepository events;
  private final RecurrenceExpander expander;
  private final SeriesInstances instances;
  private final EventsViews views;
  private final EventLog log;
  private final Clock clock;

  SplittingSeries(EventRepository events, RecurrenceExpander expander, SeriesInstances instances, EventsViews views, EventLog log, Clock clock) {
    this.events = events;
    this.expander = expander;
    this.instances = instances;
    this.views = views;
    this.log = log;
    this.clock = clock;
  }

  public record Split(EventEntry ending, EventEntry starting) {}

  @Transactional
  public Split split(TenantId tenant, String masterId, String splitLocalDate, String timeZone) {
    EventEntry current = events.findForUpdate(tenant, masterId).orElseThrow(() -> Rejection.notFound("Event", masterId));
    Event master = current.event();
    if (master.recurrenceType() != RecurrenceType.MASTER) {
      throw Rejection.invalid("recurringEventId", "only a MASTER (recurring) event can be split, not a " + master.recurrenceType());
    }
    if (master.cancelled()) {
      throw Rejection.failedPrecondition("EVENT_CANCELLED", "Event " + masterId + " is cancelled");
    }
    Violations v = new Violations();
    if (splitLocalDate == null) {
      v.add("splitLocalDate", "is required");
    }
    ZoneId zone = timeZone == null ? master.timeZone() : TimeZones.parse(timeZone, "timeZone", v);
    LocalDateTime splitLocal = splitLocalDate == null ? null : EventTimes.parse(splitLocalDate, "splitLocalDate", v);
    v.throwIfAny();
    Instant split = dev.horae.recurrence.WallClock.instant(splitLocal, zone);
    Instant now = Instants.truncate(clock.instant());
    if (!split.isAfter(now)) {
      throw Rejection.invalid("splitLocalDate", "must be in the future");
    }
    RecurrenceSet set = SeriesRule.setOf(master.recurrenceRule(), master.time(), master.timeZone());
    List<Occurrence> before = expander.expand(set, master.start(), split, RecurrenceExpander.MAX_CAP).occurrences();
    List<Occurrence> after = expander.expand(set, split, LAST, 1).occurrences();
    if (before.isEmpty()) {
      throw Rejection.invalid("splitLocalDate", "is at or before the series' first occurrence; update the MASTER instead");
    }
    if (after.isEmpty()) {
      throw Rejection.invalid("splitLocalDate", "is after the series' last occurrence");
    }
    Occurrence last = before.get(before.size() - 1);
    Occurrence first = after.get(0);

    EventDraft ending = EventDraft.of(master);
    ending.recurrenceRule = endingRule(master, last, set.kind());
    ending.revision = master.revision() + 1;
    ending.updatedDate = now;
    Event endingMaster = ending.build();

    EventDraft starting = EventDraft.of(master);
    starting.id = SeriesInstances.newId(master);
    starting.status = EventStatus.CONFIRMED;
    starting.time = SeriesInstances.timeAt(master, first.local());
    starting.recurrenceRule = startingRule(master, before.size());
    starting.participantsTotal = 0;
    starting.participantsPending = 0;
    starting.revision = 1;
    starting.createdDate = now;
    starting.updatedDate = now;
    Event startingMaster = starting.build();

    events.update(tenant, endingMaster, master.revision());
    events.insert(tenant, startingMaster);
    EventEntry endingEntry = new EventEntry(endingMaster, current.scheduleName());
    EventEntry startingEntry = new EventEntry(startingMaster, current.scheduleName());
    log.updated(tenant, current, endingEntry);
    log.created(tenant, startingEntry);
    log.split(tenant, endingEntry, startingEntry);

    List<EventLog.Change> moved = new ArrayList<>();
    for (EventEntry row : events.occurrencesOf(tenant, master.id(), first.start())) {
      EventDraft d = EventDraft.of(row.event());
      d.recurringEventId = startingMaster.id();
      d.revision = row.event().revision() + 1;
      d.updatedDate = now;
      moved.add(new EventLog.Change(row, new EventEntry(d.build(), row.scheduleName())));
    }
    events.updateAll(tenant, moved.stream().map(c -> c.after().event()).toList());
    log.updatedAll(tenant, moved);
    List<Event> created = instances.materialise(tenant, startingMaster, first.start(), views.holdShared(tenant).endDate());
    log.createdAll(tenant, created.stream().map(e -> new EventEntry(e, current.scheduleName())).toList());
    return new Split(endingEntry, startingEntry);
  }

  /** The old series ends with {@code last}: the Calendar V3 rule's until is that occurrence's end; an RRULE gets UNTIL. */
  private static Map<String, Object> endingRule(Event master, Occurrence last, ValueKind kind) {
    Map<String, Object> rule = new LinkedHashMap<>(master.recurrenceRule());
    if (rule.get("rrule") instanceof String text) {
      String until = kind == ValueKind.DATE ? DATE_BASIC.format(last.local()) : UTC_BASIC.format(last.start());
      rule.put("rrule", withoutBounds(text) + ";UNTIL=" + until);
    } else {
      rule.put("until", Map.of("localDate", EventView.LOCAL.format(SeriesInstances.timeAt(master, last.local()).endLocal())));
    }
    return rule;
  }

  /** The new series keeps the old end; a COUNT keeps only what is left after the old series' occurrences. */
  private static Map<String, Object> startingRule(Event master, int usedBySplit) {
    Map<String, Object> rule = new LinkedHashMap<>(master.recurrenceRule());
    if (rule.get("rrule") instanceof String text) {
      java.util.regex.Matcher count = java.util.regex.Pattern.compile("(?i)(^|;)COUNT=(\\d+)").matcher(text);
      if (count.find()) {
        int left = Math.max(1, Integer.parseInt(count.group(2)) - usedBySplit);
        rule.put("rrule", withoutBounds(text) + ";COUNT=" + left);
      }
    }
    return rule;
  }

  private static String withoutBounds(String text) {
    StringBuilder out = new StringBuilder();
    for (String part : text.replaceFirst("(?i)^RRULE:", "").split(";")) {
      String name = part.contains("=") ? part.substring(0, part.indexOf('=')).toUpperCase(java.util.Locale.ROOT) : part;
      if (!part.isEmpty() && !name.equals("COUNT") && !name.equals("UNTIL")) {
        out.append(out.length() == 0 ? "" : ";").append(part);
      }
    }
    return out.toString();
  }
}
