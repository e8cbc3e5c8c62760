package dev.horae.shared;

import java.util.Objects;
import java.util.UUID;

/** The tenant that owns a row. Every repository call takes one; there is no way to read across tenants. */
public record TenantId(UUID value) {
  public TenantId {
    Objects.requireNonNull(value, "value");
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
