package dev.horae.schedule;

import dev.horae.shared.TextLimits;
import jakarta.validation.constraints.Size;
import dev.horae.shared.Violations;

/** Where an event happens (Calendar V3 {@code Location}); {@code type} is required when given. */
public record Location(
    @Size(max = TextLimits.ID) String id,
    LocationType type,
    @Size(max = TextLimits.LOCATION_NAME) String name,
    @Size(max = TextLimits.ADDRESS) String address) {
  public enum LocationType {
    BUSINESS,
    CUSTOMER,
    CUSTOM,
    UNKNOWN_TYPE
  }

  public void validate(String path, Violations v) {
    v.check(type != null, path + ".type", "is required when a location is given");
    v.checkLength(name, 1, TextLimits.LOCATION_NAME, path + ".name");
    v.check(id == null || type == LocationType.BUSINESS, path + ".id", "is only allowed for BUSINESS locations");
  }
}
