package dev.horae.schedule;

import dev.horae.shared.TextLimits;
import jakarta.validation.constraints.Size;
import dev.horae.shared.Violations;

/**
 * How to join an online meeting (Calendar V3 {@code ConferencingDetails}). Personal information:
 * returned only when the caller asks for {@code PI_FIELDS}.
 */
public record ConferencingDetails(
    ConferencingType type,
    @Size(max = TextLimits.URL) String hostUrl,
    @Size(max = TextLimits.URL) String guestUrl,
    @Size(max = TextLimits.CONFERENCING_PASSWORD) String password,
    @Size(max = TextLimits.CONFERENCING_DESCRIPTION) String description,
    @Size(max = TextLimits.CONFERENCING_EXTERNAL_ID) String externalId) {

  public enum ConferencingType {
    ZOOM,
    CUSTOM,
    UNKNOWN_TYPE
  }

  public void validate(String path, Violations v) {
    v.check(type != null, path + ".type", "is required when conferencing details are given");
    v.check(hostUrl != null, path + ".hostUrl", "is required when conferencing details are given");
    v.check(guestUrl != null, path + ".guestUrl", "is required when conferencing details are given");
    v.checkLength(hostUrl, 1, TextLimits.URL, path + ".hostUrl");
    v.checkLength(guestUrl, 1, TextLimits.URL, path + ".guestUrl");
    v.checkLength(password, 1, TextLimits.CONFERENCING_PASSWORD, path + ".password");
    v.checkLength(description, 1, TextLimits.CONFERENCING_DESCRIPTION, path + ".description");
    v.checkLength(externalId, 1, TextLimits.CONFERENCING_EXTERNAL_ID, path + ".externalId");
  }

  @Override
  public String toString() {
    return "ConferencingDetails[type=" + type + ", password=" + (password == null ? "null" : "***") + "]";
  }
}
