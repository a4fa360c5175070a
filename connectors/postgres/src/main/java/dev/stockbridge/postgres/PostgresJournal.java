package dev.stockbridge.postgres;

import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Location;
import dev.stockbridge.Movement;
import dev.stockbridge.MovementKind;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.StockbridgeException;
import dev.stockbridge.spi.CompactedKey;
import dev.stockbridge.spi.Ledger;
import dev.stockbridge.spi.MovementJournal;
import dev.stockbridge.InventoryState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The movement journal as the table {@code journal_record}, written by group commit, and compacted
 * into per-key summaries ({@code journal_summary}, {@code journal_summary_units}) so that it holds
 * what is live, not its history. Obtained from {@link PostgresStore#journal(PostgresJournalOptions)}.
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
 * <p><b>Time stamps.</b> Every row carries the moment it was accepted, read from the options'
 * clock by the writer thread as it commits (column {@code written_at}, to the microsecond), so the
 * retention counts from the journal's clock, not the database's, and tests can fake it. Rows
 * written by earlier versions carry the database's {@code now()} of their insert.
 *
 * <p><b>Compaction.</b> Every {@link PostgresJournalOptions#compactEvery()} and after {@link
 * PostgresJournalOptions#compactAfterRows()} appended rows, on a daemon thread of its own, or when
 * {@link #compact()} is called, the journal folds every applied mark into its key's summary and
 * deletes every movement that is applied and was accepted before now minus the {@link #retention()},
 * adding its quantity to its key's units per state and raising its key's last sequence. Bounded
 * batches of positions, one transaction each; why that is safe under READ COMMITTED alongside the
 * writer, other instances' compactions and replays is in {@code JournalCompaction}. A compaction
 * that fails midway (a killed connection, a failover of the server) leaves the batches it
 * committed, each of which kept the journal's meaning, and is retried at the next interval.
 *
 * <p><b>Replay</b> reads the summaries, then the records in position order, in one REPEATABLE READ
 * read-only transaction: one snapshot, so a compaction committing meanwhile is seen entirely or not
 * at all, and no row is missed or handed twice. Summaries come first, before the movements the
 * compactions kept (the engine's visitors fold marks and summaries with max and sums, so they do not
 * depend on that order; see {@link MovementJournal.Visitor#compacted}).
 *
 * <p>Applied marks are queued behind the movements without waiting (the storefront's marker is
 * the authority); {@link #replay} and {@link #close} wait for everything queued before them.
 * Thread-safe: the group commit and the compaction lock guard their own state; {@link #close()}
 * stops the compaction thread and waits for a compaction running.
 */
public final class PostgresJournal implements MovementJournal {

  private static final Logger LOG = LoggerFactory.getLogger(PostgresJournal.class);
  private static final int MAX_PER_COMMIT = 2_000;
  private static final String INSERT =
      "INSERT INTO journal_record (record_type, sku, location, sequence, movement_kind, state_name,"
          + " state_sellable, state_on_hand, quantity, cause, idempotency_key, written_at)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  /** One row to insert: a movement, or an applied mark (movement null). */
  private record Row(Movement movement, StockKey key, long sequence) {}

  private final DataSource dataSource;
  private final Fence fence;
  private final PostgresJournalOptions options;
  private final JournalCompaction compaction;
  private final GroupCommit<Row> commits;
  private final ReentrantLock compactLock = new ReentrantLock();
  private final AtomicLong sinceCompaction = new AtomicLong();
  private final AtomicBoolean compactionQueued = new AtomicBoolean();
  private final ScheduledExecutorService compactor;
  private volatile boolean closed;
  private volatile Ledger ledger;

  PostgresJournal(DataSource dataSource, Fence fence, PostgresJournalOptions options) {
    this(dataSource, fence, options, (step, connection) -> { });
  }

  PostgresJournal(DataSource dataSource, Fence fence, PostgresJournalOptions options, JournalCompaction.Steps steps) {
    this.dataSource = dataSource;
    this.fence = fence;
    this.options = options;
    this.compaction = new JournalCompaction(dataSource, steps);
    this.commits = new GroupCommit<>("stockbridge-pg-journal", this::write, MAX_PER_COMMIT);
    this.compactor = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "stockbridge-pg-journal-compaction");
      thread.setDaemon(true);
      return thread;
    });
    long every = options.compactEvery().toMillis();
    compactor.scheduleWithFixedDelay(this::compactInBackground, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * {@inheritDoc} As configured ({@link PostgresJournalOptions#retention()}; for ever by default).
   */
  @Override
  public Optional<Duration> retention() {
    return options.retention();
  }

  /**
   * What one compaction did.
   *
   * @param marksFolded applied marks deleted and folded into their keys' summaries
   * @param movementsFolded movements deleted and folded into their keys' summaries
   * @param keysSummarised keys with a summary once it ended (every instance's compactions)
   * @param took how long it ran
   */
  public record Compacted(long marksFolded, long movementsFolded, long keysSummarised, Duration took) {}

  /**
   * Compacts now, on the calling thread, as the class description says: applied marks folded into
   * summaries, and with a retention the applied movements accepted before now minus the retention.
   * Everything this journal queued before the call (applied marks) is written first and compacted.
   * Waits for a compaction of this journal already running; another instance's may run at the same
   * time. Appends and replays go on meanwhile.
   *
   * @return what it did
   * @throws StockbridgeException if the journal is closed
   * @throws PostgresStoreException if a batch failed; what the batches before it did stays, and the
   *     journal means what it meant
   */
  public Compacted compact() {
    requireOpen();
    await(commits.submit(List.of())); // what this journal queued before (applied marks) is compacted too
    compactLock.lock();
    try {
      requireOpen();
      long started = System.nanoTime();
      Instant now = options.clock().instant();
      sinceCompaction.set(0);
      JournalCompaction.Result result = compaction.run(options.retention().map(now::minus), () -> closed);
      Compacted done = new Compacted(result.marks(), result.movements(), result.keys(),
          Duration.ofNanos(System.nanoTime() - started));
      LOG.info("PostgreSQL journal compacted in {} ms: {} applied marks and {} movements ({}) folded into summaries,"
              + " {} keys summarised, {} transactions", done.took().toMillis(), done.marksFolded(), done.movementsFolded(),
          options.retention().map(r -> "applied and accepted before " + now.minus(r)).orElse("none: kept for ever"),
          done.keysSummarised(), result.batches());
      return done;
    } finally {
      compactLock.unlock();
    }
  }

  private void compactInBackground() {
    compactionQueued.set(false);
    if (closed) {
      return;
    }
    try {
      compact();
    } catch (RuntimeException e) {
      if (!closed) {
        LOG.error("PostgreSQL journal: compaction failed; nothing was lost (each committed batch kept the journal's meaning),"
            + " it is retried at the next interval: {}", e.getMessage(), e);
      }
    }
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
    counted(rows.size());
  }

  private void counted(int rows) {
    if (sinceCompaction.addAndGet(rows) >= options.compactAfterRows() && !closed
        && compactionQueued.compareAndSet(false, true)) {
      try {
        compactor.execute(this::compactInBackground);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        compactionQueued.set(false); // closing
      }
    }
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
    counted(1);
    commits.submit(List.of(new Row(null, key, sequence))).exceptionally(e -> {
      LOG.warn("applied mark {} {} not written (replay will take longer): {}", key, sequence, e.getMessage());
      return null;
    });
  }

  /**
   * {@inheritDoc} Hands every key's summary first ({@link Visitor#compacted}), then the records in
   * append order, each movement with the moment it was accepted, all from one snapshot; streams
   * both with a cursor, so memory does not grow with the journal. The visitor may append (its
   * appends go through another connection).
   */
  @Override
  public void replay(Visitor visitor) {
    requireOpen();
    await(commits.submit(List.of()));
    Sql.transaction(dataSource, "replay the journal", connection -> {
      try (PreparedStatement snapshot = connection.prepareStatement(
          "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")) {
        snapshot.execute();
      }
      replaySummaries(connection, visitor);
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

  private static void replaySummaries(Connection connection, Visitor visitor) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT s.sku, s.location, s.last_sequence, s.applied_sequence, u.state_name, u.state_sellable, u.state_on_hand, u.units"
            + " FROM journal_summary s LEFT JOIN journal_summary_units u ON u.sku = s.sku AND u.location = s.location"
            + " ORDER BY s.sku, s.location")) {
      select.setFetchSize(1_000);
      try (ResultSet row = select.executeQuery()) {
        StockKey key = null;
        long last = 0;
        long applied = 0;
        Map<InventoryState, Long> units = new HashMap<>();
        while (row.next()) {
          StockKey next = new StockKey(Sku.of(row.getString(1)), Location.of(row.getString(2)));
          if (!next.equals(key)) {
            if (key != null) {
              visitor.compacted(new CompactedKey(key, last, applied, units));
            }
            key = next;
            last = row.getLong(3);
            applied = row.getLong(4);
            units = new HashMap<>();
          }
          String state = row.getString(5);
          long sum = row.getLong(8);
          if (state != null && sum != 0) {
            units.merge(new InventoryState(state, row.getBoolean(6), row.getBoolean(7)), sum, Long::sum);
          }
        }
        if (key != null) {
          visitor.compacted(new CompactedKey(key, last, applied, units));
        }
      }
    }
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
              + " SELECT ?, EXISTS (SELECT 1 FROM journal_record) OR EXISTS (SELECT 1 FROM journal_summary)"
              + " ON CONFLICT DO NOTHING")) {
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

  /**
   * Stops automatic compaction (a compaction running ends after its current batch), writes what is
   * queued, then refuses every call. Idempotent.
   */
  @Override
  public void close() {
    closed = true;
    compactor.shutdown(); // no further runs; one running ends at its next batch
    compactLock.lock(); // a compaction running stops at its next batch
    compactLock.unlock();
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
    // Only new movements need the lease: sequences are assigned by its holder. An applied mark
    // records what the storefront already has, so it is written even after the lease was given up
    // (a stopping sync releases it before its last marks are committed).
    boolean movements = rows.stream().anyMatch(r -> r.movement() != null);
    Sql.transaction(dataSource, "append " + rows.size() + " journal records", connection -> {
      if (movements) {
        fence.check(connection);
      }
      insert(connection, rows, OffsetDateTime.ofInstant(options.clock().instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
      return null;
    });
  }

  private static void insert(Connection connection, List<Row> rows, OffsetDateTime acceptedAt) throws SQLException {
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
        insert.setObject(12, acceptedAt);
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
    Instant acceptedAt = row.getObject("written_at", OffsetDateTime.class).toInstant();
    visitor.accepted(new Movement(MovementKind.valueOf(row.getString("movement_kind")), key.sku(),
        key.location(), state, row.getLong("quantity"), row.getString("cause"),
        row.getString("idempotency_key"), sequence), acceptedAt);
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
