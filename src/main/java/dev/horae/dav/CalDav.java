package dev.horae.dav;

import dev.horae.event.CalendarObjects;
import dev.horae.event.CancellingEvent;
import dev.horae.event.CreatingEvent;
import dev.horae.event.Event;
import dev.horae.event.EventChanges;
import dev.horae.event.EventEntry;
import dev.horae.event.EventEnums.Transparency;
import dev.horae.event.EventRecurrence;
import dev.horae.event.FindingEvents;
import dev.horae.event.ScheduleEvents;
import dev.horae.event.UpdatingEvent;
import dev.horae.outbox.Change;
import dev.horae.outbox.Changes;
import dev.horae.schedule.FindingSchedules;
import dev.horae.schedule.Location;
import dev.horae.schedule.Schedule;
import dev.horae.tenant.Reach;
import dev.horae.shared.Instants;
import dev.horae.shared.TenantId;
import dev.horae.shared.query.Page;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A tenant's schedules as CalDAV calendars: what the servlet reads and writes, in Horae's terms.
 * Every write goes through the event services, so a change made over CalDAV is an ordinary Horae
 * change (revisions, the change feed, webhooks, exports, availability).
 */
@Service
class CalDav {
  /** Calendars listed in the calendar home. */
  static final int MAX_CALENDARS = 1000;
  /** Changes read for one sync-collection report; more and the answer is truncated (RFC 6578 §3.6). */
  static final int SYNC_BATCH = 2000;
  static final String SYNC_TOKEN_PREFIX = "https://horae.dev/ns/sync/";
  private static final String EVENT_ENTITY = "wix.calendar.v3.event";
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

  /** An object's name (the last segment of its URL) and entity tag (quoted). */
  record Listed(String name, String etag) {}

  /** An object with its text. */
  record Body(String name, String etag, String text) {}

  /** A sync-collection answer: changed objects, the names of those gone, the new token, and whether more changes wait. */
  record Synced(List<Listed> changed, List<String> removed, String token, boolean truncated) {}

  /** What a calendar-query asks for: an optional time range, an optional UID, and an optional expansion window. */
  record Query(Instant from, Instant to, String uid, boolean data, Instant expandFrom, Instant expandTo) {}

  private final FindingSchedules schedules;
  private final CalendarObjects objects;
  private final ScheduleEvents occurrences;
  private final CreatingEvent creating;
  private final UpdatingEvent updating;
  private final CancellingEvent cancelling;
  private final FindingEvents finding;
  private final DavObjectRepository names;
  private final Changes changes;
  private final JsonMapper json;
  private final Clock clock;

  CalDav(FindingSchedules schedules, CalendarObjects objects, ScheduleEvents occurrences, CreatingEvent creating, UpdatingEvent updating,
      CancellingEvent cancelling, FindingEvents finding, DavObjectRepository names, Changes changes, JsonMapper json, Clock clock) {
    this.schedules = schedules;
    this.objects = objects;
    this.occurrences = occurrences;
    this.creating = creating;
    this.updating = updating;
    this.cancelling = cancelling;
    this.finding = finding;
    this.names = names;
    this.changes = changes;
    this.json = json;
    this.clock = clock;
  }

  /** The active schedules the key reaches, at most {@link #MAX_CALENDARS}, by id. */
  @Transactional(readOnly = true)
  List<Schedule> calendars(TenantId tenant, Reach reach) {
    List<Schedule> out = new ArrayList<>();
    if (reach instanceof Reach.Schedules only) {
      only.ids().stream().sorted().forEach(id -> schedules.find(tenant, id).filter(s -> !s.cancelled()).ifPresent(out::add));
      return out;
    }
    String cursor = null;
    do {
      Page<Schedule> page = schedules.query(tenant, JsonNodeFactory.instance.objectNode(), 100, cursor);
      out.addAll(page.items());
      cursor = page.nextCursor();
    } while (cursor != null && out.size() < MAX_CALENDARS);
    return out.size() > MAX_CALENDARS ? out.subList(0, MAX_CALENDARS) : out;
  }

