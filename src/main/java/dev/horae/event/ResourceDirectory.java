package dev.horae.event;

import dev.horae.shared.TenantId;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * The resources an event may name, as the resources feature knows them: live ones only. Horae fills
 * a reference's read-only {@code name}, {@code type} and {@code scheduleId} from here.
 */
public interface ResourceDirectory {
  /** A live resource: its id, name, type id (null if it has none) and own schedule. */
  record Named(UUID id, String name, String typeId, UUID scheduleId) {}

  /** The live resources among these ids, by id. */
  Map<UUID, Named> find(TenantId tenant, Collection<UUID> ids);
}
