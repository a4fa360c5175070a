package dev.stockbridge.postgres;

import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Location;
import dev.stockbridge.Movement;
import dev.stockbridge.MovementKind;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.StockbridgeException;
import dev.stockbridge.spi.Ledger;
import dev.stockbridge.spi.MovementJournal;
import dev.stockbridge.InventoryState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The movement journal as the table {@code journal_record}, written by group commit.
 *
 * <p><b>Isolation.</b> Each group commit is one READ COMMITTED transaction that only inserts. That
 * is enough: no transaction reads a row to decide what to write (the engine assigns sequences in
 * memory, under its own lock, before it appends), so there is no read-modify-write to lose; atomic
 * commit gives all or nothing for every batch of the group; and the order of records is the order
 * the single writer thread inserted them, kept by the identity column {@code position}. A stronger
 * level would add serialization failures without preventing any anomaly. What keeps two writers
 * from assigning the same sequences is the lease: a fenced journal checks the holder's token in
 * the same transaction ({@code SELECT ... FOR SHARE} on the lease row, so a take-over waits for
 * an append in flight and every append after it is refused).
 *
 * <p>Applied marks are queued behind the movements without waiting (the storefront's marker is
 * the authority); {@link #replay} and {@link #close} wait for everything queued before them.
 * Thread-safe.
 */
final class PostgresJournal implements MovementJournal {

  private static final Logger LOG = LoggerFactory.getLogger(PostgresJournal.class);
  private static final int MAX_PER_COMMIT = 2_000;
  private static final String INSERT =
      "INSERT INTO journal_record (record_type, sku, location, sequence, movement_kind, state_name,"
          + " state_sellable, state_on_hand, quantity, cause, idempotency_key)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  /** One row to insert: a movement, or an applied mark (movement null). */
  private record Row(Movement movement, StockKey key, long sequence) {}

  private final DataSource dataSource;
  private final Fence fence;
  private final GroupCommit<Row> commits;
  private volatile boolean closed;
  private volatile Ledger ledger;

  PostgresJournal(DataSource dataSource, Fence fence) {
    this.dataSource = dataSource;
    this.fence = fence;
    this.commits = new GroupCommit<>("stockbridge-pg-journal", this::write, MAX_PER_COMMIT);
  }

  /**
   * {@inheritDoc} Waits for the group commit that includes the batch.
   *
   * @throws InvalidValueException if a movement is null or unsequenced; nothing is appended then
   * @throws FencedException if the journal is fenced and its lease was taken over
   * @throws PostgresStoreException if the transaction failed; none of the batch is accepted
   */
  @Override
  public void append(List<Movement> movements) {
    List<Row> rows = rows(movements);
    requireOpen();
    if (rows.isEmpty()) {
      return;
    }
    await(commits.submit(rows));
  }

  /**
   * {@inheritDoc} Queued behind earlier appends; does not wait for the commit.
   *
   * @throws InvalidValueException if the key is null or the sequence negative
   */
  @Override
  public void applied(StockKey key, long sequence) {
    if (key == null) {
      throw new InvalidValueException("key", null, "must not be null");
    }
    if (sequence < 0) {
      throw new InvalidValueException("sequence", sequence, "must not be negative");
    }
    requireOpen();
    commits.submit(List.of(new Row(null, key, sequence))).exceptionally(e -> {
      LOG.warn("applied mark {} {} not written (replay will take longer): {}", key, sequence, e.getMessage());
      return null;
    });
  }

  /**
   * {@inheritDoc} Streams the table with a cursor, so memory does not grow with the journal; the
   * visitor may append (its appends go through another connection).
   */
  @Override
  public void replay(Visitor visitor) {
    requireOpen();
    await(commits.submit(List.of()));
    Sql.transaction(dataSource, "replay the journal", connection -> {
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT * FROM journal_record ORDER BY position")) {
        select.setFetchSize(1_000);
        try (ResultSet row = select.executeQuery()) {
          while (row.next()) {
            replayRow(row, visitor);
          }
        }
      }
      return null;
    });
  }

  /**
   * {@inheritDoc} Kept in the {@code ledger_identity} table, created by the first engine to ask
   * (concurrent first asks agree on one row).
   */
  @Override
  public Ledger ledger() {
    Ledger known = ledger;
    if (known != null) {
      return known;
    }
    Ledger fresh = Ledger.random(false);
    known = Sql.transaction(dataSource, "read the ledger identity", connection -> {
      // Created here rather than by a migration, so that the schema version stays the one the
      // stores are at; one row, and a journal that held records before adopts the old marker.
      try (PreparedStatement create = connection.prepareStatement(
          "CREATE TABLE IF NOT EXISTS ledger_identity (singleton BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (singleton),"
              + " id TEXT NOT NULL, adopts_legacy_marker BOOLEAN NOT NULL)")) {
        create.execute();
      }
      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO ledger_identity (id, adopts_legacy_marker)"
              + " SELECT ?, EXISTS (SELECT 1 FROM journal_record) ON CONFLICT DO NOTHING")) {
        insert.setString(1, fresh.id());
        insert.executeUpdate();
      }
      try (PreparedStatement select = connection.prepareStatement("SELECT id, adopts_legacy_marker FROM ledger_identity");
          ResultSet row = select.executeQuery()) {
        row.next();
        return new Ledger(row.getString(1), row.getBoolean(2));
      }
    });
    ledger = known;
    return known;
  }

  /** Writes what is queued, then refuses every call. Idempotent. */
  @Override
  public void close() {
    closed = true;
    commits.close();
  }

  /** Commits and movements so far, for the benchmark. */
  GroupCommit.Stats stats() {
    return commits.stats();
  }

  private void write(List<Row> rows) {
    if (rows.isEmpty()) {
      return;
    }
    Sql.transaction(dataSource, "append " + rows.size() + " journal records", connection -> {
      fence.check(connection);
      insert(connection, rows);
      return null;
    });
  }

  private static void insert(Connection connection, List<Row> rows) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
      for (Row r : rows) {
        Movement m = r.movement();
        insert.setString(1, m == null ? "A" : "M");
        insert.setString(2, r.key().sku().value());
        insert.setString(3, r.key().location().key());
        insert.setLong(4, r.sequence());
        insert.setString(5, m == null ? null : m.kind().name());
        insert.setString(6, m == null ? null : m.state().name());
        insert.setObject(7, m == null ? null : m.state().sellable());
        insert.setObject(8, m == null ? null : m.state().onHand());
        insert.setObject(9, m == null ? null : m.quantity());
        insert.setString(10, m == null ? null : m.cause());
        insert.setString(11, m == null ? null : m.idempotencyKey());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private static void replayRow(ResultSet row, Visitor visitor) throws SQLException {
    StockKey key = new StockKey(Sku.of(row.getString("sku")), Location.of(row.getString("location")));
    long sequence = row.getLong("sequence");
    if ("A".equals(row.getString("record_type"))) {
      visitor.applied(key, sequence);
      return;
    }
    InventoryState state = new InventoryState(
        row.getString("state_name"), row.getBoolean("state_sellable"), row.getBoolean("state_on_hand"));
    visitor.accepted(new Movement(MovementKind.valueOf(row.getString("movement_kind")), key.sku(),
        key.location(), state, row.getLong("quantity"), row.getString("cause"),
        row.getString("idempotency_key"), sequence));
  }

  private static List<Row> rows(List<Movement> movements) {
    if (movements == null) {
      throw new InvalidValueException("movements", null, "must not be null");
    }
    List<Row> rows = new ArrayList<>(movements.size());
    for (Movement m : movements) {
      if (m == null) {
        throw new InvalidValueException("movement", null, "must not be null");
      }
      if (m.sequence() == Movement.UNSEQUENCED) {
        throw new InvalidValueException("sequence", m.sequence(),
            "must be assigned before movement " + m.idempotencyKey() + " is journaled");
      }
      rows.add(new Row(m, m.key(), m.sequence()));
    }
    return rows;
  }

  private void requireOpen() {
    if (closed) {
      throw new StockbridgeException("the PostgreSQL journal is closed");
    }
  }

  private static void await(java.util.concurrent.CompletableFuture<Void> done) {
    try {
      done.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw new PostgresStoreException("journal write failed", e.getCause());
    }
  }
}
