package dev.stockbridge.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockbridge.InventoryState;
import dev.stockbridge.Location;
import dev.stockbridge.Movement;
import dev.stockbridge.MovementKind;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.inspection.InspectionCounts;
import dev.stockbridge.journal.JournalStats;
import dev.stockbridge.simulation.MutableClock;
import dev.stockbridge.spi.CompactedKey;
import dev.stockbridge.spi.MovementJournal;
import dev.stockbridge.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Retention and compaction of the PostgreSQL journal on a fake clock, against a real server. */
class PostgresJournalCompactionTest {

  static final Location DC = Location.of("london-dc");
  static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  static final Duration RETENTION = Duration.ofDays(1);

  @RegisterExtension final TestStores stores = new TestStores();
  private final MutableClock clock = new MutableClock(T0);

  private PostgresStore open() {
    return stores.open();
  }

  /** Options on the test's clock with a one-day retention and no automatic compaction. */
  static PostgresJournalOptions options(java.time.Clock clock) {
    return PostgresJournalOptions.defaults().withClock(clock).withRetention(RETENTION)
        .withCompaction(Duration.ofDays(365), Long.MAX_VALUE);
  }

  static Movement movement(String sku, long sequence, InventoryState state, long quantity) {
    return new Movement(MovementKind.RECEIPT, Sku.of(sku), DC, state, quantity, "PO " + sequence, sku + "/" + sequence, sequence);
  }

  static StockKey key(String sku) {
    return new StockKey(Sku.of(sku), DC);
  }

  private JournalState state(MovementJournal journal) {
    return JournalState.of(journal, clock.instant().minus(RETENTION));
  }

  @Test
  void compaction_foldsAppliedMovementsOlderThanTheRetention_keepsUnappliedAndRecentOnes() {
    PostgresJournal journal = open().journal(options(clock));
    for (long s = 1; s <= 5; s++) {
      journal.append(List.of(movement("TEE", s, s % 2 == 0 ? InventoryState.INSPECTION : InventoryState.AVAILABLE, s)));
    }
    journal.append(List.of(movement("MUG", 1, InventoryState.AVAILABLE, 7), movement("MUG", 2, InventoryState.AVAILABLE, 1)));
    journal.applied(key("TEE"), 3);
    clock.advance(Duration.ofDays(2));
    journal.append(List.of(movement("CUP", 1, InventoryState.INSPECTION, 4), movement("CUP", 2, InventoryState.AVAILABLE, 1)));
    journal.applied(key("CUP"), 2);
    JournalState before = state(journal);
    Map<StockKey, Long> inspectionBefore = InspectionCounts.of(journal).all();

    PostgresJournal.Compacted done = journal.compact();

    assertThat(done.marksFolded()).isEqualTo(2);
    assertThat(done.movementsFolded()).isEqualTo(3); // TEE 1..3: applied and two days old
    assertThat(done.keysSummarised()).isEqualTo(2);
    List<Object> records = new ArrayList<>();
    List<CompactedKey> summaries = new ArrayList<>();
    journal.replay(new MovementJournal.Visitor() {
      @Override
      public void accepted(Movement movement) {
        records.add(movement.idempotencyKey());
      }

      @Override
      public void applied(StockKey key, long sequence) {
        records.add("mark " + key + " " + sequence);
      }

      @Override
      public void compacted(CompactedKey summary) {
        summaries.add(summary);
      }
    });
    assertThat(records).containsExactly("TEE/4", "TEE/5", "MUG/1", "MUG/2", "CUP/1", "CUP/2");
    assertThat(summaries).containsExactlyInAnyOrder(
        new CompactedKey(key("TEE"), 3, 3, Map.of(InventoryState.AVAILABLE, 4L, InventoryState.INSPECTION, 2L)),
        new CompactedKey(key("CUP"), 0, 2, Map.of()));
    assertThat(state(journal)).isEqualTo(before);
    assertThat(InspectionCounts.of(journal).all()).isEqualTo(inspectionBefore);
    assertThat(JournalStats.of(journal)).isEqualTo(new JournalStats(6, 4, 3));
    assertThat(journal.compact().movementsFolded()).isZero(); // nothing more to fold
  }

