package dev.horae.schedule;

import dev.horae.shared.ParticipantNotification;
import jakarta.validation.constraints.NotNull;
import dev.horae.shared.TextLimits;
import jakarta.validation.constraints.Size;
import jakarta.validation.Valid;
import dev.horae.api.CursorPaging;
import dev.horae.api.Idempotency;
import dev.horae.api.PagingMetadata;
import dev.horae.api.RequestedFields;
import dev.horae.api.Revisions;
import dev.horae.shared.Rejection;
import dev.horae.shared.TenantId;
import dev.horae.shared.Uuids;
import dev.horae.shared.query.Page;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Calendar V3 Schedules: {@code /calendar/v3/schedules}. */
@RestController
@RequestMapping(path = "/calendar/v3/schedules", produces = "application/json")
class ScheduleController {
  private final CreatingSchedule creating;
  private final UpdatingSchedule updating;
  private final CancellingSchedule cancelling;
  private final FindingSchedules finding;
  private final Idempotency idempotency;

  ScheduleController(
      CreatingSchedule creating,
      UpdatingSchedule updating,
      CancellingSchedule cancelling,
      FindingSchedules finding,
      Idempotency idempotency) {
    this.creating = creating;
    this.updating = updating;
    this.cancelling = cancelling;
    this.finding = finding;
    this.idempotency = idempotency;
  }

  record CreateRequest(@NotNull @Valid ScheduleFields schedule, @Size(max = TextLimits.IDEMPOTENCY_KEY) String idempotencyKey) {}

  record UpdateRequest(@NotNull @Valid ScheduleFields schedule, @Valid ParticipantNotification participantNotification) {}

  record CancelRequest(@Size(max = TextLimits.REVISION) String revision, Boolean preserveFutureEventsWithParticipants,
      @Valid ParticipantNotification participantNotification) {}

  record QueryRequest(
      @tools.jackson.databind.annotation.JsonDeserialize(using = dev.horae.api.NotNullWhenSent.class) @Valid Query query, List<RequestedFields> fields) {}

  record Query(JsonNode filter,
      @tools.jackson.databind.annotation.JsonDeserialize(using = dev.horae.api.NotNullWhenSent.class) @Valid CursorPaging cursorPaging) {}

  record ScheduleResponse(ScheduleView schedule) {}

  record QueryResponse(List<ScheduleView> schedules, PagingMetadata pagingMetadata) {}

  @PostMapping(consumes = "application/json")
  ScheduleResponse create(
      TenantId tenant,
      @Valid @RequestBody CreateRequest body,
      @RequestHeader(name = Idempotency.HEADER, required = false) String key,
      HttpServletRequest http) {
    return idempotency.once(tenant, "schedule.create", key, body.idempotencyKey(), http, ScheduleResponse.class,
        () -> new ScheduleResponse(ScheduleView.of(creating.create(tenant, body.schedule().changes()), true)));
  }

  @GetMapping("/{id}")
  ScheduleResponse get(TenantId tenant, @PathVariable String id, @RequestParam(required = false) List<RequestedFields> fields) {
    Schedule s = finding.get(tenant, Uuids.existing(id, "Schedule"));
    return new ScheduleResponse(ScheduleView.of(s, RequestedFields.includePi(fields)));
  }

  @PatchMapping(path = "/{id}", consumes = "application/json")
  ScheduleResponse update(TenantId tenant, @PathVariable String id, @Valid @RequestBody UpdateRequest body) {
    UUID scheduleId = Uuids.existing(id, "Schedule");
    ScheduleFields fields = body.schedule();
    if (fields.id != null && !fields.id.equals(id)) {
      throw Rejection.invalid("schedule.id", "must match the id in the path");
    }
    Long revision = Revisions.parse(fields.revision, "schedule.revision");
    return new ScheduleResponse(ScheduleView.of(updating.update(tenant, scheduleId, revision, fields.changes(), ParticipantNotification.orNone(body.participantNotification())), true));
  }

  @PostMapping(path = "/{id}/cancel", consumes = "application/json")
  ScheduleResponse cancel(TenantId tenant, @PathVariable String id, @Valid @RequestBody CancelRequest body) {
    UUID scheduleId = Uuids.existing(id, "Schedule");
    Long revision = Revisions.parse(body.revision(), "revision");
    boolean preserve = Boolean.TRUE.equals(body.preserveFutureEventsWithParticipants());
    return new ScheduleResponse(ScheduleView.of(cancelling.cancel(tenant, scheduleId, revision, preserve, ParticipantNotification.orNone(body.participantNotification())), true));
  }

  @PostMapping(path = "/query", consumes = "application/json")
  QueryResponse query(TenantId tenant, @Valid @RequestBody QueryRequest body) {
    Query q = body.query() == null ? new Query(null, null) : body.query();
    CursorPaging paging = q.cursorPaging() == null ? new CursorPaging(null, null) : q.cursorPaging();
    Page<Schedule> page = finding.query(tenant, q.filter(), paging.limit(), paging.cursor());
    boolean pi = RequestedFields.includePi(body.fields());
    return new QueryResponse(page.items().stream().map(s -> ScheduleView.of(s, pi)).toList(), PagingMetadata.of(page));
  }
}
