package dev.horae.event;

import dev.horae.shared.TextFormats;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.NotNull;
import dev.horae.shared.TextLimits;
import jakarta.validation.constraints.Size;
import jakarta.validation.Valid;
import dev.horae.api.CursorPaging;
import dev.horae.api.Idempotency;
import dev.horae.api.PagingMetadata;
import dev.horae.api.RequestedFields;
import dev.horae.api.Revisions;
import dev.horae.event.EventEnums.RecurrenceType;
import dev.horae.shared.ParticipantNotification;
import dev.horae.shared.Rejection;
import dev.horae.shared.TenantId;
import dev.horae.shared.TimeZones;
import jakarta.servlet.http.HttpServletRequest;
import java.time.ZoneId;
import java.util.List;
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

/** Calendar V3 Events: {@code /calendar/v3/events}. */
@RestController
@RequestMapping(path = "/calendar/v3/events", produces = "application/json")
class EventController {
  private final CreatingEvent creating;
  private final UpdatingEvent updating;
  private final CancellingEvent cancelling;
  private final RestoringEventDefaults restoring;
  private final FindingEvents finding;
  private final QueryingEvents querying;
  private final EventViews views;
  private final Idempotency idempotency;
  private final SplittingSeries splitting;
  private final EventsViews eventsViews;

  EventController(
      CreatingEvent creating, UpdatingEvent updating, CancellingEvent cancelling, RestoringEventDefaults restoring,
      FindingEvents finding, QueryingEvents querying, EventViews views, Idempotency idempotency, SplittingSeries splitting, EventsViews eventsViews) {
    this.splitting = splitting;
    this.eventsViews = eventsViews;
    this.restoring = restoring;
    this.creating = creating;
    this.updating = updating;
    this.cancelling = cancelling;
    this.finding = finding;
    this.querying = querying;
    this.views = views;
    this.idempotency = idempotency;
  }

  record CreateRequest(
      @NotNull @Valid EventFields event,
      @Size(max = TextLimits.TIME_ZONE) String timeZone,
      @Size(max = TextLimits.IDEMPOTENCY_KEY) String idempotencyKey) {}

  record UpdateRequest(
      @NotNull @Valid EventFields event, @Size(max = TextLimits.TIME_ZONE) String timeZone,
      @Valid ParticipantNotification participantNotification) {}

  record CancelRequest(
      @Size(max = TextLimits.REVISION) String revision,
      @Size(max = TextLimits.TIME_ZONE) String timeZone,
      @Valid ParticipantNotification participantNotification) {}

  record RestoreDefaultsRequest(
      java.util.Set<EventEnums.InheritableField> fields,
      @Size(max = TextLimits.REVISION) String revision,
      @Size(max = TextLimits.TIME_ZONE) String timeZone,
      @Valid ParticipantNotification participantNotification) {}

  record QueryRequest(
      @Pattern(regexp = TextFormats.LOCAL_OR_OFFSET_DATE_TIME, message = TextFormats.LOCAL_OR_OFFSET_DATE_TIME_SAYS) @Size(max = TextLimits.DATE)
      String fromLocalDate,
      @Pattern(regexp = TextFormats.LOCAL_OR_OFFSET_DATE_TIME, message = TextFormats.LOCAL_OR_OFFSET_DATE_TIME_SAYS) @Size(max = TextLimits.DATE)
      String toLocalDate,
      @Size(max = TextLimits.TIME_ZONE) String timeZone,
      List<RecurrenceType> recurrenceType,
      @tools.jackson.databind.annotation.JsonDeserialize(using = dev.horae.api.NotNullWhenSent.class) @Valid Query query,
      List<RequestedFields> fields) {}

  record Query(JsonNode filter, List<EventQuery.@Valid Sort> sort,
      @tools.jackson.databind.annotation.JsonDeserialize(using = dev.horae.api.NotNullWhenSent.class) @Valid CursorPaging cursorPaging) {}

  record EventResponse(EventView event) {}

  record SplitRequest(
      @NotNull @Pattern(regexp = TextFormats.LOCAL_DATE_TIME, message = TextFormats.LOCAL_DATE_TIME_SAYS) @Size(max = TextLimits.DATE) String splitLocalDate,
      @Size(max = TextLimits.TIME_ZONE) String timeZone) {}

  record SplitResponse(EventView updatedRecurringEventEndingBeforeSplit, EventView newRecurringEventStartingFromSplit) {}

  record EventsViewBody(String endDate, int futureDurationInDays) {}

  record EventsViewResponse(EventsViewBody eventsView) {}

  record EventsResponse(List<EventView> events) {}

  record QueryResponse(List<EventView> events, PagingMetadata pagingMetadata) {}

