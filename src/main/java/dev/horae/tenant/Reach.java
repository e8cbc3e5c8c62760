package dev.horae.tenant;

import java.util.Set;
import java.util.UUID;

/**
 * Which of its tenant's schedules a key reaches: all of them (every key made without
 * {@code scheduleIds}), or only those named. A key limited to schedules is an app password for
 * calendar apps: it works on the CalDAV server only, where it sees and changes only its schedules.
 */
public sealed interface Reach permits Reach.Tenant, Reach.Schedules {
  Reach TENANT = new Tenant();

  /** Whether a key with this reach may see the schedule. */
  boolean reaches(UUID schedule);

  /** Every schedule of the tenant, including ones made later. */
  record Tenant() implements Reach {
    @Override
    public boolean reaches(UUID schedule) {
      return true;
    }
  }

  /** Only these schedules. */
  record Schedules(Set<UUID> ids) implements Reach {
    public Schedules {
      if (ids.isEmpty()) {
        throw new IllegalArgumentException("a key limited to schedules names at least one");
      }
      ids = Set.copyOf(ids);
    }

    @Override
    public boolean reaches(UUID schedule) {
      return ids.contains(schedule);
    }
  }
}