  @Test
  void replay_handsEachMovementTheMomentItWasAccepted_fromTheJournalsClock() {
    PostgresJournal journal = open().journal(options(clock));
    journal.append(List.of(movement("TEE", 1, InventoryState.AVAILABLE, 1)));
    clock.advance(Duration.ofMinutes(90));
    journal.append(List.of(movement("TEE", 2, InventoryState.AVAILABLE, 1)));

    assertThat(JournalState.of(journal, T0).remembered())
        .containsExactly(Map.entry("TEE/1", T0), Map.entry("TEE/2", T0.plus(Duration.ofMinutes(90))));
    assertThat(journal.retention()).contains(RETENTION);
    assertThat(open().journal().retention()).isEmpty(); // the default keeps for ever
  }

  @Test
  void compaction_withoutRetention_foldsMarksOnly() {
    PostgresJournal journal = open().journal(options(clock).keepForever());
    journal.append(List.of(movement("TEE", 1, InventoryState.AVAILABLE, 1), movement("TEE", 2, InventoryState.AVAILABLE, 1)));
    journal.applied(key("TEE"), 2);
    clock.advance(Duration.ofDays(400));
    JournalState before = state(journal);

    PostgresJournal.Compacted done = journal.compact();

    assertThat(done.marksFolded()).isEqualTo(1);
    assertThat(done.movementsFolded()).isZero();
    assertThat(state(journal)).isEqualTo(before);
    assertThat(JournalStats.of(journal).movements()).isEqualTo(2);
  }

  /** Many keys, each with {@code perKey} movements of one unit, applied up to {@code applied}. */
  static void history(PostgresJournal journal, int keys, int perKey, int applied) {
    List<Movement> batch = new ArrayList<>();
    for (int s = 1; s <= perKey; s++) {
      for (int k = 0; k < keys; k++) {
        batch.add(movement("K" + k, s, k % 3 == 0 ? InventoryState.INSPECTION : InventoryState.AVAILABLE, 1));
        if (batch.size() == 2_000) {
          journal.append(batch);
          batch = new ArrayList<>();
        }
      }
    }
    journal.append(batch);
    for (int k = 0; k < keys; k++) {
      journal.applied(key("K" + k), applied);
    }
    journal.replay(new MovementJournal.Visitor() { // waits for the marks queued
      @Override
      public void accepted(Movement movement) {}

      @Override
      public void applied(StockKey key, long sequence) {}
    });
  }

