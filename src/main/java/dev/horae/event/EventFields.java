package dev.horae.event;

import dev.horae.shared.TextFormats;
import jakarta.validation.constraints.Pattern;
import dev.horae.shared.TextLimits;
import jakarta.validation.constraints.Size;
import jakarta.validation.Valid;
import dev.horae.api.PresenceTracked;
import dev.horae.event.EventEnums.EventType;
import dev.horae.event.EventEnums.Transparency;
import dev.horae.schedule.ConferencingDetails;
import dev.horae.schedule.Location;
import dev.horae.schedule.Permission;
import java.util.List;
import java.util.Map;

/**
 * The {@code event} object of create and update requests. Read-only fields a client echoes back
 * (status, remainingCapacity, adjusted dates, …) are accepted and ignored, as Calendar V3 does.
 */
class EventFields extends PresenceTracked {
  /** Calendar V3 {@code ZonedDate} as input: only {@code localDate} counts. */
  record ZonedDateInput(
      @Pattern(regexp = TextFormats.LOCAL_DATE_TIME, message = TextFormats.LOCAL_DATE_TIME_SAYS) @Size(max = TextLimits.DATE) String localDate,
      @Size(max = TextLimits.TIME_ZONE) String timeZone,
      @Size(max = TextLimits.DATE) String utcDate) {}

  @Size(max = TextLimits.ID) String id;
  @Size(max = TextLimits.REVISION) String revision;
  @Size(max = TextLimits.ID) String scheduleId;
  EventType type;
  @Size(max = TextLimits.TITLE) String title;
  @Size(max = TextLimits.TIME_ZONE) String timeZone;
  @Valid ZonedDateInput start;
  @Valid ZonedDateInput end;
  Boolean allDay;
  Transparency transparency;
  @Valid Location location;
  List<@Valid EventResource> resources;
  Integer totalCapacity;
  @Valid ConferencingDetails conferencingDetails;
  @Size(max = TextLimits.NOTES) String notes;
  List<@Valid Permission> permissions;
  Map<String, Object> extendedFields;
  Map<String, Object> recurrenceRule;

  public void setId(String v) { id = v; }
  public void setRevision(String v) { revision = v; }
  public void setScheduleId(String v) { scheduleId = v; mark("scheduleId"); }
  public void setType(EventType v) { type = v; mark("type"); }
  public void setTitle(String v) { title = v; mark("title"); }
  public void setTimeZone(String v) { timeZone = v; mark("timeZone"); }
  public void setStart(ZonedDateInput v) { start = v; mark("start"); }
  public void setEnd(ZonedDateInput v) { end = v; mark("end"); }
  public void setAllDay(Boolean v) { allDay = v; mark("allDay"); }
  public void setTransparency(Transparency v) { transparency = v; mark("transparency"); }
  public void setLocation(Location v) { location = v; mark("location"); }
  public void setResources(List<EventResource> v) { resources = v; mark("resources"); }
  public void setTotalCapacity(Integer v) { totalCapacity = v; mark("totalCapacity"); }
  public void setConferencingDetails(ConferencingDetails v) { conferencingDetails = v; mark("conferencingDetails"); }
  public void setNotes(String v) { notes = v; mark("notes"); }
  public void setPermissions(List<Permission> v) { permissions = v; mark("permissions"); }
  public void setExtendedFields(Map<String, Object> v) { extendedFields = v; mark("extendedFields"); }
  public void setRecurrenceRule(Map<String, Object> v) { recurrenceRule = v; mark("recurrenceRule"); }

  EventChanges changes() {
    return new EventChanges(
        change("scheduleId", scheduleId),
        change("type", type),
        change("title", title),
        change("timeZone", timeZone),
        change("start", start == null ? null : start.localDate()),
        change("end", end == null ? null : end.localDate()),
        change("allDay", allDay),
        change("transparency", transparency),
        change("location", location),
        change("resources", resources),
        change("totalCapacity", totalCapacity),
        change("conferencingDetails", conferencingDetails),
        change("notes", notes),
        change("permissions", permissions),
        change("extendedFields", extendedFields),
        change("recurrenceRule", recurrenceRule));
  }
}
