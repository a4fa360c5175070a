package dev.stockbridge.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockbridge.Movement;
import dev.stockbridge.flow.Checkpoints;
import dev.stockbridge.flow.OrderQuarantine;
import dev.stockbridge.flow.QuarantinedOrder;
import dev.stockbridge.flow.RejectedOrder;
import dev.stockbridge.mapping.VariantId;
import dev.stockbridge.reconcile.ExceptionStatus;
import dev.stockbridge.reconcile.ExceptionTracker;
import dev.stockbridge.spi.MovementJournal;
import dev.stockbridge.spi.MovementJournalContract;
import dev.stockbridge.spi.StockException;
import dev.stockbridge.StockKey;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The store at its edges: a fresh and a reopened database, two stores at once, a crash mid-transaction. */
class PostgresStoreTest {

  private static final Instant T0 = Instant.parse("2026-11-27T09:00:00.123456789Z");

  @RegisterExtension final TestStores stores = new TestStores();

  private PostgresStore open() {
    return stores.open();
  }

  @Test
  void shouldMigrateToTheCurrentSchema_whenTheDatabaseIsFresh() throws Exception {
    PostgresStore store = open();

    assertThat(store.schemaVersion()).isEqualTo("2.2");
    assertThat(tables(store)).contains("journal_record", "demand_line", "tracked_exception",
        "receipt_line", "quarantined_order", "checkpoint", "lease", "order_ledger", "journal_summary", "journal_summary_units", "stockbridge_schema_history");
  }

  @Test
  void shouldKeepEveryStoresState_whenReopened() {
    PostgresStore first = open();
    first.journal().append(List.of(MovementJournalContract.movement("TEE", 1)));
    first.receipts().record("po-1", VariantId.of("v1"), 4);
    first.quarantine().hold(new RejectedOrder("o-1", "unmapped SKU X"), T0);
    first.checkpoints().setOnce("orders.start", T0);
    first.close();

    PostgresStore again = open();

    assertThat(again.schemaVersion()).isEqualTo("2.2");
    assertThat(MovementJournalContract.replay(again.journal()))
        .containsExactly(MovementJournalContract.movement("TEE", 1));
    assertThat(again.receipts().received("po-1", VariantId.of("v1"))).isEqualTo(4);
    assertThat(again.quarantine().held())
        .containsExactly(new QuarantinedOrder("o-1", "unmapped SKU X", T0, T0, 1));
    assertThat(again.checkpoints().get("orders.start")).contains(T0);
  }

  @Test
  void shouldHoldOldestFirstAndCountAttempts_whenAnOrderIsHeldAgain() {
    OrderQuarantine quarantine = open().quarantine();
    quarantine.hold(new RejectedOrder("o-2", "p"), T0.plusSeconds(5));
    quarantine.hold(new RejectedOrder("o-1", "first"), T0);
    quarantine.hold(new RejectedOrder("o-1", "second"), T0.plusSeconds(9));
    quarantine.release("o-2");
    quarantine.release("unknown");

    assertThat(quarantine.held())
        .containsExactly(new QuarantinedOrder("o-1", "second", T0, T0.plusSeconds(9), 2));
  }

  @Test
  void shouldKeepTheFirstInstant_whenACheckpointIsSetTwice() {
    Checkpoints checkpoints = open().checkpoints();

    assertThat(checkpoints.get("orders.start")).isEmpty();
    assertThat(checkpoints.setOnce("orders.start", T0)).isEqualTo(T0);
    assertThat(checkpoints.setOnce("orders.start", T0.plusSeconds(60))).isEqualTo(T0);
    assertThat(open().checkpoints().get("orders.start")).contains(T0);
  }

  @Test
  void shouldReplaceInstants_whenCheckpointsAreSet_forAnotherProcessToRead() {
    Checkpoints checkpoints = open().checkpoints();
    checkpoints.setOnce("orders.start", T0);

    checkpoints.set(java.util.Map.of("flows.orders.lastSuccess", T0.plusSeconds(60), "flows.orders.lastRun", T0.plusSeconds(60)));
    checkpoints.set(java.util.Map.of("flows.orders.lastRun", T0.plusSeconds(120)));

    Checkpoints other = open().checkpoints();
    assertThat(other.get("flows.orders.lastSuccess")).contains(T0.plusSeconds(60));
    assertThat(other.get("flows.orders.lastRun")).contains(T0.plusSeconds(120));
    assertThat(other.get("orders.start")).contains(T0);
  }

