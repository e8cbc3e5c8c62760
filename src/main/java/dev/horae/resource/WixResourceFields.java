package dev.horae.resource;

import dev.horae.api.PresenceTracked;
import dev.horae.shared.TextLimits;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code resource} object of Resources V2 requests. Read-only fields ({@code eventsSchedule},
 * the dates) are ignored; absent fields keep their value on update.
 */
class WixResourceFields extends PresenceTracked {
  @Size(max = TextLimits.ID) String id;
  @Size(max = TextLimits.REVISION) String revision;
  @Size(max = TextLimits.NAME) String name;
  @Size(max = TextLimits.ID) String typeId;
  @Size(max = TextLimits.APP_ID) String appId;
  @Valid LocationOptions locationOptions;
  Map<String, Object> extendedFields;
  @Valid WorkingHoursSchedules workingHoursSchedules;

  public void setId(String v) { id = v; mark("id"); }
  public void setRevision(String v) { revision = v; mark("revision"); }
  public void setName(String v) { name = v; mark("name"); }
  public void setTypeId(String v) { typeId = v; mark("typeId"); }
  public void setAppId(String v) { appId = v; mark("appId"); }
  public void setLocationOptions(LocationOptions v) { locationOptions = v; mark("locationOptions"); }
  public void setExtendedFields(Map<String, Object> v) { extendedFields = v; mark("extendedFields"); }
  public void setWorkingHoursSchedules(WorkingHoursSchedules v) { workingHoursSchedules = v; mark("workingHoursSchedules"); }

  /**
   * The schedule whose WORKING_HOURS events are the resource's working hours (one; Horae reads only
   * the first). {@code shared}: not the resource's own schedule (read-only: Horae works it out).
   */
  record WorkingHoursSchedules(@Size(max = 1) List<@Valid WorkingHoursSchedule> values) {}

  record WorkingHoursSchedule(@Size(max = TextLimits.ID) String id, Boolean shared) {}

  /** Where the resource is available: everywhere, or at the locations listed. */
  record LocationOptions(Boolean availableInAllLocations, @Valid SpecificLocationOptions specificLocationOptions) {
    static LocationOptions of(Map<String, Object> stored) {
      if (stored == null) {
        return null;
      }
      Object specific = stored.get("specificLocationOptions");
      return new LocationOptions((Boolean) stored.get("availableInAllLocations"),
          specific instanceof Map<?, ?> m ? SpecificLocationOptions.of(m) : null);
    }

    Map<String, Object> stored() {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("availableInAllLocations", availableInAllLocations);
      if (specificLocationOptions != null) {
        out.put("specificLocationOptions", specificLocationOptions.stored());
      }
      return out;
    }
  }

  record SpecificLocationOptions(Boolean availableInCustomerLocations, Boolean availableInCustomLocations, Boolean availableInBusinessLocations,
      @Size(max = 100) List<@Valid BusinessLocation> businessLocations) {
    static SpecificLocationOptions of(Map<?, ?> m) {
      List<BusinessLocation> locations = new ArrayList<>();
      if (m.get("businessLocations") instanceof List<?> list) {
        for (Object o : list) {
          if (o instanceof Map<?, ?> l) {
            locations.add(new BusinessLocation((String) l.get("locationId")));
          }
        }
      }
      return new SpecificLocationOptions((Boolean) m.get("availableInCustomerLocations"), (Boolean) m.get("availableInCustomLocations"),
          (Boolean) m.get("availableInBusinessLocations"), locations);
    }

    Map<String, Object> stored() {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("availableInCustomerLocations", availableInCustomerLocations);
      out.put("availableInCustomLocations", availableInCustomLocations);
      out.put("availableInBusinessLocations", availableInBusinessLocations);
      out.put("businessLocations", businessLocations == null ? List.of()
          : businessLocations.stream().map(l -> { Map<String, Object> x = new LinkedHashMap<>(); x.put("locationId", l.locationId()); return x; }).toList());
      return out;
    }
  }

  record BusinessLocation(@Size(max = TextLimits.ID) String locationId) {}
}
