package dev.horae.participation;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotNull;
import dev.horae.shared.TextLimits;
import jakarta.validation.constraints.Size;
import jakarta.validation.Valid;
import dev.horae.api.CursorPaging;
import dev.horae.api.Idempotency;
import dev.horae.api.PagingMetadata;
import dev.horae.api.Revisions;
import dev.horae.shared.Instants;
import dev.horae.shared.Rejection;
import dev.horae.shared.TenantId;
import dev.horae.shared.Uuids;
import dev.horae.shared.query.Page;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Calendar V3 Participations: {@code /calendar/v3/participations}. */
@RestController
@RequestMapping(path = "/calendar/v3/participations", produces = "application/json")
class ParticipationController {
  private final CreatingParticipation creating;
  private final ChangingParticipation changing;
  private final FindingParticipations finding;
  private final Idempotency idempotency;

  ParticipationController(CreatingParticipation creating, ChangingParticipation changing, FindingParticipations finding, Idempotency idempotency) {
    this.creating = creating;
    this.changing = changing;
    this.finding = finding;
    this.idempotency = idempotency;
  }

  record View(
      String id, String eventId, String scheduleId, String externalId, Participation.Participant participant,
      int partySize, Participation.Status status, String appId, Map<String, Object> extendedFields,
      String revision, String createdDate, String updatedDate, ReplyView reply) {
    static final String FQDN = "wix.calendar.v3.participation";

    static View of(Participation p) {
      return new View(p.id().toString(), p.eventId(), p.scheduleId() == null ? null : p.scheduleId().toString(),
          p.externalId(), p.participant(), p.partySize(), p.status(), p.appId(), p.extendedFields(),
          Revisions.format(p.revision()), Instants.format(p.createdDate()), Instants.format(p.updatedDate()),
          p.reply() == null ? null : new ReplyView(p.reply().status(), Instants.format(p.reply().date())));
    }
  }

  /** Read-only: the participant's answer to an emailed invitation (see docs/notifications.md). */
  record ReplyView(Participation.ReplyStatus status, String date) {}

  record CreateRequest(@NotNull @Valid ParticipationFields participation, @Size(max = TextLimits.IDEMPOTENCY_KEY) String idempotencyKey) {}

  record UpdateRequest(@NotNull @Valid ParticipationFields participation) {}

  record QueryRequest(@tools.jackson.databind.annotation.JsonDeserialize(using = dev.horae.api.NotNullWhenSent.class) @Valid Query query) {}

  record Query(JsonNode filter,
      @tools.jackson.databind.annotation.JsonDeserialize(using = dev.horae.api.NotNullWhenSent.class) @Valid CursorPaging cursorPaging) {}

  record ParticipationResponse(View participation) {}

  record QueryResponse(List<View> participations, PagingMetadata pagingMetadata) {}

  @PostMapping(consumes = "application/json")
  ParticipationResponse create(
      TenantId tenant, @Valid @RequestBody CreateRequest body,
      @RequestHeader(name = Idempotency.HEADER, required = false) String key, HttpServletRequest http) {
    return idempotency.once(tenant, "participation.create", key, body.idempotencyKey(), http, ParticipationResponse.class,
        () -> new ParticipationResponse(View.of(creating.create(tenant, body.participation().changes()))));
  }

  @GetMapping("/{id}")
  ParticipationResponse get(TenantId tenant, @PathVariable String id) {
    return new ParticipationResponse(View.of(finding.get(tenant, Uuids.existing(id, "Participation"))));
  }

  @PatchMapping(path = "/{id}", consumes = "application/json")
  ParticipationResponse update(TenantId tenant, @PathVariable String id, @Valid @RequestBody UpdateRequest body) {
    UUID participationId = Uuids.existing(id, "Participation");
    ParticipationFields f = body.participation();
    if (f.id != null && !f.id.equals(id)) {
      throw Rejection.invalid("participation.id", "must match the id in the path");
    }
    Long revision = Revisions.parse(f.revision, "participation.revision");
    return new ParticipationResponse(View.of(changing.update(tenant, participationId, revision, f.changes())));
  }

  /** Calendar V3 answers a delete with an empty object. */
  @JsonInclude(JsonInclude.Include.NON_NULL) // a known annotation: Jackson writes the empty record as {} instead of failing
  record DeleteResponse() {}

  @DeleteMapping("/{id}")
  DeleteResponse delete(TenantId tenant, @PathVariable String id) {
    changing.delete(tenant, Uuids.existing(id, "Participation"));
    return new DeleteResponse();
  }

  @PostMapping(path = "/query", consumes = "application/json")
  QueryResponse query(TenantId tenant, @Valid @RequestBody QueryRequest body) {
    Query q = body.query() == null ? new Query(null, null) : body.query();
    CursorPaging paging = q.cursorPaging() == null ? new CursorPaging(null, null) : q.cursorPaging();
    Page<Participation> page = finding.query(tenant, q.filter(), paging.limit(), paging.cursor());
    return new QueryResponse(page.items().stream().map(View::of).toList(), PagingMetadata.of(page));
  }
}