  @PostMapping(consumes = "application/json")
  EventResponse create(
      TenantId tenant,
      @Valid @RequestBody CreateRequest body,
      @RequestHeader(name = Idempotency.HEADER, required = false) String key,
      HttpServletRequest http) {
    ZoneId zone = zone(body.timeZone());
    return idempotency.once(tenant, "event.create", key, body.idempotencyKey(), http, EventResponse.class,
        () -> new EventResponse(views.of(tenant, creating.create(tenant, body.event().changes()), zone, true)));
  }

  /** Get Events View: how far ahead every occurrence is materialised. */
  @GetMapping("/view")
  EventsViewResponse eventsView(TenantId tenant) {
    EventsViews.View view = eventsViews.get(tenant);
    return new EventsViewResponse(new EventsViewBody(dev.horae.shared.Instants.format(view.endDate()), view.futureDays()));
  }

  /** Split Recurring Event ("this and following"). */
  @PostMapping(path = "/{id}/split", consumes = "application/json")
  SplitResponse split(TenantId tenant, @PathVariable String id, @Valid @RequestBody SplitRequest body) {
    if (body == null) {
      throw dev.horae.shared.Rejection.invalid("splitLocalDate", "is required");
    }
    ZoneId zone = zone(body.timeZone());
    SplittingSeries.Split split = splitting.split(tenant, id, body.splitLocalDate(), body.timeZone());
    List<EventView> rendered = views.of(tenant, List.of(split.ending(), split.starting()), zone, true);
    return new SplitResponse(rendered.get(0), rendered.get(1));
  }

  @GetMapping("/{id}")
  EventResponse get(
      TenantId tenant, @PathVariable String id,
      @RequestParam(required = false) String timeZone,
      @RequestParam(required = false) List<RequestedFields> fields) {
    return new EventResponse(views.of(tenant, finding.get(tenant, id), zone(timeZone), RequestedFields.includePi(fields)));
  }

  @GetMapping
  EventsResponse list(
      TenantId tenant,
      @RequestParam(required = false) List<String> eventIds,
      @RequestParam(required = false) String timeZone,
      @RequestParam(required = false) List<RequestedFields> fields) {
    return new EventsResponse(views.of(tenant, finding.list(tenant, eventIds), zone(timeZone), RequestedFields.includePi(fields)));
  }

  @PatchMapping(path = "/{id}", consumes = "application/json")
  EventResponse update(TenantId tenant, @PathVariable String id, @Valid @RequestBody UpdateRequest body) {
    EventFields fields = body.event();
    if (fields.id != null && !fields.id.equals(id)) {
      throw Rejection.invalid("event.id", "must match the id in the path");
    }
    ZoneId zone = zone(body.timeZone());
    Long revision = Revisions.parse(fields.revision, "event.revision");
    return new EventResponse(views.of(tenant, updating.update(tenant, id, revision, fields.changes(), ParticipantNotification.orNone(body.participantNotification())), zone, true));
  }

  @PostMapping(path = "/{id}/cancel", consumes = "application/json")
  EventResponse cancel(TenantId tenant, @PathVariable String id, @Valid @RequestBody CancelRequest body) {
    ZoneId zone = zone(body.timeZone());
    Long revision = Revisions.parse(body.revision(), "revision");
    return new EventResponse(views.of(tenant, cancelling.cancel(tenant, id, revision, ParticipantNotification.orNone(body.participantNotification())), zone, true));
  }

  @PostMapping(path = "/{id}/restore-defaults", consumes = "application/json")
  EventResponse restoreDefaults(TenantId tenant, @PathVariable String id, @Valid @RequestBody RestoreDefaultsRequest body) {
    ZoneId zone = zone(body.timeZone());
    Long revision = Revisions.parse(body.revision(), "revision");
    return new EventResponse(views.of(tenant, restoring.restore(tenant, id, revision, body.fields(), ParticipantNotification.orNone(body.participantNotification())), zone, true));
  }

  @PostMapping(path = "/query", consumes = "application/json")
  QueryResponse query(TenantId tenant, @Valid @RequestBody QueryRequest body) {
    Query q = body.query() == null ? new Query(null, null, null) : body.query();
    CursorPaging paging = q.cursorPaging() == null ? new CursorPaging(null, null) : q.cursorPaging();
    if (body.fields() != null && body.fields().size() > 1) {
      throw Rejection.invalid("fields", "may hold at most 1 value");
    }
    QueryingEvents.Result result =
        querying.query(tenant, new EventQuery(body.fromLocalDate(), body.toLocalDate(), body.timeZone(),
            body.recurrenceType(), q.filter(), q.sort(), paging.limit(), paging.cursor()));
    List<EventView> events = views.of(tenant, result.page().items(), result.timeZone(), RequestedFields.includePi(body.fields()));
    return new QueryResponse(events, PagingMetadata.of(result.page()));
  }

  static ZoneId zone(String timeZone) {
    return TimeZones.parseOptional(timeZone, "timeZone");
  }
}
