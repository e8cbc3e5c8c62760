package dev.horae.connection.export;

import dev.horae.connection.Connection;
import dev.horae.connection.account.Calendar;
import dev.horae.connection.account.CalendarAccount;
import dev.horae.connection.account.DedicatedCalendar;
import dev.horae.connection.account.ProviderRefusal;
import dev.horae.schedule.FindingSchedules;
import dev.horae.shared.TenantId;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Which calendar a connection's copies go to: the account's primary calendar, or Horae's dedicated
 * one ("Horae: <schedule name>"), made exactly once. Its identity is claimed in the database before
 * it is made, so a creation retried after a crash, or racing on another node, finds the calendar the
 * first one made instead of making a second; it is recorded only if none was recorded yet.
 */
@Component
public class ExportTargets {
  private final ExportStore store;
  private final FindingSchedules schedules;
  private final TransactionTemplate transactions;

  ExportTargets(ExportStore store, FindingSchedules schedules, TransactionTemplate transactions) {
    this.store = store;
    this.schedules = schedules;
    this.transactions = transactions;
  }

  /** The dedicated calendar could not be made (something else is in the way, the provider refused): the connection is in error. */
  public static final class CreationFailed extends ProviderRefusal {
    CreationFailed(ProviderRefusal cause) {
      super(cause.reason(), cause.getMessage());
    }
  }

  /**
   * The calendar copies go to now (null when the account has no primary calendar), among {@code
   * calendars}, the account's now; {@code existing}: the dedicated calendar recorded, if any.
   */
  public String target(TenantId tenant, Connection c, List<Calendar> calendars, String existing, CalendarAccount account) throws ProviderRefusal {
    if (c.sync().primaryCalendar()) {
      return Calendar.primary(calendars.stream().filter(cal -> !cal.id().equals(existing)).toList()).map(Calendar::id).orElse(null);
    }
    if (existing != null) {
      return existing;
    }
    DedicatedCalendar creation = account.dedicated().orElseThrow(() -> new IllegalStateException("provider " + c.providerId() + " takes no copies"));
    String name = "Horae: " + schedules.get(tenant, c.scheduleId()).name();
    String claim = transactions.execute(status -> store.claimCalendar(tenant, c.id(), creation.identity(name)));
    try {
      String found = creation.find(claim, calendars);
      if (found == null) {
        found = creation.create(claim, name);
      }
      if (found == null) { // something is there already: a creation before this one made it
        found = creation.find(claim, account.calendars());
      }
      if (found == null) {
        throw new ProviderRefusal(ProviderRefusal.Reason.NOT_A_CALENDAR_SERVER, "something other than a calendar is at " + claim);
      }
      String made = found;
      return transactions.execute(status -> store.calendar(tenant, c.id(), made));
    } catch (ProviderRefusal e) {
      if (e.reason() == ProviderRefusal.Reason.BAD_CREDENTIALS || e.reason() == ProviderRefusal.Reason.RATE_LIMITED
          || e.reason() == ProviderRefusal.Reason.UNREACHABLE || e.reason() == ProviderRefusal.Reason.INTERRUPTED) {
        throw e; // a sync failure like any other: retried with backoff
      }
      throw new CreationFailed(e);
    }
  }
}
