package dev.horae.event;

import dev.horae.shared.Constraints;
import dev.horae.shared.TextLimits;
import jakarta.validation.constraints.Size;
import jakarta.validation.Valid;
import dev.horae.api.Revisions;
import dev.horae.shared.ParticipantNotification;
import dev.horae.shared.Rejection;
import dev.horae.shared.TenantId;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Calendar V3 bulk event operations. Each item runs in a transaction of its own: one item's
 * failure is reported in its {@code itemMetadata} and never undoes another's success.
 */
@RestController
@RequestMapping(path = "/calendar/v3/bulk/events", produces = "application/json", consumes = "application/json")
class BulkEventController {
  private static final Logger log = LoggerFactory.getLogger(BulkEventController.class);
  static final int MAX_CREATE = 100;
  static final int MAX_UPDATE = 50;
  static final int MAX_CANCEL = 100;

  private final CreatingEvent creating;
  private final UpdatingEvent updating;
  private final CancellingEvent cancelling;
  private final EventViews views;
  private final Constraints constraints;

  BulkEventController(
      CreatingEvent creating, UpdatingEvent updating, CancellingEvent cancelling, EventViews views, Constraints constraints) {
    this.constraints = constraints;
    this.creating = creating;
    this.updating = updating;
    this.cancelling = cancelling;
    this.views = views;
  }

  record Item(EventFields event) {}

  // the items are checked one by one (Constraints.check), so that one item's fault fails only that item
  record CreateRequest(List<Item> events, Boolean returnEntity, @Size(max = TextLimits.TIME_ZONE) String timeZone) {}

  record UpdateRequest(
      List<Item> events, Boolean returnEntity, @Size(max = TextLimits.TIME_ZONE) String timeZone,
      @Valid ParticipantNotification participantNotification) {}

  /** Cancelling needs each event's revision: {@code events: [{id, revision}]}; bare {@code eventIds} fail per item. */
  record CancelTarget(@Size(max = TextLimits.ID) String id, @Size(max = TextLimits.REVISION) String revision) {}

  record CancelRequest(
      List<@Size(max = TextLimits.ID) String> eventIds, List<CancelTarget> events, Boolean returnEntity,
      @Size(max = TextLimits.TIME_ZONE) String timeZone, @Valid ParticipantNotification participantNotification) {}

  record ItemError(String code, String description) {}

  record ItemMetadata(String id, int originalIndex, boolean success, ItemError error) {}

  record Result(ItemMetadata itemMetadata, EventView item) {}

  record BulkActionMetadata(int totalSuccesses, int totalFailures) {}

  record BulkResponse(List<Result> results, BulkActionMetadata bulkActionMetadata) {}

  @PostMapping("/create")
  BulkResponse create(TenantId tenant, @Valid @RequestBody CreateRequest body) {
    List<Item> items = items(body.events(), 1, MAX_CREATE);
    ZoneId zone = EventController.zone(body.timeZone());
    return run(tenant, items.size(), Boolean.TRUE.equals(body.returnEntity()), zone, i -> {
      Item item = items.get(i);
      if (item == null || item.event() == null) {
        throw Rejection.invalid("events[" + i + "].event", "is required");
      }
      constraints.check(item.event(), "events[" + i + "].event");
      return () -> creating.create(tenant, item.event().changes());
    });
  }

  @PostMapping("/update")
  BulkResponse update(TenantId tenant, @Valid @RequestBody UpdateRequest body) {
    List<Item> items = items(body.events(), 1, MAX_UPDATE);
    ParticipantNotification how = ParticipantNotification.orNone(body.participantNotification());
    ZoneId zone = EventController.zone(body.timeZone());
    ItemId ids = i -> items.get(i) == null || items.get(i).event() == null ? null : items.get(i).event().id;
    return run(tenant, items.size(), Boolean.TRUE.equals(body.returnEntity()), zone, ids, i -> {
      Item item = items.get(i);
      if (item == null || item.event() == null || item.event().id == null) {
        throw Rejection.invalid("events[" + i + "].event.id", "is required");
      }
      EventFields f = item.event();
      constraints.check(f, "events[" + i + "].event");
      Long revision = Revisions.parse(f.revision, "events[" + i + "].event.revision");
      return () -> updating.update(tenant, f.id, revision, f.changes(), how);
    });
  }

  @PostMapping("/cancel")
  BulkResponse cancel(TenantId tenant, @Valid @RequestBody CancelRequest body) {
    List<CancelTarget> targets = new ArrayList<>();
    if (body.events() != null) {
      targets.addAll(body.events());
    }
    if (body.eventIds() != null) {
      body.eventIds().forEach(id -> targets.add(new CancelTarget(id, null)));
    }
    items(targets, 1, MAX_CANCEL);
    ParticipantNotification how = ParticipantNotification.orNone(body.participantNotification());
    ZoneId zone = EventController.zone(body.timeZone());
    ItemId ids = i -> targets.get(i) == null ? null : targets.get(i).id();
    return run(tenant, targets.size(), Boolean.TRUE.equals(body.returnEntity()), zone, ids, i -> {
      CancelTarget t = targets.get(i);
      if (t == null || t.id() == null) {
        throw Rejection.invalid("events[" + i + "].id", "is required");
      }
      constraints.check(t, "events[" + i + "]");
      Long revision = Revisions.parse(t.revision(), "events[" + i + "].revision");
      return () -> cancelling.cancel(tenant, t.id(), revision, how);
    });
  }

  interface ItemAction {
    Supplier<EventEntry> prepare(int index);
  }

  /** The id an item names, for reporting its failure; null when it names none. */
  interface ItemId {
    String of(int index);
  }

  private BulkResponse run(TenantId tenant, int count, boolean returnEntity, ZoneId zone, ItemAction action) {
    return run(tenant, count, returnEntity, zone, i -> null, action);
  }

  private BulkResponse run(
      TenantId tenant, int count, boolean returnEntity, ZoneId zone, ItemId ids, ItemAction action) {
    List<Result> results = new ArrayList<>();
    int ok = 0;
    for (int i = 0; i < count; i++) {
      try {
        EventEntry done = action.prepare(i).get();
        ok++;
        EventView view = returnEntity ? views.of(tenant, done, zone, true) : null;
        results.add(new Result(new ItemMetadata(done.event().id(), i, true, null), view));
      } catch (Rejection r) {
        results.add(new Result(new ItemMetadata(ids.of(i), i, false, new ItemError(r.code(), r.getMessage())), null));
      } catch (RuntimeException e) {
        log.error("Bulk item {} failed unexpectedly", i, e);
        results.add(new Result(new ItemMetadata(ids.of(i), i, false, new ItemError("INTERNAL", "An unexpected error occurred")), null));
      }
    }
    return new BulkResponse(results, new BulkActionMetadata(ok, count - ok));
  }

  private static <T> List<T> items(List<T> items, int min, int max) {
    if (items == null || items.size() < min || items.size() > max) {
      throw Rejection.invalid("events", "must hold " + min + " to " + max + " items");
    }
    return items;
  }
}