  /** The schedule behind a calendar URL; a 404 for one that is unknown or cancelled. */
  @Transactional(readOnly = true)
  Schedule calendar(TenantId tenant, UUID id) {
    return schedules.find(tenant, id).filter(s -> !s.cancelled())
        .orElseThrow(() -> new DavProblem(404, null, "No calendar " + id));
  }

  /** The calendar's sync token (and CTag): the tenant's change-feed position, which moves with every change. */
  String token(TenantId tenant) {
    return SYNC_TOKEN_PREFIX + changes.latest(tenant);
  }

  @Transactional(readOnly = true)
  List<Listed> list(TenantId tenant, UUID scheduleId) {
    Map<String, DavObjectRepository.Named> named = names.ofSchedule(tenant, scheduleId);
    return objects.versions(tenant, scheduleId, null).stream().map(v -> new Listed(name(v.id(), named), etag(v.tag()))).toList();
  }

  @Transactional(readOnly = true)
  Optional<Body> get(TenantId tenant, UUID scheduleId, String name) {
    return live(tenant, scheduleId, name).map(t -> body(tenant, t.item(), t.name(), t.uid(), null));
  }

  /** calendar-query (RFC 4791 §7.8): the objects with an occurrence in the range, or all of them; text when asked, expanded when asked. */
  @Transactional(readOnly = true)
  List<Body> query(TenantId tenant, UUID scheduleId, Query q) {
    boolean ranged = q.from() != null || q.to() != null;
    Set<String> during = ranged ? objects.during(tenant, scheduleId, q.from() == null ? Instant.parse("0001-01-01T00:00:00Z") : q.from(),
        q.to() == null ? Instant.parse("9999-12-31T00:00:00Z") : q.to()) : null;
    List<String> ids;
    if (q.uid() != null) {
      ids = withUid(tenant, scheduleId, q.uid()).stream().filter(id -> during == null || during.contains(id)).toList();
    } else {
      ids = ranged ? List.copyOf(during) : objects.versions(tenant, scheduleId, null).stream().map(CalendarObjects.Version::id).toList();
    }
    return bodies(tenant, scheduleId, ids, q);
  }

  /** calendar-multiget (RFC 4791 §7.9): the objects named that exist, by name. */
  @Transactional(readOnly = true)
  Map<String, Body> multiget(TenantId tenant, UUID scheduleId, List<String> wanted, Query q) {
    Map<String, Body> out = new LinkedHashMap<>();
    for (String name : wanted) {
      live(tenant, scheduleId, name).ifPresent(t -> out.put(name, q.data()
          ? body(tenant, t.item(), t.name(), t.uid(), q) : new Body(t.name(), etag(CalendarObjects.tag(t.item())), null)));
    }
    return out;
  }

  private List<Body> bodies(TenantId tenant, UUID scheduleId, List<String> ids, Query q) {
    Map<String, DavObjectRepository.Named> named = names.byEvents(tenant, ids);
    List<Body> out = new ArrayList<>();
    if (!q.data()) {
      objects.versions(tenant, scheduleId, ids).forEach(v -> out.add(new Body(name(v.id(), named), etag(v.tag()), null)));
      return out;
    }
    for (CalendarObjects.Item item : objects.items(tenant, scheduleId, ids)) {
      out.add(body(tenant, item, name(item.event().id(), named), uid(item.event().id(), named), q));
    }
    return out;
  }

  private Body body(TenantId tenant, CalendarObjects.Item item, String name, String uid, Query q) {
    String text;
    if (q != null && q.expandFrom() != null) {
      List<Event> shown = item.event().recurring()
          ? objects.occurrencesDuring(tenant, List.of(item.event().id()), q.expandFrom(), q.expandTo())
          : List.of(item.event());
      text = ObjectWriter.expanded(item, uid, shown);
    } else {
      text = ObjectWriter.write(item, uid);
    }
    return new Body(name, etag(CalendarObjects.tag(item)), text);
  }