  @Test
  void twoJournalsCompactingTheSameDatabaseAtOnce_foldEveryRowOnce() throws Exception {
    PostgresJournal writer = open().journal(options(clock));
    history(writer, 100, 300, 250); // 30,000 movements: three batches of positions and more
    clock.advance(Duration.ofDays(2));
    JournalState before = state(writer);
    PostgresJournal one = open().journal(options(clock));
    PostgresJournal two = open().journal(options(clock));

    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      Future<PostgresJournal.Compacted> first = threads.submit(one::compact);
      Future<PostgresJournal.Compacted> second = threads.submit(two::compact);
      long folded = first.get(60, TimeUnit.SECONDS).movementsFolded() + second.get(60, TimeUnit.SECONDS).movementsFolded();
      assertThat(folded).isEqualTo(100 * 250);
    } finally {
      threads.shutdownNow();
    }
    assertThat(state(writer)).isEqualTo(before);
    assertThat(JournalStats.of(writer).movements()).isEqualTo(100 * 50);
  }

  @Test
  void compactionFailingMidway_leavesTheJournalMeaningWhatItMeant_andTheNextOneFinishes() {
    PostgresStore store = open();
    PostgresJournal writer = store.journal(options(clock));
    history(writer, 50, 500, 400); // 25,000 movements, three batches
    clock.advance(Duration.ofDays(2));
    JournalState before = state(writer);
    AtomicInteger batches = new AtomicInteger();
    PostgresJournal failing = store.journal(options(clock), (step, connection) -> {
      if (step.equals("movements") && batches.incrementAndGet() == 2) {
        throw new SQLException("injected failure after the second batch's delete");
      }
    });

    assertThatThrownBy(failing::compact).isInstanceOf(PostgresStoreException.class).hasMessageContaining("injected");

    assertThat(state(writer)).isEqualTo(before);
    assertThat(JournalStats.of(writer).movements()).isGreaterThan(50 * 100); // the first batch stays folded
    writer.compact();
    assertThat(state(writer)).isEqualTo(before);
    assertThat(JournalStats.of(writer).movements()).isEqualTo(50 * 100);
  }

  @Test
  void compactionWhoseSessionIsKilledMidway_leavesTheJournalMeaningWhatItMeant() {
    PostgresJournal writer = open().journal(options(clock));
    history(writer, 50, 500, 400);
    clock.advance(Duration.ofDays(2));
    JournalState before = state(writer);
    PostgresConfig config = stores.config();
    String database = config.url().substring(config.url().lastIndexOf('/') + 1);
    PostgresStore doomed = stores.open(config.withProperties(Map.of("ApplicationName", "doomed-compaction")));
    AtomicInteger batches = new AtomicInteger();
    PostgresJournal killed = doomed.journal(options(clock), (step, connection) -> {
      if (step.equals("movements") && batches.incrementAndGet() == 2) {
        // The server ends the compaction's session in the middle of its transaction.
        assertThat(TestPostgres.terminateSessions(database, Optional.of("doomed-compaction"))).isPositive();
      }
    });

    assertThatThrownBy(killed::compact).isInstanceOf(PostgresStoreException.class);

    assertThat(state(writer)).isEqualTo(before);
    assertThat(JournalStats.of(writer).movements()).isGreaterThan(50 * 100); // the first batch stays folded
    writer.compact(); // another instance finishes (the killed pool's idle connections died too)
    assertThat(state(writer)).isEqualTo(before);
    assertThat(JournalStats.of(writer).movements()).isEqualTo(50 * 100);
  }

  @Test
  void compactionConcurrentWithAppendsAndReplays_losesAndDoublesNothing() throws Exception {
    PostgresStore store = open();
    PostgresJournal writer = store.journal(options(clock)); // stamps at T0
    MutableClock later = new MutableClock(T0.plus(Duration.ofDays(10)));
    PostgresJournal compactor = open().journal(options(later)); // everything applied is past its retention
    PostgresJournal reader = open().journal(options(later));
    int keys = 20;
    int rounds = 150;
    AtomicBoolean done = new AtomicBoolean();
    List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
    ExecutorService threads = Executors.newFixedThreadPool(3);
    try {
      Future<?> appends = threads.submit(() -> {
        for (int s = 1; s <= rounds; s++) {
          List<Movement> batch = new ArrayList<>();
          for (int k = 0; k < keys; k++) {
            batch.add(movement("K" + k, s, InventoryState.AVAILABLE, 1));
          }
          writer.append(batch);
          for (int k = 0; k < keys; k++) {
            writer.applied(key("K" + k), s - 1);
          }
        }
        return null;
      });
      Future<Integer> compactions = threads.submit(() -> {
        int count = 0;
        while (!done.get()) {
          compactor.compact();
          count++;
        }
        return count;
      });
      Future<Integer> replays = threads.submit(() -> {
        int count = 0;
        while (!done.get()) {
          checkPrefix(reader, keys, problems);
          count++;
        }
        return count;
      });
      appends.get(90, TimeUnit.SECONDS);
      done.set(true);
      assertThat(compactions.get(30, TimeUnit.SECONDS)).isPositive();
      assertThat(replays.get(30, TimeUnit.SECONDS)).isPositive();
    } finally {
      done.set(true);
      threads.shutdownNow();
    }
    JournalState.of(writer, T0); // a replay waits for the marks the writer still queues
    compactor.compact();
    assertThat(problems).isEmpty();
    JournalState end = JournalState.of(reader, later.instant().minus(RETENTION));
    for (int k = 0; k < keys; k++) {
      assertThat(end.lastSequences()).containsEntry("K" + k + "@" + DC.key(), (long) rounds);
      assertThat(end.units()).containsEntry("K" + k + "@" + DC.key() + "|AVAILABLE", (long) rounds);
      assertThat(end.marks()).containsEntry("K" + k + "@" + DC.key(), (long) rounds - 1);
    }
    assertThat(end.unapplied()).hasSize(keys); // each key's last movement
    assertThat(JournalStats.of(reader).movements()).isEqualTo(keys); // all the others folded
  }

  /**
   * One replay sees, per key, a prefix 1..n of its movements (the writer commits them in order),
   * each exactly once, split between its summary and the records the compactions kept.
   */
  private static void checkPrefix(MovementJournal journal, int keys, List<String> problems) {
    Map<String, Long> folded = new java.util.HashMap<>();
    Map<String, Long> folderLast = new java.util.HashMap<>();
    Map<String, java.util.Set<Long>> kept = new java.util.HashMap<>();
    journal.replay(new MovementJournal.Visitor() {
      @Override
      public void accepted(Movement movement) {
        if (!kept.computeIfAbsent(movement.sku().value(), k -> new java.util.HashSet<>()).add(movement.sequence())) {
          problems.add("doubled " + movement.idempotencyKey());
        }
      }

      @Override
      public void applied(StockKey key, long sequence) {}

      @Override
      public void compacted(CompactedKey summary) {
        folded.put(summary.key().sku().value(), summary.units(InventoryState.AVAILABLE));
        folderLast.put(summary.key().sku().value(), summary.lastSequence());
      }
    });
    for (int k = 0; k < keys; k++) {
      String sku = "K" + k;
      java.util.Set<Long> records = kept.getOrDefault(sku, java.util.Set.of());
      long top = Math.max(folderLast.getOrDefault(sku, 0L), records.stream().mapToLong(Long::longValue).max().orElse(0));
      long count = folded.getOrDefault(sku, 0L) + records.size();
      if (count != top) {
        problems.add(sku + ": " + count + " movements replayed for sequences 1.." + top);
      }
    }
  }

  @Test
  void aVersion2DatabaseWithHistory_migratesAndCompacts() throws Exception {
    PostgresConfig config = stores.config();
    Flyway.configure().dataSource(config.url(), config.user(), null).locations("classpath:db/stockbridge")
        .table("stockbridge_schema_history").target("2.1").load().migrate();
    try (Connection c = java.sql.DriverManager.getConnection(config.url(), config.user(), null);
        Statement s = c.createStatement()) {
      // As the version before compaction wrote them: written_at by the database's clock.
      s.execute("INSERT INTO journal_record (record_type, sku, location, sequence, movement_kind, state_name, state_sellable,"
          + " state_on_hand, quantity, cause, idempotency_key)"
          + " SELECT 'M', 'OLD' || (g % 10), 'london-dc', g / 10 + 1, 'RECEIPT', CASE WHEN g % 2 = 0 THEN 'INSPECTION' ELSE 'AVAILABLE' END,"
          + " g % 2 = 1, TRUE, g % 7 + 1, 'PO', 'OLD/' || g FROM generate_series(0, 999) g");
      s.execute("INSERT INTO journal_record (record_type, sku, location, sequence)"
          + " SELECT 'A', 'OLD' || k, 'london-dc', 60 FROM generate_series(0, 9) k");
      s.execute("UPDATE journal_record SET written_at = now() - interval '30 days'");
    }
    PostgresStore store = open();
    assertThat(store.schemaVersion()).isEqualTo("2.2");
    MutableClock now = new MutableClock(Instant.now());
    PostgresJournal journal = store.journal(options(now));
    JournalState before = JournalState.of(journal, now.instant().minus(RETENTION));
    Map<StockKey, Long> inspection = InspectionCounts.of(journal).all();

    PostgresJournal.Compacted done = journal.compact();

    assertThat(done.marksFolded()).isEqualTo(10);
    assertThat(done.movementsFolded()).isEqualTo(600); // sequences 1..60 of each of the ten keys
    assertThat(JournalState.of(journal, now.instant().minus(RETENTION))).isEqualTo(before);
    assertThat(InspectionCounts.of(journal).all()).isEqualTo(inspection);
    assertThat(journal.ledger().adoptsLegacyMarker()).isTrue();
    try (Connection c = store.dataSource().getConnection(); PreparedStatement count =
        c.prepareStatement("SELECT count(*) FROM journal_record"); ResultSet row = count.executeQuery()) {
      row.next();
      assertThat(row.getLong(1)).isEqualTo(400);
    }
  }

  @Test
  void automaticCompaction_runsAfterTheConfiguredRows_andCloseStopsIt() throws Exception {
    PostgresStore store = open();
    PostgresJournal journal = store.journal(options(clock).withCompaction(Duration.ofDays(1), 50));
    for (long s = 1; s <= 60; s++) {
      journal.append(List.of(movement("TEE", s, InventoryState.AVAILABLE, 1)));
    }
    journal.applied(key("TEE"), 60);
    clock.advance(Duration.ofDays(2));
    for (long s = 61; s <= 110; s++) {
      journal.append(List.of(movement("TEE", s, InventoryState.AVAILABLE, 1)));
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (JournalStats.of(journal).movements() > 50 && System.nanoTime() < deadline) {
      Thread.sleep(20); // waiting for the journal's own thread, not for time to pass on the clock
    }
    assertThat(JournalStats.of(journal).movements()).isEqualTo(50);
    journal.close();
    assertThatThrownBy(journal::compact).hasMessageContaining("closed");
  }
}
