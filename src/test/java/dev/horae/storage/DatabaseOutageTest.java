package dev.horae.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.TransactionSystemException;

/** What the cluster test met during a PostgreSQL restart is an outage (503); a bug or bad data is not. */
class DatabaseOutageTest {
  @Test
  void connection_failures_shutdowns_and_failed_rollbacks_after_them_are_outages() {
    assertThat(DatabaseOutage.causedBy(new CannotGetJdbcConnectionException("no connection"))).isTrue();
    assertThat(DatabaseOutage.causedBy(new UncategorizedSQLException("x", "select 1", new SQLException("terminating", "57P01")))).isTrue();
    assertThat(DatabaseOutage.causedBy(new RuntimeException(new SQLException("I/O error", "08006")))).isTrue();
    assertThat(DatabaseOutage.causedBy(new SQLException("Connection is closed"))).isTrue();
    TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));
    assertThat(DatabaseOutage.causedBy(rollback)).isTrue();
    TransactionSystemException afterOutage = new TransactionSystemException("JDBC rollback failed", new SQLException("other"));
    afterOutage.initApplicationException(new UncategorizedSQLException("x", "insert", new SQLException("terminating", "57P01")));
    assertThat(DatabaseOutage.causedBy(afterOutage)).isTrue();
  }

  @Test
  void constraint_violations_and_bugs_are_not() {
    assertThat(DatabaseOutage.causedBy(new DataIntegrityViolationException("duplicate", new SQLException("dup", "23505")))).isFalse();
    assertThat(DatabaseOutage.causedBy(new IllegalStateException("bug"))).isFalse();
    assertThat(DatabaseOutage.causedBy(new SQLException("syntax", "42601"))).isFalse();
    assertThat(DatabaseOutage.causedBy(new SQLException("Connection is closing"))).isFalse();
  }
}
