package dev.stockbridge.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import javax.sql.DataSource;

/**
 * One transaction per call, and the instant columns' two-part form. Every store runs its work
 * through {@link #transaction}: the pool's connections are READ COMMITTED with auto-commit off, so
 * a failure anywhere rolls back everything the call wrote. Stateless.
 */
final class Sql {

  private Sql() {}

  /** Work on a connection inside a transaction. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /**
   * Runs work in one transaction and commits it; rolls back on any failure.
   *
   * @throws PostgresStoreException naming {@code what} if the database fails
   */
  static <T> T transaction(DataSource dataSource, String what, Work<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        rollbackQuietly(connection, e);
        throw e;
      }
    } catch (SQLException e) {
      throw new PostgresStoreException("could not " + what + ": " + e.getMessage(), e);
    }
  }

  static void rollbackQuietly(Connection connection, Throwable cause) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  /** Sets an instant as two parameters: timestamptz (to the microsecond) and nano-of-second. */
  static void setInstant(PreparedStatement statement, int index, Instant at) throws SQLException {
    statement.setObject(index, OffsetDateTime.ofInstant(at.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
    statement.setInt(index + 1, at.getNano());
  }

  /** Reads an instant written by {@link #setInstant}. */
  static Instant instant(ResultSet row, String column) throws SQLException {
    Instant micros = row.getObject(column, OffsetDateTime.class).toInstant();
    return Instant.ofEpochSecond(micros.getEpochSecond(), row.getInt(column + "_nanos"));
  }
}
