package dev.horae.resource;

import dev.horae.event.ResourceDirectory;
import dev.horae.shared.TenantId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** The live resources, for the events that name them. */
@Component
class ResourceNames implements ResourceDirectory {
  private final ResourceRepository resources;

  ResourceNames(ResourceRepository resources) {
    this.resources = resources;
  }

  @Override
  public Map<UUID, Named> find(TenantId tenant, Collection<UUID> ids) {
    return resources.findAll(tenant, List.copyOf(ids)).stream()
        .map(r -> new Named(r.id(), r.name(), r.wix().typeId(), r.scheduleId()))
        .collect(Collectors.toMap(Named::id, Function.identity(), (a, b) -> a));
  }
}