  /**
   * sync-collection (RFC 6578): with no token, every object; with one, the objects changed since
   * (read from the change feed, so the cost follows the changes, not the calendar's size) and the
   * names of those gone.
   */
  @Transactional(readOnly = true)
  Synced sync(TenantId tenant, UUID scheduleId, String token) {
    long latest = changes.latest(tenant);
    if (token == null || token.isBlank()) {
      return new Synced(list(tenant, scheduleId), List.of(), SYNC_TOKEN_PREFIX + latest, false);
    }
    long since = sequence(token);
    if (since > latest) {
      throw new DavProblem(403, "D:valid-sync-token", "The sync token is not one this server gave");
    }
    List<Change> read = changes.after(tenant, since, List.of(EVENT_ENTITY), SYNC_BATCH);
    Set<String> touched = new LinkedHashSet<>();
    String schedule = scheduleId.toString();
    for (Change c : read) {
      JsonNode payload = json.readTree(c.body());
      JsonNode entity = first(payload.at("/createdEvent/entity"), payload.at("/updatedEvent/currentEntity"),
          payload.at("/deletedEvent/deletedEntity"));
      if (entity == null || !schedule.equals(entity.path("scheduleId").asString(null)) || "WORKING_HOURS".equals(entity.path("type").asString(null))) {
        continue;
      }
      String master = entity.path("recurringEventId").asString(null);
      touched.add(master != null ? master : c.entityId());
    }
    boolean truncated = read.size() == SYNC_BATCH;
    long next = truncated ? read.get(read.size() - 1).sequence() : Math.max(latest, read.isEmpty() ? since : read.get(read.size() - 1).sequence());
    Map<String, DavObjectRepository.Named> named = names.byEvents(tenant, touched);
    List<Listed> changed = new ArrayList<>();
    Set<String> live = new LinkedHashSet<>();
    for (CalendarObjects.Version v : objects.versions(tenant, scheduleId, touched)) {
      live.add(v.id());
      changed.add(new Listed(name(v.id(), named), etag(v.tag())));
    }
    List<String> removed = touched.stream().filter(id -> !live.contains(id)).map(id -> name(id, named)).toList();
    return new Synced(changed, removed, SYNC_TOKEN_PREFIX + next, truncated);
  }

  Instant now() {
    return clock.instant();
  }

  /** free-busy-query (RFC 4791 §7.10): the schedule's busy time in the range, resources' blocks from other schedules included. */
  @Transactional(readOnly = true)
  List<Event> busy(TenantId tenant, UUID scheduleId, Instant from, Instant to) {
    return occurrences.occurrences(tenant, scheduleId, from, to).stream()
        .filter(e -> !e.cancelled() && e.transparency() != Transparency.TRANSPARENT).toList();
  }

