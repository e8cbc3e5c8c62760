package dev.horae.resource;

import dev.horae.api.Revisions;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A resource as Wix Bookings Resources V2 shows it. {@code eventsSchedule.scheduleId} is the
 * resource's own schedule, the one an event naming the resource blocks; {@code revision} is an int64
 * string; {@code locationOptions} are stored and returned as given (Horae has no locations to check
 * them against); {@code extendedFields} as given.
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
    Map<String, Object> extendedFields) {

  /** Changes reach webhooks and the change feed as {@code wix.bookings.resources.v2.resource_created|_updated|_deleted}. */
  static final String FQDN = "wix.bookings.resources.v2.resource";

  record EventsSchedule(String scheduleId) {}

  static WixResourceView of(Resource r) {
    return new WixResourceView(r.id().toString(), Revisions.format(r.revision()), r.created().toString(), r.updated().toString(), r.name(),
        r.wix().typeId(), r.wix().appId(), new EventsSchedule(r.scheduleId().toString()), WixResourceFields.LocationOptions.of(r.wix().locationOptions()),
        r.wix().extendedFields());
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
    out.put("extendedFields", v.extendedFields());
    return out;
  }
}
