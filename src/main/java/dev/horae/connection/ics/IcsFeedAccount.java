package dev.horae.connection.ics;

import dev.horae.connection.account.Calendar;
import dev.horae.connection.account.CalendarAccount;
import dev.horae.connection.account.Change;
import dev.horae.connection.account.Changes;
import dev.horae.connection.account.DedicatedCalendar;
import dev.horae.connection.account.ExportCalendar;
import dev.horae.connection.account.ProviderRefusal;
import dev.horae.connection.account.Window;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An ICS feed as a {@link CalendarAccount}: one read-only calendar ({@value #FEED}). Every sync is a
 * conditional GET with the validators of the last fetch (an unchanged feed is one 304 and nothing
 * else); a changed feed is split by UID and only the objects whose content changed come back,
 * those gone as removed. The daily full reconciliation fetches unconditionally and returns every
 * object (the window moved on).
 */
final class IcsFeedAccount implements CalendarAccount {
  /** An ICS feed is one calendar; this is its id. */
  static final String FEED = "feed";
  static final Calendar CALENDAR = new Calendar(FEED, "ICS feed", true, true);

  private final IcsFeeds feeds;
  private final URI url;

  IcsFeedAccount(IcsFeeds feeds, URI url) {
    this.feeds = feeds;
    this.url = url;
  }

  @Override
  public List<Calendar> calendars() {
    return List.of(CALENDAR);
  }

  @Override
  public String owner(List<Calendar> calendars) {
    return null;
  }

  @Override
  public String attendee() {
    return null;
  }

  @Override
  public Changes changes(Calendar calendar, Changes.Since since, Window window) throws ProviderRefusal {
    Validators last = Validators.decode(since.cursor());
    IcsFeeds.Fetched fetched = feeds.fetch(url, last.etag(), last.lastModified());
    if (fetched.unchanged()) {
      return Changes.none();
    }
    IcsFeeds.Split split = IcsFeeds.split(fetched.text());
    Map<String, String> known = since.known();
    List<Change> changes = new ArrayList<>();
    split.objects().forEach((uid, text) -> {
      if (window.full() || !split.hashes().get(uid).equals(known.get(uid))) {
        changes.add(new Change.Whole(uid, split.hashes().get(uid), text));
      }
    });
    known.keySet().stream().filter(uid -> !split.objects().containsKey(uid)).forEach(uid -> changes.add(new Change.Removed(uid, null)));
    return new Changes(changes, new Validators(fetched.etag(), fetched.lastModified()).encode(), false, false,
        split.name() == null ? CALENDAR.name() : split.name());
  }

  @Override
  public Optional<DedicatedCalendar> dedicated() {
    return Optional.empty();
  }

  /** A feed is read-only: the sync config cannot turn export on for it. */
  @Override
  public ExportCalendar exportTo(String calendarId) {
    throw new UnsupportedOperationException("an ICS feed takes no copies");
  }

  @Override
  public Optional<Push> push() {
    return Optional.empty();
  }

  /** The validators of a feed's last fetch, kept as the feed calendar's cursor. */
  record Validators(String etag, String lastModified) {
    static final Validators NONE = new Validators(null, null);

    String encode() {
      return (etag == null ? "" : etag) + "\n" + (lastModified == null ? "" : lastModified);
    }

    static Validators decode(String token) {
      if (token == null) {
        return NONE;
      }
      int cut = token.indexOf('\n');
      String etag = cut < 0 ? token : token.substring(0, cut);
      String modified = cut < 0 ? "" : token.substring(cut + 1);
      return new Validators(etag.isEmpty() ? null : etag, modified.isEmpty() ? null : modified);
    }
  }
}
