package dev.horae.resource;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import dev.horae.connection.ExternalCalendars;
import dev.horae.connection.Provider;
import dev.horae.shared.Rejection;
import dev.horae.shared.TenantId;
import dev.horae.shared.Uuids;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * OnSched resources ({@code /setup/v1/resources}). With {@code googleAuthReturnUrl} /
 * {@code outlookAuthReturnUrl}, a resource whose calendar is not authorized yet comes back with the
 * consent link ({@code googleCalendarAuthUrl} / {@code outlookCalendarAuthUrl}); {@code
 * …Authorized} says whether its calendar is connected. Authorizing creates an ordinary connection
 * of the resource's schedule that imports busy time from, and writes bookings to, its primary
 * calendar.
 */
@RestController
@RequestMapping(path = "/setup/v1/resources", produces = "application/json")
class ResourceController {
  private final Resources resources;
  private final ResourceRepository repository;
  private final ExternalCalendars calendars;

  ResourceController(Resources resources, ResourceRepository repository, ExternalCalendars calendars) {
    this.resources = resources;
    this.repository = repository;
    this.calendars = calendars;
  }

  record Bulk(List<Resources.@Valid Input> resources) {}

  @PostMapping(consumes = "application/json")
  View create(TenantId tenant, @Valid @RequestBody Resources.Input in, @RequestParam(required = false) String googleAuthReturnUrl,
      @RequestParam(required = false) String outlookAuthReturnUrl) {
    return view(tenant, resources.create(tenant, List.of(in), "").get(0), googleAuthReturnUrl, outlookAuthReturnUrl);
  }

  @PostMapping(path = "/bulk", consumes = "application/json")
  List<View> createBulk(TenantId tenant, @Valid @RequestBody Bulk in, @RequestParam(required = false) String googleAuthReturnUrl,
      @RequestParam(required = false) String outlookAuthReturnUrl) {
    if (in.resources() == null || in.resources().isEmpty() || in.resources().size() > 100) {
      throw Rejection.invalid("resources", "must list 1 to 100 resources");
    }
    return views(tenant, resources.create(tenant, in.resources(), "resources"), googleAuthReturnUrl, outlookAuthReturnUrl);
  }

  @PutMapping(path = "/{id}", consumes = "application/json")
  View update(TenantId tenant, @PathVariable String id, @Valid @RequestBody Resources.Input in,
      @RequestParam(required = false) String googleAuthReturnUrl, @RequestParam(required = false) String outlookAuthReturnUrl) {
    UUID uuid = Uuids.parse(id).orElseThrow(() -> Rejection.notFound("Resource", id));
    return view(tenant, resources.update(tenant, List.of(in), List.of(uuid), "").get(0), googleAuthReturnUrl, outlookAuthReturnUrl);
  }

