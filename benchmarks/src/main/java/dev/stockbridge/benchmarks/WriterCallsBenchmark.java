package dev.stockbridge.benchmarks;

import dev.stockbridge.IdempotencyKeys;
import dev.stockbridge.Location;
import dev.stockbridge.Movement;
import dev.stockbridge.MovementKind;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.engine.EngineHealth;
import dev.stockbridge.queue.Lane;
import dev.stockbridge.engine.StockEngine;
import dev.stockbridge.journal.InMemoryJournal;
import dev.stockbridge.spi.EntryUpdate;
import dev.stockbridge.spi.StockEntry;
import dev.stockbridge.spi.StorefrontStock;
import dev.stockbridge.spi.VersionConflictException;
import dev.stockbridge.storefront.InMemoryStorefront;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * Storefront calls per applied movement where the storefront sells too, as commercetools checkouts
 * do: receipts on 20 SKUs are written while the storefront decrements the same entries, so the
 * version a writer remembers from its last write is nearly always stale by its next. Three writers
 * in the same run, on the same workload:
 *
 * <ul>
 *   <li>{@code before}: the writer as it was: the remembered entry first, a 409 re-reads, then
 *       updates (the engine of today, given a storefront whose conflicts do not say which version
 *       is current);
 *   <li>{@code read-first}: no remembered entry (an entry cache of one), so every write reads
 *       first;
 *   <li>{@code now}: the remembered entry first, and a clean 409 retried at once with the {@code
 *       currentVersion} it names.
 * </ul>
 *
 * <p>Each round the storefront sells one unit of every SKU, then one receipt per SKU is submitted
 * and drained, while a seller thread keeps selling at random in the background. Prints calls
 * (reads plus updates, as the engine paid for them), conflicts and calls per applied receipt, and
 * checks every entry ends where sales and receipts put it. Not JMH: a count, not a time. Usage:
 * {@code WriterCallsBenchmark [rounds] [iterations]}.
 */
public final class WriterCallsBenchmark {

  static final int SKUS = 20;
  static final Location DC = Location.of("bench-dc");

  private WriterCallsBenchmark() {}

  /** What one writer cost. */
  record Result(String writer, long applied, long reads, long updates, long conflicts, long calls) {
    String row() {
      return String.format(Locale.ROOT, "%-11s %8d %8d %8d %10d %8d %14.2f",
          writer, applied, reads, updates, conflicts, calls, calls / (double) applied);
    }
  }

  /**
   * Runs the writers and prints the table.
   *
   * @param args rounds (default 10, so 200 receipts) and iterations (default 3)
   * @throws Exception if the engine fails or an entry ends in the wrong place
   */
  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    System.out.printf(Locale.ROOT, "%d receipts on %d SKUs, the storefront selling the same entries%n", rounds * SKUS, SKUS);
    System.out.printf(Locale.ROOT, "%-11s %8s %8s %8s %10s %8s %14s%n",
        "writer", "applied", "reads", "updates", "409s", "calls", "calls/applied");
    for (int i = 1; i <= iterations; i++) {
      System.out.println("# iteration " + i);
      System.out.println(run("before", rounds, WriterCallsBenchmark::withoutCurrentVersion, 100_000, i).row());
      System.out.println(run("read-first", rounds, UnaryOperator.identity(), 1, i).row());
      System.out.println(run("now", rounds, UnaryOperator.identity(), 100_000, i).row());
    }
  }

  static Result run(String writer, int rounds, UnaryOperator<StorefrontStock> wrap, int cachedEntries, long seed)
      throws Exception {
    InMemoryStorefront storefront = new InMemoryStorefront();
    List<StockKey> keys = new ArrayList<>();
    for (int k = 0; k < SKUS; k++) {
      StockKey key = new StockKey(Sku.of("WC-" + k), DC);
      storefront.create(key, 1_000_000);
      keys.add(key);
    }
    AtomicLong[] sold = new AtomicLong[SKUS];
    for (int k = 0; k < SKUS; k++) {
      sold[k] = new AtomicLong();
    }
    StockEngine engine =
        StockEngine.builder()
            .storefront(wrap.apply(storefront))
            .journal(new InMemoryJournal())
            .batchWindow(Lane.ADJUSTMENT, Duration.ZERO)
            .entryCacheSize(cachedEntries)
            .retry(Duration.ofMillis(1), Duration.ofMillis(20), -1)
            .build();
    engine.start();
    AtomicBoolean selling = new AtomicBoolean(true);
    Thread seller = new Thread(() -> {
      Random random = new Random(seed);
      while (selling.get()) {
        int k = random.nextInt(SKUS);
        storefront.sell(keys.get(k), 1);
        sold[k].incrementAndGet();
        try {
          Thread.sleep(1);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
    seller.start();
    long readsBefore = storefront.reads();
    long writesBefore = storefront.writes();
    try {
      for (int round = 0; round < rounds; round++) {
        for (int k = 0; k < SKUS; k++) {
          storefront.sell(keys.get(k), 1); // a checkout since our last write to the entry
          sold[k].incrementAndGet();
        }
        List<Movement> receipts = new ArrayList<>();
        for (int k = 0; k < SKUS; k++) {
          String po = writer + "-" + round + "-" + k;
          receipts.add(Movement.of(MovementKind.RECEIPT, keys.get(k).sku(), DC, 5, po, IdempotencyKeys.of(MovementKind.RECEIPT, po)));
        }
        engine.submit(receipts);
        if (!engine.drain(Duration.ofMinutes(1))) {
          throw new IllegalStateException("engine did not drain");
        }
      }
    } finally {
      selling.set(false);
      seller.join();
      engine.stop();
    }
    for (int k = 0; k < SKUS; k++) {
      long expected = 1_000_000 - sold[k].get() + 5L * rounds;
      if (storefront.entry(keys.get(k)).quantityOnStock() != expected) {
        throw new IllegalStateException(writer + ": " + keys.get(k) + " ends at " + storefront.entry(keys.get(k)).quantityOnStock() + ", not " + expected);
      }
    }
    EngineHealth health = engine.health();
    return new Result(writer, health.applied(), storefront.reads() - readsBefore, storefront.writes() - writesBefore,
        health.conflicts(), health.storefrontCalls());
  }

  /** The storefront of before: its conflicts do not say which version is current. */
  static StorefrontStock withoutCurrentVersion(StorefrontStock storefront) {
    return new StorefrontStock() {
      @Override
      public Map<StockKey, StockEntry> read(Collection<StockKey> keys) {
        return storefront.read(keys);
      }

      @Override
      public StockEntry update(StockEntry read, EntryUpdate update) {
        try {
          return storefront.update(read, update);
        } catch (VersionConflictException e) {
          throw new VersionConflictException(e.key(), e.expectedVersion());
        }
      }
    };
  }
}
