package dev.horae.event;


import dev.horae.event.EventEnums.InheritableField;
import dev.horae.event.EventEnums.RecurrenceType;
import dev.horae.event.EventEnums.Transparency;
import dev.horae.schedule.Schedule;
import dev.horae.shared.Change;
import dev.horae.shared.TimeZones;
import dev.horae.shared.Violations;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Applies an {@link EventChanges} to a draft: on create, absent inheritable fields take the
 * schedule's defaults and are listed in {@code inheritedFields}; a field the client sets (even to
 * null) is the event's own from then on. Collects every violation instead of stopping at the first.
 */
final class ApplyingEventChanges {
  private ApplyingEventChanges() {}

  static void apply(EventDraft d, Schedule schedule, EventChanges c, boolean creating, Violations v) {
    immutables(d, c, creating, v);
    d.title = inheritable(c.title(), d.title, schedule.defaultTitle(), InheritableField.TITLE, d, creating);
    d.location = inheritable(c.location(), d.location, schedule.defaultLocation(), InheritableField.LOCATION, d, creating);
    d.totalCapacity = inheritable(c.totalCapacity(), d.totalCapacity, schedule.defaultCapacity(), InheritableField.CAPACITY, d, creating);
    d.conferencingDetails =
        inheritable(c.conferencingDetails(), d.conferencingDetails, schedule.defaultConferencingDetails(),
            InheritableField.CONFERENCING_DETAILS, d, creating);
    zone(d, schedule, c, creating, v);
    time(d, c, creating, v);
    if (d.time != null && d.timeZone != null && d.recurrenceType != RecurrenceType.MASTER) {
      // a wall time in a DST gap moves forward (docs/time.md); a MASTER keeps the wall time its rule repeats
      d.time = EventTimes.existing(d.time, d.timeZone);
    }
    if (c.transparency().present()) {
      d.transparency = c.transparency().value() == null ? Transparency.OPAQUE : c.transparency().value();
    }
    if (c.resources().present()) {
      d.resources = c.resources().value() == null ? java.util.List.of()
          : c.resources().value().stream().map(r -> r == null ? null : r.withDefaults()).toList();
    }
    d.notes = c.notes().orElse(d.notes);
    d.permissions = c.permissions().orElse(d.permissions);
    d.extendedFields = c.extendedFields().orElse(d.extendedFields);
  }

  private static void immutables(EventDraft d, EventChanges c, boolean creating, Violations v) {
    if (creating) {
      d.type = c.type().setsValue() ? c.type().value() : d.type;
    } else {
      v.check(!c.type().present() || c.type().value() == d.type, "event.type", "can't be changed after creation");
      v.check(!c.scheduleId().present() || Objects.equals(c.scheduleId().value(), d.scheduleId.toString()),
          "event.scheduleId", "can't be changed after creation");
    }
    if (c.recurrenceRule().present()) {
      if (creating) {
        if (c.recurrenceRule().setsValue()) {
          d.recurrenceType = RecurrenceType.MASTER;
        }
      } else if (d.recurrenceType == RecurrenceType.MASTER) {
        v.check(c.recurrenceRule().setsValue(), "event.recurrenceRule", "a recurring event keeps a rule; cancel it to end the series");
      } else if (d.recurrenceType == RecurrenceType.NONE) {
        v.add("event.recurrenceRule", "a single event can't become recurring; create a recurring event instead");
      } else {
        v.add("event.recurrenceRule", "can't update the recurrence rule for INSTANCE or EXCEPTION events");
      }
    }
  }

  /**
   * The MASTER's rule, validated against its (possibly changed) first occurrence; a new series must
   * not start before today in its own zone (as in Calendar V3). An INSTANCE or EXCEPTION stops
   * inheriting TIME and RESOURCES once they are set on it.
   */
  static void recurrence(EventDraft d, EventChanges c, boolean creating, Clock clock, Violations v) {
    boolean timeTouched = c.start().present() || c.end().present() || c.allDay().present();
    if (d.recurrenceType == RecurrenceType.MASTER && d.time != null && d.timeZone != null
        && (creating || timeTouched || c.recurrenceRule().present() || c.timeZone().present())) {
      Object raw = c.recurrenceRule().present() ? c.recurrenceRule().value() : d.recurrenceRule;
      if ((creating || timeTouched) && d.time.startLocal().toLocalDate().isBefore(java.time.LocalDate.now(clock.withZone(d.timeZone)))) {
        v.add("event.start.localDate", "a recurring event can't start before today (in its time zone)");
      }
      if (v.isEmpty()) {
        d.recurrenceRule = SeriesRule.normalise(raw, d.time, d.timeZone, v);
      }
    }
    if (!creating && (d.recurrenceType == RecurrenceType.INSTANCE || d.recurrenceType == RecurrenceType.EXCEPTION)) {
      if (timeTouched) {
        d.inheritedFields.remove(InheritableField.TIME);
      }
      if (c.resources().present()) {
        d.inheritedFields.remove(InheritableField.RESOURCES);
      }
    }
  }

  private static <T> T inheritable(
      Change<T> change, T current, T scheduleDefault, InheritableField field, EventDraft d, boolean creating) {
    if (change.present()) {
      d.inheritedFields.remove(field);
      return change.value();
    }
    if (creating) {
      d.inheritedFields.add(field);
      return scheduleDefault;
    }
    return current;
  }

  private static void zone(EventDraft d, Schedule schedule, EventChanges c, boolean creating, Violations v) {
    if (c.timeZone().present()) {
      ZoneId zone = TimeZones.parse(c.timeZone().value(), "event.timeZone", v);
      d.inheritedFields.remove(InheritableField.TIME_ZONE);
      d.timeZone = zone == null ? d.timeZone : zone;
    } else if (creating) {
      d.inheritedFields.add(InheritableField.TIME_ZONE);
      d.timeZone = schedule.timeZone();
    }
  }

  private static void time(EventDraft d, EventChanges c, boolean creating, Violations v) {
    boolean touched = c.start().present() || c.end().present() || c.allDay().present();
    if (!creating && !touched) {
      return;
    }
    LocalDateTime start = c.start().present() || creating
        ? EventTimes.parse(c.start().value(), "event.start.localDate", v) : d.time.startLocal();
    LocalDateTime end = c.end().present() || creating
        ? EventTimes.parse(c.end().value(), "event.end.localDate", v) : d.time.endLocal();
    boolean allDay = c.allDay().setsValue() ? c.allDay().value() : d.time instanceof EventTime.AllDay;
    EventTime time = EventTimes.of(start, end, allDay, v);
    if (time != null) {
      d.time = time;
    }
  }
}