  /**
   * PUT of an object: a new name creates the event (a series with its changed occurrences), an
   * existing one updates it at the revision its entity tag names. Returns whether it was created.
   */
  @Transactional
  boolean put(TenantId tenant, UUID scheduleId, String name, String text, String ifMatch, boolean ifNoneMatchAny) {
    Schedule schedule = calendar(tenant, scheduleId);
    ObjectReader.Parsed parsed;
    try {
      parsed = ObjectReader.read(text, schedule.timeZone());
    } catch (ObjectReader.Unreadable e) {
      throw new DavProblem(e.precondition.equals("valid-calendar-data") ? 400 : 403, "C:" + e.precondition, e.getMessage());
    }
    Optional<DavObjectRepository.Named> row = names.byName(tenant, scheduleId, name);
    Optional<Target> existing = live(tenant, scheduleId, name, row);
    Instant now = Instants.truncate(clock.instant());
    if (existing.isPresent()) {
      Target t = existing.get();
      if (ifNoneMatchAny) {
        throw new DavProblem(412, null, name + " exists");
      }
      if (ifMatch != null && !matches(ifMatch, etag(CalendarObjects.tag(t.item())))) {
        throw new DavProblem(412, null, name + " changed: its entity tag is now " + etag(CalendarObjects.tag(t.item())));
      }
      if (!parsed.uid().equals(t.uid())) {
        throw new DavProblem(403, "C:no-uid-conflict", "an object's UID can't change (it is " + t.uid() + ")");
      }
      Event current = t.item().event();
      if (current.recurring() != (parsed.master().rrule() != null)) {
        // a single event can't become a series in Horae (nor the reverse): the old one is cancelled and a new one takes its name
        cancelling.cancel(tenant, current.id(), current.revision());
        Event made = create(tenant, schedule, parsed);
        if (!names.claim(tenant, scheduleId, name, parsed.uid(), made.id(), now, row.map(DavObjectRepository.Named::eventId).orElse(null))) {
          throw new DavProblem(412, null, name + " changed while it was written");
        }
      } else {
        update(tenant, t.item(), parsed);
      }
      return false;
    }
    if (ifMatch != null) {
      throw new DavProblem(412, null, name + " does not exist");
    }
    if (uidTaken(tenant, scheduleId, parsed.uid())) {
      if (names.byName(tenant, scheduleId, name).filter(n -> n.uid().equals(parsed.uid())).isPresent()) {
        // a concurrent PUT of this very object committed while this one was read: the name exists now
        throw new DavProblem(412, null, name + " was created by another request at the same time");
      }
      throw new DavProblem(409, "C:no-uid-conflict", "another object of this calendar has the UID " + parsed.uid());
    }
    Event made = create(tenant, schedule, parsed);
    if (!names.claim(tenant, scheduleId, name, parsed.uid(), made.id(), now, row.map(DavObjectRepository.Named::eventId).orElse(null))) {
      throw new DavProblem(412, null, name + " was created by another request at the same time");
    }
    return true;
  }

  /** DELETE of an object: the event (the whole series) is cancelled. */
  @Transactional
  void delete(TenantId tenant, UUID scheduleId, String name, String ifMatch) {
    calendar(tenant, scheduleId);
    Target t = live(tenant, scheduleId, name).orElseThrow(() -> new DavProblem(404, null, "No object " + name));
    if (ifMatch != null && !matches(ifMatch, etag(CalendarObjects.tag(t.item())))) {
      throw new DavProblem(412, null, name + " changed: its entity tag is now " + etag(CalendarObjects.tag(t.item())));
    }
    cancelling.cancel(tenant, t.item().event().id(), t.item().event().revision());
  }

  private boolean uidTaken(TenantId tenant, UUID scheduleId, String uid) {
    return !objects.versions(tenant, scheduleId, withUid(tenant, scheduleId, uid)).isEmpty();
  }

  /**
   * The events whose objects may carry {@code uid}: those a client named with it, and for
   * {@code <id>@horae} the event {@code id} when no client named it (live or not; callers keep the live ones).
   */
  private List<String> withUid(TenantId tenant, UUID scheduleId, String uid) {
    List<String> ids = new ArrayList<>(names.eventsWithUid(tenant, scheduleId, uid));
    if (uid.endsWith("@horae")) {
      String id = uid.substring(0, uid.length() - "@horae".length());
      if (!id.isEmpty() && names.byEvents(tenant, List.of(id)).isEmpty()) {
        ids.add(id);
      }
    }
    return ids;
  }

  private Event create(TenantId tenant, Schedule schedule, ObjectReader.Parsed parsed) {
    ObjectReader.Component m = parsed.master();
    if (m.cancelled()) {
      throw new DavProblem(403, "C:valid-calendar-object-resource", "a new event can't be STATUS:CANCELLED");
    }
    Map<String, Object> rule = m.rrule() == null ? null : rule(m.rrule(), m.exdates());
    EventChanges c = new EventChanges(ch(schedule.id().toString()), absent(), ch(m.title() == null ? "" : m.title()),
        ch(m.zone().getId()), ch(LOCAL.format(m.start())), ch(LOCAL.format(m.end())), ch(m.allDay()), ch(m.transparency()),
        m.location() == null ? absent() : ch(location(m.location())), absent(), absent(), absent(), m.notes() == null ? absent() : ch(m.notes()),
        absent(), absent(), rule == null ? absent() : ch(rule));
    EventEntry made = creating.create(tenant, c);
    overrides(tenant, made.event(), parsed.overrides(), List.of());
    return made.event();
  }

