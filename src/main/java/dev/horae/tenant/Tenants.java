package dev.horae.tenant;

import dev.horae.shared.TenantId;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** What the rest of Horae may do with tenants: make one with its first key (start-up, tests). */
@Component
public class Tenants {
  private final ManagingTenants managing;
  private final TenantRepository repository;

  Tenants(ManagingTenants managing, TenantRepository repository) {
    this.managing = managing;
    this.repository = repository;
  }

  /** A new tenant and its first API key; the raw key exists only in the returned value. */
  public record NewTenant(TenantId id, String apiKey) {
    @Override
    public String toString() {
      return "NewTenant[id=" + id + ", apiKey=***]";
    }
  }

  /** Creates a tenant whose first key is {@code rawKey}, or a freshly generated one when empty; audited as the operator's act. */
  public NewTenant create(String name, Optional<String> rawKey) {
    var created = managing.create(Caller.operator(null, null), name, null, null, rawKey.orElse(null));
    return new NewTenant(created.tenant().id(), created.firstKey().secret());
  }

  boolean any() {
    return repository.any();
  }
}
