package dev.horae.resource;

import dev.horae.api.Revisions;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A resource as Wix Bookings Resources V2 shows it. {@code eventsSchedule.scheduleId} is the
 * resource's own schedule, the one an event naming the resource blocks; {@code revision} is an int64
 * string; {@code locationOptions} are stored and returned as given (Horae has no locations to check
 * them against); {@code extendedFields} as given; {@code workingHoursSchedules} names the schedule
 * whose WORKING_HOURS events are its hours.
 */
@Schema(name = "BookingsResource")
record WixResourceView(
    String id,
    String revision,
    String createdDate,
    String updatedDate,
    String name,
    String typeId,
    String appId,
    EventsSchedule eventsSchedule,
    WixResourceFields.LocationOptions locationOptions,
    WixResourceFields.WorkingHoursSchedules workingHoursSchedules,
    Map<String, Object> extendedFields) {

  /** Changes reach webhooks and the change feed as {@code wix.bookings.resources.v2.resource_created|_updated|_deleted}. */
  static final String FQDN = "wix.bookings.resources.v2.resource";

  record EventsSchedule(String scheduleId) {}

  static WixResourceView of(Resource r) {
    return new WixResourceView(r.id().toString(), Revisions.format(r.revision()), r.created().toString(), r.updated().toString(), r.name(),
        r.wix().typeId(), r.wix().appId(), new EventsSchedule(r.scheduleId().toString()), WixResourceFields.LocationOptions.of(r.wix().locationOptions()),
        hours(r), r.wix().extendedFields());
  }

  /** The working-hours schedule: the assigned one, else the business schedule ({@code shared}); none before the business schedule exists. */
  static WixResourceFields.WorkingHoursSchedules hours(Resource r) {
    UUID id = r.workingHours().effective();
    return new WixResourceFields.WorkingHoursSchedules(id == null ? List.of()
        : List.of(new WixResourceFields.WorkingHoursSchedule(id.toString(), r.workingHours().shared(r.scheduleId()))));
  }

  /** The view as a domain event's entity. */
  static Map<String, Object> entity(Resource r) {
    WixResourceView v = of(r);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", v.id());
    out.put("revision", v.revision());
    out.put("createdDate", v.createdDate());
    out.put("updatedDate", v.updatedDate());
    out.put("name", v.name());
    out.put("typeId", v.typeId());
    out.put("appId", v.appId());
    out.put("eventsSchedule", Map.of("scheduleId", v.eventsSchedule().scheduleId()));
    out.put("locationOptions", r.wix().locationOptions());
    List<Map<String, Object>> values = new ArrayList<>();
    for (WixResourceFields.WorkingHoursSchedule w : v.workingHoursSchedules().values()) {
      Map<String, Object> value = new LinkedHashMap<>();
      value.put("id", w.id());
      value.put("shared", w.shared());
      values.add(value);
    }
    out.put("workingHoursSchedules", Map.of("values", values));
    out.put("extendedFields", v.extendedFields());
    return out;
  }
}
