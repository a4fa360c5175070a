package dev.stockbridge.postgres;

import dev.stockbridge.InvalidValueException;
import dev.stockbridge.flow.Checkpoints;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Checkpoints as the table {@code checkpoint}. {@link #setOnce} inserts with {@code ON CONFLICT DO
 * NOTHING} and then reads the row in the same transaction: whichever process commits first keeps
 * its instant, and every caller gets that one back (the insert waits on a concurrent uncommitted
 * insert of the same name, so the read after it sees the winner). {@link #set} upserts instead:
 * the last writer's value stands. Thread-safe.
 */
final class PostgresCheckpoints implements Checkpoints {

  private final DataSource dataSource;

  PostgresCheckpoints(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public Optional<Instant> get(String name) {
    check(name);
    return Sql.transaction(dataSource, "read checkpoint " + name, c -> read(c, name));
  }

  @Override
  public Instant setOnce(String name, Instant at) {
    check(name);
    if (at == null) {
      throw new InvalidValueException("at", null, "must not be null");
    }
    return Sql.transaction(dataSource, "set checkpoint " + name, c -> {
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO checkpoint (name, at, at_nanos) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING")) {
        s.setString(1, name);
        Sql.setInstant(s, 2, at);
        s.executeUpdate();
      }
      return read(c, name).orElseThrow();
    });
  }

  /** Upserts every value in one transaction. */
  @Override
  public void set(Map<String, Instant> values) {
    values.forEach((name, at) -> {
      check(name);
      if (at == null) {
        throw new InvalidValueException("at", null, "must not be null");
      }
    });
    Sql.transaction(dataSource, "set checkpoints " + values.keySet(), c -> {
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO checkpoint (name, at, at_nanos) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET at = EXCLUDED.at, at_nanos = EXCLUDED.at_nanos")) {
        for (Map.Entry<String, Instant> value : new java.util.TreeMap<>(values).entrySet()) { // one lock order for every writer
          s.setString(1, value.getKey());
          Sql.setInstant(s, 2, value.getValue());
          s.addBatch();
        }
        s.executeBatch();
      }
      return null;
    });
  }

  private static Optional<Instant> read(Connection c, String name) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT at, at_nanos FROM checkpoint WHERE name = ?")) {
      s.setString(1, name);
      try (ResultSet row = s.executeQuery()) {
        return row.next() ? Optional.of(Sql.instant(row, "at")) : Optional.empty();
      }
    }
  }

  private static void check(String name) {
    if (name == null || name.isBlank()) {
      throw new InvalidValueException("name", name, "must not be blank");
    }
  }
}
