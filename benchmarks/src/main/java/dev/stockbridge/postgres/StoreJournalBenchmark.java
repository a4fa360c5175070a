package dev.stockbridge.postgres;

import dev.stockbridge.Location;
import dev.stockbridge.Movement;
import dev.stockbridge.MovementKind;
import dev.stockbridge.Sku;
import dev.stockbridge.journal.FileJournal;
import dev.stockbridge.spi.MovementJournal;
import dev.stockbridge.testkit.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The file journal and the PostgreSQL journal side by side in one run: movements accepted per
 * second (each submitter appends one movement at a time through the SPI and waits until it is
 * durable, as the engine does), movements per commit, and the lease take-over time after the
 * holder dies. In this package (a split package on the classpath) only to read the group
 * commit's counters and to kill a lease without releasing it, as {@code kill -9} would.
 *
 * <p>Run: {@code java -cp ... dev.stockbridge.postgres.StoreJournalBenchmark [seconds]}.
 */
public final class StoreJournalBenchmark {

  private static final Location DC = Location.of("bench-dc");

  private StoreJournalBenchmark() {}

  /**
   * Runs the benchmark and prints one table.
   *
   * @param args optionally the seconds per measurement (default 3)
   * @throws Exception if a store fails
   */
  public static void main(String[] args) throws Exception {
    Duration each = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 3);
    System.out.println("# " + TestPostgres.version());
    System.out.printf("%-10s %9s %14s %12s%n", "store", "submitters", "movements/s", "per commit");
    for (int submitters : new int[] {1, 4, 16}) {
      Path dir = Files.createTempDirectory("bench-journal");
      try (FileJournal file = FileJournal.open(dir)) {
        // The file journal counts no commits: a per-commit figure would need its internals.
        print("file", submitters, run(file, submitters, each), Double.NaN);
      } finally {
        delete(dir);
      }
      try (PostgresStore store = PostgresStore.open(config())) {
        PostgresJournal journal = store.journal();
        GroupCommit.Stats stats = journal.stats();
        double rate = run(journal, submitters, each);
        print("postgres", submitters, rate, stats.itemsPerCommit());
      }
    }
    for (Duration ttl : List.of(Duration.ofMillis(1500), Duration.ofSeconds(5))) {
      System.out.printf("take-over after the holder died, ttl %d ms: %d ms%n", ttl.toMillis(), takeOver(ttl).toMillis());
    }
  }

  private static PostgresConfig config() {
    // The embedded server defaults to synchronous_commit=off; a durable commit (WAL flushed) is
    // what the file journal's force is compared with, so every session asks for it.
    return PostgresConfig.fromEnvironment(TestPostgres.freshDatabase(), TestPostgres.USER).withPassword(null).withPoolSize(20)
        .withProperties(java.util.Map.of("options", "-c synchronous_commit=on"));
  }

  private static void print(String store, int submitters, double rate, double perCommit) {
    System.out.printf("%-10s %9d %14.0f %12s%n", store, submitters, rate, Double.isNaN(perCommit) ? "n/a" : String.format("%.1f", perCommit));
  }

  /** Movements accepted per second: each submitter appends one at a time until the time is up. */
  private static double run(MovementJournal journal, int submitters, Duration each) throws InterruptedException {
    AtomicLong accepted = new AtomicLong();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    long[] window = new long[2];
    for (int t = 0; t < submitters; t++) {
      int id = t;
      Thread thread = new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          return;
        }
        long end = window[1];
        for (long n = 1; System.nanoTime() < end; n++) {
          journal.append(List.of(movement(id, n)));
          accepted.incrementAndGet();
        }
      });
      threads.add(thread);
      thread.start();
    }
    // Warm-up is left out on purpose: the short runs are for comparing the stores, not for peaks.
    window[0] = System.nanoTime();
    window[1] = window[0] + each.toNanos();
    start.countDown();
    for (Thread thread : threads) {
      thread.join();
    }
    return accepted.get() / ((System.nanoTime() - window[0]) / 1e9);
  }

  private static Movement movement(int submitter, long n) {
    String sku = "BENCH-" + submitter + "-" + (n % 50);
    return Movement.of(MovementKind.RECEIPT, Sku.of(sku), DC, 1, "PO " + n, sku + "/" + submitter + "/" + n).withSequence(n);
  }

  /** The holder stops renewing at once (kill -9); how long until the standby holds the lease. */
  private static Duration takeOver(Duration ttl) throws InterruptedException {
    try (PostgresStore store = PostgresStore.open(config())) {
      PostgresLease active = store.lease("sync", "active", ttl);
      await(active::held, "the first holder");
      PostgresLease standby = store.lease("sync", "standby", ttl);
      long died = System.nanoTime();
      active.abandon();
      await(standby::held, "the standby");
      return Duration.ofNanos(System.nanoTime() - died);
    }
  }

  private static void await(java.util.function.BooleanSupplier held, String who) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!held.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(who + " never held the lease");
      }
      Thread.sleep(5);
    }
  }

  private static void delete(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