  private void update(TenantId tenant, CalendarObjects.Item item, ObjectReader.Parsed parsed) {
    Event current = item.event();
    ObjectReader.Component m = parsed.master();
    if (m.cancelled()) {
      cancelling.cancel(tenant, current.id(), current.revision());
      return;
    }
    EventChanges c = changes(current, m, item.exceptions());
    Event now = current;
    if (c != null) {
      now = updating.update(tenant, current.id(), current.revision(), c).event();
    }
    if (now.recurring()) {
      overrides(tenant, now, parsed.overrides(), item.exceptions());
    }
  }

  /** The fields of {@code c} that differ from {@code current}; null when nothing does. */
  private static EventChanges changes(Event current, ObjectReader.Component m, List<Event> exceptions) {
    boolean any = false;
    dev.horae.shared.Change<String> title = absent();
    if (!Objects.equals(blank(current.title()), blank(m.title()))) {
      title = ch(m.title() == null ? "" : m.title());
      any = true;
    }
    boolean timeChanged = !current.time().startLocal().equals(m.start()) || !current.time().endLocal().equals(m.end())
        || current.allDay() != m.allDay() || !current.timeZone().equals(m.zone());
    if (timeChanged) {
      any = true;
    }
    dev.horae.shared.Change<Transparency> transparency = absent();
    if (current.transparency() != m.transparency()) {
      transparency = ch(m.transparency());
      any = true;
    }
    String where = current.location() == null ? null : blank(current.location().name());
    dev.horae.shared.Change<Location> location = absent();
    if (!Objects.equals(where, blank(m.location()))) {
      location = ch(m.location() == null ? null : location(m.location()));
      any = true;
    }
    dev.horae.shared.Change<String> notes = absent();
    if (!Objects.equals(blank(current.notes()), blank(m.notes()))) {
      notes = ch(m.notes());
      any = true;
    }
    dev.horae.shared.Change<Map<String, Object>> rule = absent();
    if (current.recurring()) {
      Set<LocalDateTime> cancelled = new LinkedHashSet<>();
      exceptions.stream().filter(Event::cancelled).map(Event::originalStart).filter(Objects::nonNull).forEach(cancelled::add);
      List<LocalDateTime> wanted = m.exdates().stream().filter(x -> !cancelled.contains(x)).distinct().sorted().toList();
      List<LocalDateTime> had = EventRecurrence.exdates(current).stream().sorted().toList();
      if (!EventRecurrence.rrule(current).orElse("").equalsIgnoreCase(m.rrule()) || !had.equals(wanted)) {
        rule = ch(rule(m.rrule(), wanted));
        any = true;
      }
    }
    if (!any) {
      return null;
    }
    return new EventChanges(absent(), absent(), title, timeChanged ? ch(m.zone().getId()) : absent(),
        timeChanged ? ch(LOCAL.format(m.start())) : absent(), timeChanged ? ch(LOCAL.format(m.end())) : absent(),
        timeChanged ? ch(m.allDay()) : absent(), transparency, location, absent(), absent(), absent(), notes, absent(), absent(), rule);
  }

