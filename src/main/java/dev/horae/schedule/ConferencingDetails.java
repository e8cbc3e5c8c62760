package dev.horae.schedule;

import dev.horae.shared.Violations;

/**
 * How to join an online meeting (Calendar V3 {@code ConferencingDetails}). Personal information:
 * returned only when the caller asks for {@code PI_FIELDS}.
 */
public record ConferencingDetails(
    ConferencingType type,
    String hostUrl,
    String guestUrl,
    String password,
    String description,
    String externalId) {

  public enum ConferencingType {
    ZOOM,
    CUSTOM,
    UNKNOWN_TYPE
  }

  public void validate(String path, Violations v) {
    v.check(type != null, path + ".type", "is required when conferencing details are given");
    v.check(hostUrl != null, path + ".hostUrl", "is required when conferencing details are given");
    v.check(guestUrl != null, path + ".guestUrl", "is required when conferencing details are given");
    v.checkLength(hostUrl, 1, 2000, path + ".hostUrl");
    v.checkLength(guestUrl, 1, 2000, path + ".guestUrl");
    v.checkLength(password, 1, 100, path + ".password");
    v.checkLength(description, 1, 200, path + ".description");
    v.checkLength(externalId, 1, 150, path + ".externalId");
  }

  @Override
  public String toString() {
    return "ConferencingDetails[type=" + type + ", password=" + (password == null ? "null" : "***") + "]";
  }
}