  @PutMapping(path = "/bulk", consumes = "application/json")
  List<View> updateBulk(TenantId tenant, @Valid @RequestBody Bulk in, @RequestParam(required = false) String googleAuthReturnUrl,
      @RequestParam(required = false) String outlookAuthReturnUrl) {
    if (in.resources() == null || in.resources().isEmpty() || in.resources().size() > 100) {
      throw Rejection.invalid("resources", "must list 1 to 100 resources");
    }
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < in.resources().size(); i++) {
      String raw = in.resources().get(i).id();
      UUID id = raw == null ? null : Uuids.parse(raw).orElse(null);
      if (id == null) {
        throw Rejection.invalid("resources[" + i + "].id", "is required: the resource to update");
      }
      ids.add(id);
    }
    return views(tenant, resources.update(tenant, in.resources(), ids, "resources"), googleAuthReturnUrl, outlookAuthReturnUrl);
  }

  @GetMapping("/{id}")
  View get(TenantId tenant, @PathVariable String id, @RequestParam(required = false) String googleAuthReturnUrl,
      @RequestParam(required = false) String outlookAuthReturnUrl) {
    return view(tenant, resources.get(tenant, id), googleAuthReturnUrl, outlookAuthReturnUrl);
  }

  @GetMapping
  Paging.Listed<View> list(TenantId tenant, @RequestParam(required = false) String email, @RequestParam(required = false) String name,
      @RequestParam(defaultValue = "false") boolean deleted, @RequestParam(defaultValue = "0") int offset, @RequestParam(defaultValue = "20") int limit,
      @RequestParam(required = false) String googleAuthReturnUrl, @RequestParam(required = false) String outlookAuthReturnUrl) {
    Paging p = Paging.of(offset, limit);
    ResourceRepository.Filter f = new ResourceRepository.Filter(email, name, deleted);
    List<View> page = views(tenant, repository.list(tenant, f, p.offset(), p.limit()), googleAuthReturnUrl, outlookAuthReturnUrl);
    return p.envelope("/setup/v1/resources", page, repository.count(tenant, f));
  }

  @DeleteMapping("/{id}")
  View delete(TenantId tenant, @PathVariable String id) {
    return view(tenant, resources.delete(tenant, id, true), null, null);
  }

  @PutMapping("/{id}/recover")
  View recover(TenantId tenant, @PathVariable String id) {
    return view(tenant, resources.delete(tenant, id, false), null, null);
  }

  @GetMapping("/{id}/calendar/auth/google/{email}")
  CalendarAuth googleAuth(TenantId tenant, @PathVariable String id, @PathVariable String email, @RequestParam(required = false) String googleAuthReturnUrl) {
    return new CalendarAuth("calendarAuth", email, resources.authorizationUrl(tenant, id, Provider.GOOGLE, email, googleAuthReturnUrl));
  }

  @GetMapping("/{id}/calendar/auth/outlook/{email}")
  CalendarAuth outlookAuth(TenantId tenant, @PathVariable String id, @PathVariable String email, @RequestParam(required = false) String outlookAuthReturnUrl) {
    return new CalendarAuth("calendarAuth", email, resources.authorizationUrl(tenant, id, Provider.MICROSOFT, email, outlookAuthReturnUrl));
  }

  /** Views of many resources, their connections read in one query. */
  private List<View> views(TenantId tenant, List<Resource> list, String googleReturn, String outlookReturn) {
    List<ExternalCalendars.Source> sources = list.isEmpty() ? List.of() : calendars.sources(tenant, list.stream().map(Resource::scheduleId).toList());
    return list.stream().map(r -> view(tenant, r, sources.stream().filter(s -> s.scheduleId().equals(r.scheduleId())).toList(), googleReturn,
        outlookReturn)).toList();
  }

  private View view(TenantId tenant, Resource r, String googleReturn, String outlookReturn) {
    return view(tenant, r, calendars.sources(tenant, List.of(r.scheduleId())), googleReturn, outlookReturn);
  }

  /**
   * OnSched's ResourceViewModel, with the options flattened as OnSched does, and the calendar's
   * authorization. {@code availability} is {@code sun..sat: {startTime, endTime}} in HHmm;
   * {@code calendarAvailability} 0 (Horae only), 1 (plus Google), 2 (plus Outlook), 3 (plus every
   * connected calendar).
   */
  record View(
      @Schema(allowableValues = "resource") String object, String id, String scheduleId, String name, String email, String description,
      String timezoneIana, String timezoneName, Map<String, Map<String, Integer>> availability, List<Map<String, Object>> dateOverrides,
      List<ServiceRef> services, Map<String, Object> options, int calendarAvailability, String googleCalendarId,
      boolean googleCalendarAuthorized, String googleCalendarAuthUrl, String outlookCalendarId, boolean outlookCalendarAuthorized,
      String outlookCalendarAuthUrl, boolean deletedStatus, String deletedTime) {}

  record ServiceRef(String serviceId) {}

  /** A consent link for the resource's Google or Outlook calendar. */
  record CalendarAuth(@Schema(allowableValues = "calendarAuth") String object, String calendarId, String calendarAuthUrl) {}

  private View view(TenantId tenant, Resource r, List<ExternalCalendars.Source> sources, String googleReturn, String outlookReturn) {
    boolean google = sources.stream().anyMatch(s -> s.providerId().equals(Provider.GOOGLE) && s.authorized());
    boolean outlook = sources.stream().anyMatch(s -> s.providerId().equals(Provider.MICROSOFT) && s.authorized());
    return new View("resource", r.id().toString(), r.scheduleId().toString(), r.name(), r.email(), r.description(), r.timeZone().getId(),
        r.timeZone().getId(), r.availability(), r.dateOverrides(), r.serviceIds().stream().map(s -> new ServiceRef(s.toString())).toList(),
        r.options(), r.calendarAvailability(), r.googleCalendarId(), google,
        !google && r.googleCalendarId() != null && googleReturn != null
            ? authUrl(tenant, r, Provider.GOOGLE, r.googleCalendarId(), googleReturn) : null,
        r.outlookCalendarId(), outlook,
        !outlook && r.outlookCalendarId() != null && outlookReturn != null
            ? authUrl(tenant, r, Provider.MICROSOFT, r.outlookCalendarId(), outlookReturn) : null,
        r.deletedAt() != null, r.deletedAt() == null ? null : r.deletedAt().toString());
  }

  /** The consent link, or null when it cannot be made (no OAuth client configured, a bad return URL): the resource itself is fine. */
  private String authUrl(TenantId tenant, Resource r, String provider, String email, String returnUrl) {
    try {
      return resources.authorizationUrl(tenant, r.id().toString(), provider, email, returnUrl);
    } catch (Rejection notPossible) {
      return null;
    }
  }
}