  @Test
  void shouldLoseNoUpdate_whenTwoStoresChangeTheSameRowsConcurrently() throws Exception {
    PostgresStore a = open();
    PostgresStore b = open();
    Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    ExceptionTracker trackerA = a.exceptions(clock);
    ExceptionTracker trackerB = b.exceptions(clock);
    StockKey key = StockKey.of("MUG", "london");
    int perStore = 60;

    runConcurrently(
        () -> {
          for (int i = 0; i < perStore; i++) {
            trackerA.raise(new StockException("ENTRY_NOT_FOUND", key, List.of(), "no entry", T0));
            a.quarantine().hold(new RejectedOrder("o-1", "a" + i), T0);
            a.receipts().record("po", VariantId.of("v"), i * 2);
          }
          return null;
        },
        () -> {
          for (int i = 0; i < perStore; i++) {
            trackerB.raise(new StockException("ENTRY_NOT_FOUND", key, List.of(), "no entry", T0));
            b.quarantine().hold(new RejectedOrder("o-1", "b" + i), T0);
            b.receipts().record("po", VariantId.of("v"), i * 2 + 1);
          }
          return null;
        });

    assertThat(trackerA.list(EnumSet.allOf(ExceptionStatus.class)))
        .singleElement().satisfies(t -> assertThat(t.occurrences()).isEqualTo(2L * perStore));
    assertThat(a.quarantine().held()).singleElement()
        .satisfies(q -> assertThat(q.attempts()).isEqualTo(2 * perStore));
    assertThat(b.receipts().received("po", VariantId.of("v"))).isEqualTo(2L * perStore - 1);
  }

  @Test
  void shouldSeeAnAcknowledgement_whenAnotherProcessMadeIt() {
    Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    ExceptionTracker sync = open().exceptions(clock);
    ExceptionTracker reconcile = open().exceptions(clock);
    StockKey key = StockKey.of("MUG", "london");
    sync.raise(new StockException("ENTRY_NOT_FOUND", key, List.of(), "no entry", T0));
    String id = sync.list(EnumSet.of(ExceptionStatus.OPEN)).get(0).id();

    reconcile.acknowledge(id, "ana");

    assertThat(sync.find(id)).get().satisfies(t -> {
      assertThat(t.status()).isEqualTo(ExceptionStatus.ACKNOWLEDGED);
      assertThat(t.actor()).contains("ana");
    });
    assertThatThrownBy(() -> sync.resolve("unknown", "ana")).hasMessageContaining("unknown");
  }

  @Test
  void shouldKeepNoChangeOfABatch_whenOneOfItsChangesThrows() {
    ExceptionTracker tracker = open().exceptions(Clock.fixed(T0, ZoneOffset.UTC));
    StockKey key = StockKey.of("MUG", "london");

    assertThatThrownBy(() -> tracker.batch(t -> {
      t.raise(new StockException("ENTRY_NOT_FOUND", key, List.of(), "no entry", T0));
      return t.acknowledge("unknown", "ana");
    })).hasMessageContaining("unknown");
    assertThat(tracker.list(EnumSet.allOf(ExceptionStatus.class))).isEmpty();

    tracker.batch(t -> {
      t.raise(new StockException("ENTRY_NOT_FOUND", key, List.of(), "no entry", T0));
      return t.acknowledge("ENTRY_NOT_FOUND|" + key, "ana");
    });
    assertThat(open().exceptions(Clock.systemUTC()).find("ENTRY_NOT_FOUND|" + key)).get()
        .extracting(t -> t.status()).isEqualTo(ExceptionStatus.ACKNOWLEDGED);
  }

  @Test
  void shouldKeepEveryMovementOfBothJournals_whenTwoStoresAppendConcurrently() throws Exception {
    MovementJournal a = open().journal();
    MovementJournal b = open().journal();
    int each = 300;

    runConcurrently(
        () -> appendOneByOne(a, "A", each),
        () -> appendOneByOne(b, "B", each));

    List<Object> replayed = MovementJournalContract.replay(open().journal());
    assertThat(replayed).hasSize(2 * each);
    assertThat(replayed.stream().map(Movement.class::cast).filter(m -> m.sku().value().equals("A")))
        .extracting(Movement::sequence).isSorted().hasSize(each);
  }