  /**
   * The changed occurrences of a series: each names its occurrence by RECURRENCE-ID; a cancelled one
   * cancels it, any other updates the fields that differ (the occurrence becomes an EXCEPTION). An
   * occurrence the events view has not materialised yet is left as the rule makes it.
   */
  private void overrides(TenantId tenant, Event master, List<ObjectReader.Component> overrides, List<Event> known) {
    for (ObjectReader.Component o : overrides) {
      Optional<String> id = objects.occurrence(tenant, master.id(), o.recurrenceId());
      if (id.isEmpty()) {
        continue;
      }
      Event occurrence = known.stream().filter(x -> x.id().equals(id.get())).findFirst()
          .orElseGet(() -> finding.get(tenant, id.get()).event());
      if (occurrence == null || occurrence.cancelled()) {
        continue;
      }
      if (o.cancelled()) {
        cancelling.cancel(tenant, occurrence.id(), occurrence.revision());
        continue;
      }
      EventChanges c = changes(occurrence, o, List.of());
      if (c != null) {
        updating.update(tenant, occurrence.id(), occurrence.revision(), c);
      }
    }
  }

  /** The live object a name stands for. */
  record Target(String name, String uid, CalendarObjects.Item item) {}

  private Optional<Target> live(TenantId tenant, UUID scheduleId, String name) {
    return live(tenant, scheduleId, name, names.byName(tenant, scheduleId, name));
  }

  /** The live object a name stands for, given the name's row (if any). */
  private Optional<Target> live(TenantId tenant, UUID scheduleId, String name, Optional<DavObjectRepository.Named> row) {
    String id;
    String uid;
    if (row.isPresent()) {
      id = row.get().eventId();
      uid = row.get().uid();
    } else if (name.endsWith(".ics") && name.length() > 4) {
      id = name.substring(0, name.length() - 4);
      uid = id + "@horae";
      if (!names.byEvents(tenant, List.of(id)).isEmpty()) {
        return Optional.empty(); // the event has a client's name; this one is not it
      }
    } else {
      return Optional.empty();
    }
    return objects.items(tenant, scheduleId, List.of(id)).stream().findFirst().map(item -> new Target(name, uid, item));
  }

  private static String name(String eventId, Map<String, DavObjectRepository.Named> named) {
    DavObjectRepository.Named n = named.get(eventId);
    return n != null ? n.name() : eventId + ".ics";
  }

  private static String uid(String eventId, Map<String, DavObjectRepository.Named> named) {
    DavObjectRepository.Named n = named.get(eventId);
    return n != null ? n.uid() : eventId + "@horae";
  }

  static String etag(String tag) {
    return "\"" + tag + "\"";
  }

  /** Whether an If-Match header names this tag ({@code *} matches any existing object). */
  static boolean matches(String ifMatch, String etag) {
    for (String part : ifMatch.split(",")) {
      String p = part.trim();
      if (p.startsWith("W/")) {
        p = p.substring(2);
      }
      if (p.equals("*") || p.equals(etag)) {
        return true;
      }
    }
    return false;
  }

  static long sequence(String token) {
    if (!token.startsWith(SYNC_TOKEN_PREFIX)) {
      throw new DavProblem(403, "D:valid-sync-token", "The sync token is not one this server gave");
    }
    try {
      long n = Long.parseLong(token.substring(SYNC_TOKEN_PREFIX.length()));
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new DavProblem(403, "D:valid-sync-token", "The sync token is not one this server gave");
    }
  }

  private static Map<String, Object> rule(String rrule, List<LocalDateTime> exdates) {
    Map<String, Object> rule = new LinkedHashMap<>();
    rule.put("rrule", rrule);
    if (!exdates.isEmpty()) {
      rule.put("exdates", exdates.stream().map(LOCAL::format).toList());
    }
    return rule;
  }

  private static Location location(String text) {
    return new Location(null, Location.LocationType.CUSTOM, text.length() > dev.horae.shared.TextLimits.LOCATION_NAME
        ? text.substring(0, dev.horae.shared.TextLimits.LOCATION_NAME) : text, null);
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static JsonNode first(JsonNode... nodes) {
    for (JsonNode n : nodes) {
      if (n != null && !n.isMissingNode() && !n.isNull()) {
        return n;
      }
    }
    return null;
  }

  private static <T> dev.horae.shared.Change<T> ch(T value) {
    return dev.horae.shared.Change.to(value);
  }

  private static <T> dev.horae.shared.Change<T> absent() {
    return dev.horae.shared.Change.absent();
  }
}
