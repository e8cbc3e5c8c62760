package dev.horae.tenant;

/** Where a tenant is in its life: serving, suspended by the operator (keys refused, background work paused), or being erased. */
public enum TenantStatus {
  ACTIVE,
  SUSPENDED,
  DELETING
}
