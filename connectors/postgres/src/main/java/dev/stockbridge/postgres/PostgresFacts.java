package dev.stockbridge.postgres;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Read-only facts about a store for status displays: who holds a lease, how much a store holds.
 * Each call is one short query on the store's pool and competes for nothing. Thread-safe.
 */
public final class PostgresFacts {

  /**
   * A lease row as the database shows it now.
   *
   * @param holder the last holder's name
   * @param token its fencing token
   * @param expiresAt when its holding ends unless renewed (the database's clock)
   * @param live whether it has not expired yet: someone holds the lease
   */
  public record Holding(String holder, long token, Instant expiresAt, boolean live) {}

  private final DataSource dataSource;

  PostgresFacts(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * The row of a lease, live or expired.
   *
   * @param name the lease's name, e.g. {@code "sync"}
   * @return the row, or empty if no instance ever competed for it
   */
  public Optional<Holding> lease(String name) {
    return Sql.transaction(dataSource, "read lease " + name, c -> {
      try (PreparedStatement s = c.prepareStatement(
          "SELECT holder, token, expires_at, expires_at >= now() FROM lease WHERE name = ?")) {
        s.setString(1, name);
        try (ResultSet row = s.executeQuery()) {
          return row.next()
              ? Optional.of(new Holding(row.getString(1), row.getLong(2),
                  row.getTimestamp(3).toInstant(), row.getBoolean(4)))
              : Optional.empty();
        }
      }
    });
  }

  /**
   * Whether the receipt ledger has never recorded a receipt: the planner flow's baseline test.
   *
   * @return true if it is empty
   */
  public boolean receiptsEmpty() {
    return count("SELECT count(*) FROM (SELECT 1 FROM receipt_line LIMIT 1) AS any_line") == 0;
  }

  /**
   * How many demand lines the demand store holds.
   *
   * @return the count
   */
  public long demandLines() {
    return count("SELECT count(*) FROM demand_line");
  }

  /**
   * How many movements the journal holds.
   *
   * @return the count
   */
  public long movements() {
    return count("SELECT count(*) FROM journal_record WHERE record_type = 'M'");
  }

  /**
   * Whether the journal holds nothing: no record and no summary a compaction left.
   *
   * @return whether it is empty
   * @throws PostgresStoreException if the database fails
   */
  public boolean journalEmpty() {
    return count("SELECT (SELECT count(*) FROM (SELECT 1 FROM journal_record LIMIT 1) r)"
        + " + (SELECT count(*) FROM (SELECT 1 FROM journal_summary LIMIT 1) s)") == 0;
  }

  /**
   * The keys compaction summarised (their applied history folded into one row each).
   *
   * @return the count
   * @throws PostgresStoreException if the database fails
   */
  public long compactedKeys() {
    return count("SELECT count(*) FROM journal_summary");
  }

  private long count(String sql) {
    return Sql.transaction(dataSource, "count rows", c -> {
      try (PreparedStatement s = c.prepareStatement(sql); ResultSet row = s.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    });
  }
}
