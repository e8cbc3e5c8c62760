package dev.horae.connection.oauth;

import dev.horae.connection.account.Calendar;
import dev.horae.connection.account.CalendarAccount;
import dev.horae.connection.account.Change;
import dev.horae.connection.account.Changes;
import dev.horae.connection.account.DedicatedCalendar;
import dev.horae.connection.account.ExportCalendar;
import dev.horae.connection.account.Outgoing;
import dev.horae.connection.account.ProviderRefusal;
import dev.horae.connection.account.Window;
import dev.horae.connection.account.Written;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Google or Microsoft account as a {@link CalendarAccount}: the provider's adapter over the
 * connection's tokens. Changes come from the stored sync token or delta link; one the provider
 * refuses (410) starts over with a full listing. The dedicated calendar is found again by its name,
 * since providers choose calendar ids.
 */
final class OAuthAccount implements CalendarAccount {
  private final OAuthAccounts adapter;
  private final OAuthAccounts.Session session;
  private final Runnable revoke;

  OAuthAccount(OAuthAccounts adapter, OAuthAccounts.Session session, Runnable revoke) {
    this.adapter = adapter;
    this.session = session;
    this.revoke = revoke;
  }

  @Override
  public List<Calendar> calendars() throws ProviderRefusal {
    return adapter.calendars(session);
  }

  /** Google names the primary calendar after the account's address. */
  @Override
  public String owner(List<Calendar> calendars) {
    return calendars.stream().filter(Calendar::primary).map(Calendar::id).filter(id -> id.contains("@")).findFirst().orElse(null);
  }

  /** The adapters map declined invitations onto {@code TRANSP} themselves. */
  @Override
  public String attendee() {
    return null;
  }

  @Override
  public Changes changes(Calendar calendar, Changes.Since since, Window window) throws ProviderRefusal {
    Changes got;
    try {
      got = adapter.changes(session, calendar.id(), since.cursor(), window.from(), window.to());
    } catch (ProviderRefusal refused) {
      if (refused.reason() != ProviderRefusal.Reason.SYNC_TOKEN_EXPIRED || since.cursor() == null) {
        throw refused;
      }
      got = adapter.changes(session, calendar.id(), null, window.from(), window.to());
    }
    if (got.full()) {
      return got; // everything again: the window moved, so every series is expanded anew
    }
    Map<String, String> known = since.known();
    List<Change> changed = got.changes().stream()
        .filter(change -> !(change instanceof Change.Member m) || !m.etag().equals(known.get(m.ref()))).toList();
    return new Changes(changed, got.cursor(), false);
  }

  @Override
  public Optional<DedicatedCalendar> dedicated() {
    return Optional.of(new DedicatedCalendar() {
      @Override
      public String identity(String name) {
        return name;
      }

      @Override
      public String find(String claim, List<Calendar> calendars) {
        return calendars.stream().filter(cal -> !cal.primary() && claim.equals(cal.name())).map(Calendar::id).min(Comparator.naturalOrder()).orElse(null);
      }

      @Override
      public String create(String claim, String name) throws ProviderRefusal {
        return adapter.createCalendar(session, claim);
      }
    });
  }

  @Override
  public ExportCalendar exportTo(String calendarId) {
    return new ExportCalendar() {
      @Override
      public String ref(String eventId) {
        return adapter.ref(eventId);
      }

      @Override
      public Map<String, String> etags() throws ProviderRefusal {
        return adapter.exported(session, calendarId);
      }

      @Override
      public Written put(String ref, Outgoing event, String ifMatch) throws ProviderRefusal {
        return adapter.put(session, calendarId, ref, event, ifMatch);
      }

      @Override
      public String etag(String ref) throws ProviderRefusal {
        return adapter.etag(session, calendarId, ref);
      }

      @Override
      public void delete(String ref) throws ProviderRefusal {
        adapter.delete(session, calendarId, ref);
      }
    };
  }

  @Override
  public Optional<Push> push() {
    return Optional.of(new Push() {
      @Override
      public Channel watch(String calendarId, String channelId, String address, String token, Instant expires) throws ProviderRefusal {
        return adapter.watch(session, calendarId, channelId, address, token, expires);
      }

      @Override
      public Channel renew(Channel channel, Instant expires) throws ProviderRefusal {
        return adapter.renew(session, channel, expires);
      }

      @Override
      public void unwatch(Channel channel) throws ProviderRefusal {
        adapter.unwatch(session, channel);
      }
    });
  }

  @Override
  public void revoke() {
    revoke.run();
  }
}
