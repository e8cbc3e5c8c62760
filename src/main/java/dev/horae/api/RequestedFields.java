package dev.horae.api;

import java.util.List;

/**
 * Which personal information a read returns. A tenant's API key acts for the business, so both
 * {@code PI_FIELDS} and {@code OWN_PI_FIELDS} include it; without either it is left out.
 */
public enum RequestedFields {
  PI_FIELDS,
  OWN_PI_FIELDS,
  UNKNOWN_REQUESTED_FIELDS;

  public static boolean includePi(List<RequestedFields> fields) {
    return fields != null && (fields.contains(PI_FIELDS) || fields.contains(OWN_PI_FIELDS));
  }
}
