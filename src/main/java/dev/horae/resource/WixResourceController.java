package dev.horae.resource;

import dev.horae.api.CursorPaging;
import dev.horae.api.Idempotency;
import dev.horae.api.PagingMetadata;
import dev.horae.shared.Rejection;
import dev.horae.shared.TenantId;
import dev.horae.shared.TextLimits;
import dev.horae.shared.query.Page;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Wix Bookings Resources V2 ({@code /bookings/v2/resources}, {@code /bookings/v2/bulk/resources}),
 * over the same resources as OnSched's {@code /setup/v1/resources}.
 */
@RestController
class WixResourceController {
  private final WixResources resources;
  private final Idempotency idempotency;

  WixResourceController(WixResources resources, Idempotency idempotency) {
    this.resources = resources;
    this.idempotency = idempotency;
  }

  record CreateRequest(@NotNull @Valid WixResourceFields resource, @Size(max = TextLimits.IDEMPOTENCY_KEY) String idempotencyKey) {}

  /** {@code fieldMask}: the fields to change, comma-separated (a protobuf FieldMask in its JSON form, as Wix sends it); absent: every field sent. */
  record UpdateRequest(@NotNull @Valid WixResourceFields resource, @Size(max = 2000) String fieldMask) {}

  record ResourceResponse(WixResourceView resource) {}

  record Sort(@Size(max = TextLimits.NAME) String fieldName, @Size(max = TextLimits.TOKEN) String order) {}

  record Query(JsonNode filter, List<@Valid Sort> sort,
      @tools.jackson.databind.annotation.JsonDeserialize(using = dev.horae.api.NotNullWhenSent.class) @Valid CursorPaging cursorPaging) {}

  record QueryRequest(@tools.jackson.databind.annotation.JsonDeserialize(using = dev.horae.api.NotNullWhenSent.class) @Valid Query query) {}

  record QueryResponse(List<WixResourceView> resources, PagingMetadata pagingMetadata) {}

  record CountRequest(JsonNode filter) {}

  record CountResponse(int count) {}

  record BulkCreateRequest(List<@Valid WixResourceFields> resources, Boolean returnEntity) {}

  record MaskedResource(@Valid WixResourceFields resource, @Size(max = 2000) String fieldMask) {}

  record BulkUpdateRequest(List<@Valid MaskedResource> resources, Boolean returnEntity) {}

  record BulkDeleteRequest(List<@Size(max = TextLimits.ID) String> ids) {}

  record ItemError(String code, String description) {}

  record ItemMetadata(String id, int originalIndex, boolean success, ItemError error) {}

  record BulkItem(ItemMetadata itemMetadata, WixResourceView item) {}

  record BulkActionMetadata(int totalSuccesses, int totalFailures, int undetailedFailures) {}

  record BulkResponse(List<BulkItem> results, BulkActionMetadata bulkActionMetadata) {}

  @PostMapping(path = "/bookings/v2/resources", consumes = "application/json", produces = "application/json")
  ResourceResponse create(TenantId tenant, @Valid @RequestBody CreateRequest body,
      @RequestHeader(name = Idempotency.HEADER, required = false) String key, HttpServletRequest http) {
    shaped(body.resource(), "resource.");
    return idempotency.once(tenant, "bookings.resource.create", key, body.idempotencyKey(), http, ResourceResponse.class,
        () -> new ResourceResponse(WixResourceView.of(resources.create(tenant, body.resource()))));
  }

  @GetMapping(path = "/bookings/v2/resources/{resourceId}", produces = "application/json")
  ResourceResponse get(TenantId tenant, @PathVariable String resourceId) {
    return new ResourceResponse(WixResourceView.of(resources.get(tenant, resourceId)));
  }

  @PatchMapping(path = "/bookings/v2/resources/{resourceId}", consumes = "application/json", produces = "application/json")
  ResourceResponse update(TenantId tenant, @PathVariable String resourceId, @Valid @RequestBody UpdateRequest body) {
    shaped(body.resource(), "resource.");
    return new ResourceResponse(WixResourceView.of(resources.update(tenant, resourceId, body.resource(), mask(body.fieldMask(), "fieldMask"))));
  }

  @DeleteMapping(path = "/bookings/v2/resources/{resourceId}", produces = "application/json")
  Map<String, Object> delete(TenantId tenant, @PathVariable String resourceId) {
    resources.delete(tenant, resourceId);
    return Map.of();
  }

