package dev.horae.connection.account;

import java.util.Map;

/** One export calendar of an account, whatever the provider: where Horae writes its copies. */
public interface ExportCalendar {
  /** Where a new copy of the event goes, or null when the provider assigns it. */
  String ref(String eventId);

  /** The ETag of every copy Horae wrote there, by ref. */
  Map<String, String> etags() throws ProviderRefusal;

  /**
   * Creates ({@code ifMatch} null: only if absent, so a retry never duplicates) or replaces (only
   * while still at {@code ifMatch}); a failed precondition is {@link ProviderRefusal.Reason#PRECONDITION_FAILED}.
   */
  Written put(String ref, Outgoing event, String ifMatch) throws ProviderRefusal;

  /** The current ETag, null when gone. */
  String etag(String ref) throws ProviderRefusal;

  /** Deletes the copy (whatever its ETag); gone already is fine. */
  void delete(String ref) throws ProviderRefusal;
}
