package dev.horae.storage;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a failure caused by PostgreSQL being unreachable (down, restarting, the pool unable to get
 * a connection in time) from a bug: the first is a 503 that a client retries, the second a 500.
 */
public final class DatabaseOutage {
  private DatabaseOutage() {}

  /** Whether {@code failure}, or any of its causes, says the database could not be reached or was shutting down. */
  public static boolean causedBy(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof CannotCreateTransactionException || t instanceof DataAccessResourceFailureException
          || t instanceof SQLTransientConnectionException) {
        return true;
      }
      if (t instanceof SQLException sql && (unavailable(sql.getSQLState())
          // HikariCP's answer for a connection it already evicted as broken carries no SQL state
          || sql.getSQLState() == null && "Connection is closed".equals(sql.getMessage()))) {
        return true;
      }
      // a rollback that failed because the connection is gone: the failure that caused the rollback decides
      if (t instanceof TransactionSystemException tx && tx.getApplicationException() != null && tx.getApplicationException() != t
          && causedBy(tx.getApplicationException())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Class 08 (connection exception) and 57P01–57P03 (admin shutdown, crash shutdown, cannot connect
   * now: the server is starting or stopping).
   */
  static boolean unavailable(String sqlState) {
    return sqlState != null && (sqlState.startsWith("08") || sqlState.equals("57P01") || sqlState.equals("57P02")
        || sqlState.equals("57P03"));
  }
}
