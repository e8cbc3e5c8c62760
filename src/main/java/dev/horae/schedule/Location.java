package dev.horae.schedule;

import dev.horae.shared.Violations;

/** Where an event happens (Calendar V3 {@code Location}); {@code type} is required when given. */
public record Location(String id, LocationType type, String name, String address) {
  public enum LocationType {
    BUSINESS,
    CUSTOMER,
    CUSTOM,
    UNKNOWN_TYPE
  }

  public void validate(String path, Violations v) {
    v.check(type != null, path + ".type", "is required when a location is given");
    v.checkLength(name, 1, 150, path + ".name");
    v.check(id == null || type == LocationType.BUSINESS, path + ".id", "is only allowed for BUSINESS locations");
  }
}
