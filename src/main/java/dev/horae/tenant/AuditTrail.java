package dev.horae.tenant;

import dev.horae.outbox.Change;
import dev.horae.outbox.Changes;
import dev.horae.shared.Instants;
import dev.horae.shared.Rejection;
import dev.horae.shared.TenantId;
import dev.horae.storage.JsonColumns;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;

/** The operator's view of a tenant's audit events: its {@code horae.v1.tenant.*} and {@code horae.v1.api_key.*} changes. */
@Component
class AuditTrail {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;
  private static final List<String> ENTITIES = List.of(Audit.TENANT, Audit.API_KEY);

  private final Changes changes;
  private final JsonColumns json;

  AuditTrail(Changes changes, JsonColumns json) {
    this.changes = changes;
    this.json = json;
  }

  /** One audited action, as the change feed has it. */
  record Entry(String id, long sequence, String type, String entityId, String occurredDate, Map<String, Object> data) {}

  /** A page; {@code nextAfter} is the {@code after} of the next page. */
  record Page(List<Entry> entries, long nextAfter) {}

  Page page(TenantId tenant, Long after, Integer limit) {
    long from = after == null ? 0 : after;
    if (from < 0) {
      throw Rejection.invalid("after", "must be a sequence number, 0 or more");
    }
    int n = limit == null ? DEFAULT_LIMIT : limit;
    if (n < 1 || n > MAX_LIMIT) {
      throw Rejection.invalid("limit", "must be 1.." + MAX_LIMIT);
    }
    List<Change> page = changes.after(tenant, from, ENTITIES, n);
    return new Page(page.stream().map(this::entry).toList(), page.isEmpty() ? from : page.get(page.size() - 1).sequence());
  }

  private Entry entry(Change c) {
    return new Entry(c.id().toString(), c.sequence(), c.type(), c.entityId(), Instants.format(c.occurredAt()),
        json.read(c.body(), new TypeReference<Map<String, Object>>() {}));
  }
}