  @PostMapping(path = "/bookings/v2/resources/query", consumes = "application/json", produces = "application/json")
  QueryResponse query(TenantId tenant, @Valid @RequestBody QueryRequest body) {
    Query q = body.query() == null ? new Query(null, null, null) : body.query();
    CursorPaging paging = q.cursorPaging() == null ? new CursorPaging(null, null) : q.cursorPaging();
    List<WixResources.Sort> sort = q.sort() == null ? null
        : q.sort().stream().map(s -> s == null ? null : new WixResources.Sort(s.fieldName(), s.order())).toList();
    Page<Resource> page = resources.query(tenant, q.filter(), sort, paging.limit(), paging.cursor());
    return new QueryResponse(page.items().stream().map(WixResourceView::of).toList(), PagingMetadata.of(page));
  }

  @PostMapping(path = "/bookings/v2/resources/count", consumes = "application/json", produces = "application/json")
  CountResponse count(TenantId tenant, @Valid @RequestBody CountRequest body) {
    return new CountResponse(resources.count(tenant, body.filter()));
  }

  @PostMapping(path = "/bookings/v2/bulk/resources/create", consumes = "application/json", produces = "application/json")
  BulkResponse bulkCreate(TenantId tenant, @Valid @RequestBody BulkCreateRequest body,
      @RequestHeader(name = Idempotency.HEADER, required = false) String key, HttpServletRequest http) {
    if (body.resources() != null) {
      for (int i = 0; i < body.resources().size(); i++) {
        shaped(body.resources().get(i), "resources[" + i + "].");
      }
    }
    return idempotency.once(tenant, "bookings.resource.bulk-create", key, null, http, BulkResponse.class,
        () -> bulk(resources.bulkCreate(tenant, body.resources()), body.returnEntity()));
  }

  @PostMapping(path = "/bookings/v2/bulk/resources/update", consumes = "application/json", produces = "application/json")
  BulkResponse bulkUpdate(TenantId tenant, @Valid @RequestBody BulkUpdateRequest body) {
    List<WixResources.Masked> items = null;
    if (body.resources() != null) {
      items = new ArrayList<>();
      for (int i = 0; i < body.resources().size(); i++) {
        MaskedResource m = body.resources().get(i);
        shaped(m == null ? null : m.resource(), "resources[" + i + "].resource.");
        items.add(m == null ? null : new WixResources.Masked(m.resource(), mask(m.fieldMask(), "resources[" + i + "].fieldMask")));
      }
    }
    return bulk(resources.bulkUpdate(tenant, items), body.returnEntity());
  }

  @PostMapping(path = "/bookings/v2/bulk/resources/delete", consumes = "application/json", produces = "application/json")
  BulkResponse bulkDelete(TenantId tenant, @Valid @RequestBody BulkDeleteRequest body) {
    return bulk(resources.bulkDelete(tenant, body.ids()), false);
  }

  private static BulkResponse bulk(List<WixResources.Outcome> outcomes, Boolean returnEntity) {
    boolean entities = returnEntity == null || returnEntity;
    List<BulkItem> results = outcomes.stream().map(o -> new BulkItem(
        new ItemMetadata(o.id(), o.index(), o.success(),
            o.success() ? null : new ItemError(o.code(), o.description())),
        o.success() && entities ? WixResourceView.of(o.item()) : null)).toList();
    int ok = (int) outcomes.stream().filter(WixResources.Outcome::success).count();
    return new BulkResponse(results, new BulkActionMetadata(ok, outcomes.size() - ok, 0));
  }

  /**
   * The object members of a resource are objects or absent, never null, as the document says: a
   * request with one null is refused whole (also a bulk one, like any other malformed item).
   */
  private static void shaped(WixResourceFields fields, String p) {
    if (fields == null) {
      return;
    }
    for (String member : List.of("locationOptions", "workingHoursSchedules")) {
      boolean isNull = member.equals("locationOptions") ? fields.locationOptions == null : fields.workingHoursSchedules == null;
      if (fields.has(member) && isNull) {
        throw Rejection.invalid(p + member, "must be an object (leave it out to keep it, or for the default)");
      }
    }
  }

  /** A protobuf FieldMask in its JSON form: {@code "name,typeId"}. */
  private static List<String> mask(String mask, String field) {
    if (mask == null) {
      return null;
    }
    List<String> paths = Arrays.stream(mask.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    if (paths.size() > 20) {
      throw Rejection.invalid(field, "names at most 20 fields");
    }
    return paths;
  }
}
