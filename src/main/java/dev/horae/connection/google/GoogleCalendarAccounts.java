package dev.horae.connection.google;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.googleapis.services.AbstractGoogleClientRequest;
import com.google.api.client.http.HttpResponseException;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.CalendarList;
import com.google.api.services.calendar.model.CalendarListEntry;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventAttendee;
import com.google.api.services.calendar.model.EventDateTime;
import com.google.api.services.calendar.model.Events;
import dev.horae.connection.Provider;
import dev.horae.connection.account.CalendarAccount.Channel;
import dev.horae.connection.account.Change;
import dev.horae.connection.account.Changes;
import dev.horae.connection.account.IcsLines;
import dev.horae.connection.account.Outgoing;
import dev.horae.connection.account.ProviderRefusal.Reason;
import dev.horae.connection.account.ProviderRefusal;
import dev.horae.connection.account.Written;
import dev.horae.connection.oauth.OAuthAccounts;
import dev.horae.connection.oauth.ProviderCalls.Gone;
import dev.horae.connection.oauth.ProviderCalls;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Google Calendar API v3 through Google's client library ({@code google-api-services-calendar}),
 * its root URL from configuration ({@code horae.google.api-url}). Sync: {@code events.list} with
 * {@code singleEvents=false} (Horae expands recurrence itself), every page followed, the {@code
 * nextSyncToken} of the last page kept; a 410 is {@link Reason#SYNC_TOKEN_EXPIRED}. Busy: an event
 * is free when it is {@code transparent}, when the account's own attendee entry declined it, and
 * when it is out-of-office and {@code horae.google.out-of-office} is {@code FREE} (default {@code
 * BUSY}); working-location entries are free. Writes: Horae picks the event id ({@code horae} + the
 * event's hex id, valid base32hex), so a repeated insert is a 409 instead of a duplicate; updates
 * carry {@code If-Match}. A 429, a 403 {@code rateLimitExceeded}/{@code userRateLimitExceeded} or a
 * 5xx is retried with exponential backoff and jitter (honouring {@code Retry-After}), then
 * reported as {@link Reason#RATE_LIMITED}; a 401 refreshes the access token once.
 */
@Component
public class GoogleCalendarAccounts implements OAuthAccounts {
  private static final String EXPORT_MARK = "horae";
  private static final String EXPORT_VALUE = "export";

  private final Calendar api;
  private final int pageSize;
  private final ProviderCalls calls;
  private final boolean outOfOfficeBusy;

  public GoogleCalendarAccounts(GoogleProperties settings, java.time.Clock clock) {
    String apiUrl = settings.apiUrl();
    this.api = new Calendar.Builder(new NetHttpTransport(), GsonFactory.getDefaultInstance(), request -> {
      request.setConnectTimeout(10_000);
      request.setReadTimeout(30_000);
      request.setFollowRedirects(false);
    }).setRootUrl(apiUrl.endsWith("/") ? apiUrl : apiUrl + "/").setApplicationName("Horae").build();
    this.pageSize = settings.pageSize();
    this.calls = new ProviderCalls("Google", new ProviderCalls.Policy(settings.retryAttempts(), settings.retryBase(), settings.retryCap()),
        new ProviderCalls.Reading() {
          @Override
          public boolean slowDown(ProviderCalls.Answered a) { // Google says "slow down" with 403 too
            return a.status() == 403 && (a.code().equals("rateLimitExceeded") || a.code().equals("userRateLimitExceeded"));
          }

          @Override
          public ProviderRefusal refusal(String provider, ProviderCalls.Answered a) { // 410 deleted: an event gone, not a sync token expired
            return a.status() == 410 && a.code().equals("deleted") ? new Gone("Google: deleted (410)") : null;
          }
        }, clock);
    this.outOfOfficeBusy = settings.outOfOffice() == dev.horae.connection.OutOfOffice.BUSY;
  }

  @Override
  public String providerId() {
    return Provider.GOOGLE;
  }

  @Override
  public List<dev.horae.connection.account.Calendar> calendars(Session session) throws ProviderRefusal {
    List<dev.horae.connection.account.Calendar> out = new ArrayList<>();
    String page = null;
    do {
      String p = page;
      CalendarList list = call(session, c -> c.calendarList().list().setMaxResults(250).setPageToken(p));
      for (CalendarListEntry e : list.getItems() == null ? List.<CalendarListEntry>of() : list.getItems()) {
        if (Boolean.TRUE.equals(e.getDeleted())) {
          continue;
        }
        String name = e.getSummaryOverride() != null ? e.getSummaryOverride() : e.getSummary();
        out.add(new dev.horae.connection.account.Calendar(e.getId(), name, true, Boolean.TRUE.equals(e.getPrimary())));
      }
      page = list.getNextPageToken();
    } while (page != null);
    return out;
  }

  @Override
  public Changes changes(Session session, String calendarId, String cursor, Instant from, Instant to) throws ProviderRefusal {
    List<Change> items = new ArrayList<>();
    String page = null;
    String next = null;
    do {
      String p = page;
      Events result = call(session, c -> {
        Calendar.Events.List list = c.events().list(calendarId).setMaxResults(pageSize).setSingleEvents(false).setPageToken(p);
        return cursor != null ? list.setSyncToken(cursor) : list.setTimeMin(new DateTime(false, from.toEpochMilli(), 0));
      });
      for (Event e : result.getItems() == null ? List.<Event>of() : result.getItems()) {
        items.add(item(e));
      }
      page = result.getNextPageToken();
      next = result.getNextSyncToken();
    } while (page != null);
    return new Changes(items, next, cursor == null);
  }

  Change item(Event e) {
    String series = e.getRecurringEventId() != null ? e.getRecurringEventId() : e.getId();
    boolean cancelled = "cancelled".equals(e.getStatus());
    if (cancelled && e.getRecurringEventId() == null) {
      return new Change.Removed(e.getId(), series);
    }
    IcsLines v = new IcsLines().begin("VEVENT");
    boolean ours = e.getExtendedProperties() != null && e.getExtendedProperties().getPrivate() != null
        && EXPORT_VALUE.equals(e.getExtendedProperties().getPrivate().get(EXPORT_MARK));
    String uid = ours ? e.getId() + Outgoing.EXPORT_UID_SUFFIX
        : e.getICalUID() != null ? e.getICalUID() : series;
    v.text("UID", uid);
    if (cancelled) {
      // a deleted occurrence of a series: Google sends only where it was
      time(v, "DTSTART", e.getOriginalStartTime());
      time(v, "RECURRENCE-ID", e.getOriginalStartTime());
      return new Change.Member(e.getId(), e.getEtag(), series, v.property("STATUS", "CANCELLED").end("VEVENT").toString());
    }
    time(v, "DTSTART", e.getStart());
    if (e.getEnd() != null) {
      time(v, "DTEND", e.getEnd());
    }
    if (e.getOriginalStartTime() != null) {
      time(v, "RECURRENCE-ID", e.getOriginalStartTime());
    }
    for (String line : e.getRecurrence() == null ? List.<String>of() : e.getRecurrence()) {
      v.line(line.strip());
    }
    if (e.getSummary() != null) {
      v.text("SUMMARY", e.getSummary());
    }
    v.property("TRANSP", busy(e) ? "OPAQUE" : "TRANSPARENT");
    if ("tentative".equals(e.getStatus())) {
      v.property("STATUS", "TENTATIVE");
    }
    return new Change.Member(e.getId(), e.getEtag(), series, v.end("VEVENT").toString());
  }

  private boolean busy(Event e) {
    if ("transparent".equals(e.getTransparency()) || "workingLocation".equals(e.getEventType())) {
      return false;
    }
    if ("outOfOffice".equals(e.getEventType()) && !outOfOfficeBusy) {
      return false;
    }
    for (EventAttendee a : e.getAttendees() == null ? List.<EventAttendee>of() : e.getAttendees()) {
      if (Boolean.TRUE.equals(a.getSelf()) && "declined".equals(a.getResponseStatus())) {
        return false;
      }
    }
    return true;
  }

  /** An iCalendar date or date-time line: a date; a zoned wall time when Google names the zone; else UTC. */
  private static void time(IcsLines v, String name, EventDateTime t) {
    if (t.getDate() != null) {
      v.date(name, java.time.LocalDate.parse(t.getDate().toStringRfc3339()));
      return;
    }
    Instant at = Instant.ofEpochMilli(t.getDateTime().getValue());
    if (t.getTimeZone() != null) {
      try {
        v.local(name, at, java.time.ZoneId.of(t.getTimeZone()));
        return;
      } catch (java.time.DateTimeException notIana) {
        // fall through to UTC: the instant is right, only wall time across DST would drift
      }
    }
    v.utc(name, at);
  }


  @Override
  public String createCalendar(Session session, String name) throws ProviderRefusal {
    return call(session, c -> c.calendars().insert(new com.google.api.services.calendar.model.Calendar().setSummary(name))).getId();
  }

  @Override
  public String ref(String eventId) {
    String id = eventId.toLowerCase(Locale.ROOT);
    if (!id.matches("[0-9a-v]+")) {
      id = java.util.HexFormat.of().formatHex(eventId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    return EXPORT_MARK + id;
  }

  @Override
  public Written put(Session session, String calendarId, String ref, Outgoing e, String ifMatch) throws ProviderRefusal {
    Event body = new Event().setId(ref).setSummary(e.title()).setStatus("confirmed").setTransparency(e.transparent() ? "transparent" : "opaque")
        .setExtendedProperties(new Event.ExtendedProperties().setPrivate(Map.of(EXPORT_MARK, EXPORT_VALUE)));
    if (e.allDay()) {
      body.setStart(new EventDateTime().setDate(new DateTime(e.firstDay().toString())))
          .setEnd(new EventDateTime().setDate(new DateTime(e.endDay().toString())));
    } else {
      body.setStart(new EventDateTime().setDateTime(new DateTime(false, e.start().toEpochMilli(), 0)).setTimeZone("UTC"))
          .setEnd(new EventDateTime().setDateTime(new DateTime(false, e.end().toEpochMilli(), 0)).setTimeZone("UTC"));
    }
    Event written;
    if (ifMatch == null) {
      written = call(session, c -> c.events().insert(calendarId, body));
    } else {
      written = call(session, c -> {
        Calendar.Events.Update update = c.events().update(calendarId, ref, body);
        update.getRequestHeaders().setIfMatch(ifMatch);
        return update;
      });
    }
    return new Written(written.getId(), written.getEtag());
  }

  @Override
  public String etag(Session session, String calendarId, String ref) throws ProviderRefusal {
    try {
      return call(session, c -> c.events().get(calendarId, ref)).getEtag();
    } catch (Gone gone) {
      return null;
    }
  }

  @Override
  public void delete(Session session, String calendarId, String ref) throws ProviderRefusal {
    try {
      call(session, c -> c.events().delete(calendarId, ref));
    } catch (Gone gone) {
      // deleted already
    }
  }

  @Override
  public Map<String, String> exported(Session session, String calendarId) throws ProviderRefusal {
    Map<String, String> out = new HashMap<>();
    String page = null;
    do {
      String p = page;
      Events result = call(session, c -> c.events().list(calendarId).setMaxResults(pageSize).setPageToken(p)
          .setPrivateExtendedProperty(List.of(EXPORT_MARK + "=" + EXPORT_VALUE)));
      for (Event e : result.getItems() == null ? List.<Event>of() : result.getItems()) {
        out.put(e.getId(), e.getEtag());
      }
      page = result.getNextPageToken();
    } while (page != null);
    return out;
  }

  @Override
  public Channel watch(Session session, String calendarId, String channelId, String address, String token, Instant expires)
      throws ProviderRefusal {
    com.google.api.services.calendar.model.Channel made = call(session, c -> c.events().watch(calendarId,
        new com.google.api.services.calendar.model.Channel().setId(channelId).setType("web_hook").setAddress(address).setToken(token).setExpiration(expires.toEpochMilli())));
    Instant until = made.getExpiration() == null ? expires : Instant.ofEpochMilli(made.getExpiration());
    return new Channel(channelId, made.getResourceId(), until);
  }

  @Override
  public Channel renew(Session session, Channel channel, Instant expires) {
    return null; // a watch channel cannot be extended: Horae opens a new one and stops the old
  }

  @Override
  public void unwatch(Session session, Channel channel) throws ProviderRefusal {
    try {
      call(session, c -> c.channels().stop(new com.google.api.services.calendar.model.Channel().setId(channel.id()).setResourceId(channel.resourceId())));
    } catch (Gone gone) {
      // stopped or expired already
    }
  }

  private interface Request<T> {
    AbstractGoogleClientRequest<T> build(Calendar calendar) throws IOException;
  }

  private <T> T call(Session session, Request<T> request) throws ProviderRefusal {
    return calls.call(session, token -> {
      try {
        AbstractGoogleClientRequest<T> r = request.build(api);
        r.getRequestHeaders().setAuthorization("Bearer " + token);
        return r.execute();
      } catch (HttpResponseException e) {
        throw new ProviderCalls.Answered(e.getStatusCode(), reason(e), e.getHeaders() == null ? null : e.getHeaders().getRetryAfter());
      }
    });
  }

  private static String reason(HttpResponseException e) {
    if (e instanceof GoogleJsonResponseException g && g.getDetails() != null && g.getDetails().getErrors() != null
        && !g.getDetails().getErrors().isEmpty() && g.getDetails().getErrors().get(0).getReason() != null) {
      return g.getDetails().getErrors().get(0).getReason();
    }
    return "";
  }


}
