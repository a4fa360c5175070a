package dev.stockbridge.commercetools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockbridge.Location;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.engine.StockEngine;
import dev.stockbridge.journal.FileJournal;
import dev.stockbridge.order.OrderEvent;
import dev.stockbridge.order.OrderLine;
import dev.stockbridge.spi.StockException;
import dev.stockbridge.spi.StorefrontStock;
import dev.stockbridge.testkit.CommercetoolsMock;
import dev.stockbridge.testkit.CommercetoolsMockExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once whatever happened to the data directory, against the commercetools mock: a journal
 * restored from an old backup, a deleted data directory, two engines with data directories of their
 * own writing the same entries at once. Before ledgers had identities, each of these left new
 * orders undecremented while the counters said applied.
 */
@ExtendWith(CommercetoolsMockExtension.class)
class LedgerHistoryOnMockTest {

  private static final Location DC = Location.of("hist-a");
  private static final long INITIAL = 1_000;

  private static CommercetoolsConnector connector;
  private static MockProject project;

  @TempDir Path data;

  private final ConcurrentLinkedQueue<StockException> exceptions = new ConcurrentLinkedQueue<>();

  @BeforeAll
  static void connect(CommercetoolsMock mock) {
    connector = CommercetoolsConnector.connect(MockConfig.of(mock).build());
    project = new MockProject(connector);
    project.ensureChannels("hist-a");
  }

  @AfterAll
  static void close() {
    connector.close();
  }

  private StorefrontStock storefront() {
    return connector.storefrontStock(LocationChannels.sameKeys());
  }

  /** Runs orders through an engine over a journal directory, drained, and closes both. */
  private void run(Path directory, String prefix, int orders, Sku sku, long perOrder) throws Exception {
    try (FileJournal journal = FileJournal.open(directory)) {
      StockEngine engine = StockEngine.builder()
          .storefront(storefront())
          .journal(journal)
          .exceptionStore(exceptions::add)
          .retry(Duration.ofMillis(1), Duration.ofMillis(20), -1)
          .build();
      engine.start();
      try {
        for (int i = 0; i < orders; i++) {
          engine.submit(new OrderEvent.Placed(prefix + "-" + i, List.of(OrderLine.of("l1", sku, perOrder, DC))));
        }
        assertThat(engine.drain(Duration.ofMinutes(1))).as("drained").isTrue();
      } finally {
        engine.stop();
      }
    }
  }

  private long stock(Sku sku) {
    StockKey key = new StockKey(sku, DC);
    return storefront().read(List.of(key)).get(key).quantityOnStock();
  }

  private static Sku newSku() {
    Sku sku = Sku.of("HIST-" + UUID.randomUUID().toString().substring(0, 8));
    project.createEntry(new StockKey(sku, DC), INITIAL);
    return sku;
  }

  private static void copy(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (var files = Files.list(from)) {
      for (Path file : files.toList()) {
        Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  @Test
  void restoredJournalBackup_thenNewOrders_eachAppliedOnce() throws Exception {
    Sku sku = newSku();
    Path live = data.resolve("live");
    run(live, "before-backup", 10, sku, 1);
    Path backup = data.resolve("backup");
    copy(live, backup);
    run(live, "after-backup", 25, sku, 2); // lost with the restore: older than any feed overlap
    Files.delete(live.resolve(FileJournal.FILE_NAME));
    copy(backup, live);

    run(live, "after-restore", 40, sku, 3);

    assertThat(stock(sku)).isEqualTo(INITIAL - 10 - 50 - 120);
    assertThat(exceptions).isEmpty();
  }

  @Test
  void deletedDataDirectory_thenNewOrders_eachAppliedOnce() throws Exception {
    Sku sku = newSku();
    run(data.resolve("first"), "first", 30, sku, 1);

    run(data.resolve("new-machine"), "second", 41, sku, 3); // a new ledger: the old marks are not ours

    assertThat(stock(sku)).isEqualTo(INITIAL - 30 - 123);
    assertThat(exceptions).isEmpty();
  }

  @Test
  void twoEnginesWithSeparateDataDirectories_writingTheSameKeysAtOnce_everyKeyExact() throws Exception {
    List<Sku> skus = List.of(newSku(), newSku(), newSku());
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (String instance : List.of("one", "two")) {
        done.add(pool.submit(() -> {
          for (Sku sku : skus) {
            run(data.resolve(instance), instance + "-" + sku.value(), 20, sku, 2);
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(3, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    for (Sku sku : skus) {
      assertThat(stock(sku)).as("stock of %s", sku).isEqualTo(INITIAL - 2 * 20 * 2);
    }
    assertThat(exceptions).isEmpty();
  }
}