  @Test
  void shouldCommitNothingOfTheGroup_whenTheSessionDiesBeforeCommit() throws Exception {
    PostgresStore store = open();
    // The server ends the writer's session after its inserts were sent and before COMMIT, as a
    // crash of the process or the server would: the group must leave no row behind.
    DataSource dying = dyingAtCommit(store.dataSource());
    try (PostgresJournal journal = new PostgresJournal(dying, Fence.NONE, PostgresJournalOptions.defaults())) {
      List<Movement> batch = List.of(MovementJournalContract.movement("TEE", 1),
          MovementJournalContract.movement("TEE", 2), MovementJournalContract.movement("MUG", 1));

      assertThatThrownBy(() -> journal.append(batch)).isInstanceOf(PostgresStoreException.class);
    }

    assertThat(MovementJournalContract.replay(open().journal())).isEmpty();
    try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet row = s.executeQuery("SELECT count(*) FROM journal_record")) {
      row.next();
      assertThat(row.getLong(1)).isZero();
    }
  }

  private static Void appendOneByOne(MovementJournal journal, String sku, int count) {
    for (int i = 1; i <= count; i++) {
      journal.append(List.of(MovementJournalContract.movement(sku, i)));
    }
    return null;
  }

  @SafeVarargs
  private static void runConcurrently(Callable<Void>... tasks) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(tasks.length);
    try {
      List<Future<Void>> done = new ArrayList<>();
      for (Callable<Void> task : tasks) {
        done.add(pool.submit(task));
      }
      for (Future<Void> future : done) {
        future.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  private static List<String> tables(PostgresStore store) throws Exception {
    List<String> names = new ArrayList<>();
    try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet row = s.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")) {
      while (row.next()) {
        names.add(row.getString(1));
      }
    }
    return names;
  }

  /** A data source whose connections are terminated by the server when they try to commit. */
  private static DataSource dyingAtCommit(DataSource real) {
    return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
        new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
          Object result = method.invoke(real, args);
          if (!method.getName().equals("getConnection")) {
            return result;
          }
          Connection connection = (Connection) result;
          return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
              (p, m, a) -> {
                if (m.getName().equals("commit")) {
                  try (Connection killer = real.getConnection(); Statement s = killer.createStatement()) {
                    long pid = connection.unwrap(org.postgresql.PGConnection.class).getBackendPID();
                    s.execute("SELECT pg_terminate_backend(" + pid + ", 5000)");
                    killer.commit();
                  }
                }
                try {
                  return m.invoke(connection, a);
                } catch (java.lang.reflect.InvocationTargetException e) {
                  throw e.getCause();
                }
              });
        });
  }

  @Test
  void shouldKeepAppliedMarks_butRefuseMovements_afterTheLeaseIsGivenUp() {
    PostgresStore store = open();
    PostgresLease lease = store.lease("sync", "a", java.time.Duration.ofSeconds(30));
    assertThat(lease.tryAcquire()).isTrue();
    MovementJournal journal = store.journal(lease);
    Movement tee = MovementJournalContract.movement("TEE", 1);
    journal.append(List.of(tee));

    lease.close(); // a stopping sync gives the lease up before its last marks are committed
    journal.applied(tee.key(), 1);
    journal.close(); // waits for what was queued
    try (MovementJournal fenced = store.journal(lease)) {
      assertThatThrownBy(() -> fenced.append(List.of(MovementJournalContract.movement("TEE", 2))))
          .isInstanceOf(RuntimeException.class);
    }

    List<Long> marks = new ArrayList<>();
    List<Long> sequences = new ArrayList<>();
    try (MovementJournal reopened = open().journal()) {
      reopened.replay(new MovementJournal.Visitor() {
        @Override
        public void accepted(Movement movement) {
          sequences.add(movement.sequence());
        }

        @Override
        public void applied(StockKey key, long sequence) {
          marks.add(sequence);
        }
      });
    }
    assertThat(sequences).as("the movement appended without the lease is refused").containsExactly(1L);
    assertThat(marks).as("the applied mark written after the lease was given up").containsExactly(1L);
  }
}
