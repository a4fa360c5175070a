package dev.stockbridge.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;

/**
 * One compaction of {@code journal_record} into {@code journal_summary} and {@code
 * journal_summary_units}, in transactions of at most {@link #BATCH} positions each: first every
 * applied mark is folded into its key's applied sequence, then (with a retention) every movement
 * that is applied (sequence at most its key's applied sequence) and was accepted before the
 * cutoff is deleted, its sequence raising the key's last sequence and its quantity added to the
 * units of its state.
 *
 * <p><b>Why READ COMMITTED is enough, with other compactions and with the writer.</b> Each fold is
 * one statement: a {@code DELETE ... RETURNING} in a CTE feeds the upserts, so what is added to a
 * summary is exactly the set of rows this statement deleted, no more (a row is never read in one
 * statement and deleted in another) and no less. Two compactions deleting the same row serialize
 * on its row lock; the second re-checks the row after the first commits, finds it gone and neither
 * deletes nor returns it, so a row is folded once. The upserts only raise ({@code GREATEST}) or add,
 * so their order does not matter, and they commit with the delete: a replay's snapshot sees a batch
 * either whole or not at all. The group-commit writer only inserts; a row it has not committed yet
 * is invisible to the delete and stays for the next compaction. Reading a summary staler than a
 * concurrent compaction's can only delete fewer movements, never wrong ones (applied sequences only
 * grow). An advisory transaction lock per batch keeps two compactions from deadlocking on summary
 * rows they upsert in different orders; correctness does not rest on it. Not thread-safe: {@link
 * PostgresJournal} runs one at a time per journal.
 */
final class JournalCompaction {

  /** Positions per transaction: bounds the rows one transaction deletes and the locks it holds. */
  static final int BATCH = 10_000;
  /** The advisory lock key of journal compaction batches ('SBJC'). */
  private static final long LOCK = 0x53424A43L;

  private static final String FOLD_MARKS =
      "WITH gone AS (DELETE FROM journal_record WHERE record_type = 'A' AND position >= ? AND position < ?"
          + "   RETURNING sku, location, sequence),"
          + " folded AS (INSERT INTO journal_summary AS s (sku, location, applied_sequence)"
          + "   SELECT sku, location, max(sequence) FROM gone GROUP BY sku, location ORDER BY sku, location"
          + "   ON CONFLICT (sku, location) DO UPDATE SET applied_sequence = GREATEST(s.applied_sequence, EXCLUDED.applied_sequence)"
          + "   RETURNING 1)"
          + " SELECT (SELECT count(*) FROM gone), (SELECT count(*) FROM folded)";

  private static final String FOLD_MOVEMENTS =
      "WITH gone AS (DELETE FROM journal_record r USING journal_summary s"
          + "   WHERE r.record_type = 'M' AND r.position >= ? AND r.position < ? AND r.written_at < ?"
          + "   AND s.sku = r.sku AND s.location = r.location AND r.sequence <= s.applied_sequence"
          + "   RETURNING r.sku, r.location, r.sequence, r.state_name, r.state_sellable, r.state_on_hand, r.quantity),"
          + " last AS (UPDATE journal_summary s SET last_sequence = GREATEST(s.last_sequence, g.top)"
          + "   FROM (SELECT sku, location, max(sequence) AS top FROM gone GROUP BY sku, location) g"
          + "   WHERE s.sku = g.sku AND s.location = g.location RETURNING 1),"
          + " units AS (INSERT INTO journal_summary_units AS u (sku, location, state_name, state_sellable, state_on_hand, units)"
          + "   SELECT sku, location, state_name, state_sellable, state_on_hand, sum(quantity) FROM gone"
          + "   GROUP BY sku, location, state_name, state_sellable, state_on_hand"
          + "   ORDER BY sku, location, state_name, state_sellable, state_on_hand"
          + "   ON CONFLICT (sku, location, state_name, state_sellable, state_on_hand)"
          + "   DO UPDATE SET units = u.units + EXCLUDED.units RETURNING 1)"
          + " SELECT (SELECT count(*) FROM gone), (SELECT count(*) FROM last), (SELECT count(*) FROM units)";

  /**
   * What a compaction did.
   *
   * @param marks applied marks folded into summaries
   * @param movements movements folded into summaries
   * @param keys keys with a summary after it
   * @param batches transactions it committed
   */
  record Result(long marks, long movements, long keys, int batches) {}

  /** A seam for failure tests: told each step inside its transaction; may throw to abort it. */
  @FunctionalInterface
  interface Steps {
    void step(String name, Connection connection) throws SQLException;
  }

  private final DataSource dataSource;
  private final Steps steps;

  JournalCompaction(DataSource dataSource, Steps steps) {
    this.dataSource = dataSource;
    this.steps = steps;
  }

  /**
   * Compacts what was committed when it started.
   *
   * @param cutoff movements accepted before it may go; empty to fold applied marks only
   * @param stop asked between batches; true ends the compaction early (what is done stays done)
   * @throws PostgresStoreException if a batch fails; the batches before it stay committed
   */
  Result run(Optional<Instant> cutoff, BooleanSupplier stop) {
    long[] range = Sql.transaction(dataSource, "read the journal's positions", connection -> {
      try (PreparedStatement select = connection.prepareStatement("SELECT min(position), max(position) FROM journal_record");
          ResultSet row = select.executeQuery()) {
        row.next();
        return row.getObject(1) == null ? null : new long[] {row.getLong(1), row.getLong(2) + 1};
      }
    });
    long marks = 0;
    long movements = 0;
    int batches = 0;
    if (range != null) {
      // Marks first, over the whole range: a mark written after a movement still lets it go now.
      for (long from = range[0]; from < range[1] && !stop.getAsBoolean(); from += BATCH) {
        marks += batch(FOLD_MARKS, from, Math.min(from + BATCH, range[1]), null);
        batches++;
      }
      if (cutoff.isPresent()) {
        OffsetDateTime before = OffsetDateTime.ofInstant(cutoff.get(), ZoneOffset.UTC);
        for (long from = range[0]; from < range[1] && !stop.getAsBoolean(); from += BATCH) {
          movements += batch(FOLD_MOVEMENTS, from, Math.min(from + BATCH, range[1]), before);
          batches++;
        }
      }
    }
    long keys = Sql.transaction(dataSource, "count the journal's summaries", connection -> {
      try (PreparedStatement select = connection.prepareStatement("SELECT count(*) FROM journal_summary");
          ResultSet row = select.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    });
    return new Result(marks, movements, keys, batches);
  }

  private long batch(String sql, long from, long to, OffsetDateTime before) {
    String what = before == null ? "fold applied marks" : "fold applied movements";
    return Sql.transaction(dataSource, what + " at positions " + from + " to " + to, connection -> {
      try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
        lock.setLong(1, LOCK);
        lock.execute();
      }
      long folded;
      try (PreparedStatement fold = connection.prepareStatement(sql)) {
        fold.setLong(1, from);
        fold.setLong(2, to);
        if (before != null) {
          fold.setObject(3, before);
        }
        try (ResultSet row = fold.executeQuery()) {
          row.next();
          folded = row.getLong(1);
        }
      }
      steps.step(before == null ? "marks" : "movements", connection);
      return folded;
    });
  }
}
