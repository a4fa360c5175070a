package dev.stockbridge.benchmarks;

import dev.stockbridge.Channel;
import dev.stockbridge.Location;
import dev.stockbridge.Sku;
import dev.stockbridge.demand.DemandKind;
import dev.stockbridge.demand.DemandLine;
import dev.stockbridge.demand.DemandStore;
import dev.stockbridge.demand.FileDemandStore;
import dev.stockbridge.demand.HeapIndexDemandStore;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Reopen time and retained heap of the file demand store after N rows, with its index on disk,
 * beside the store as it was before (its whole index in memory, rebuilt from the log on every open:
 * {@link HeapIndexDemandStore}) on the same log. Not JMH, for the reasons {@link
 * JournalStartupBenchmark} gives. Not a test.
 *
 * <p>Generation: N order lines (ids {@code order/<n>/<line>}, two lines an order, 37 s apart, SKUs
 * drawn from 10,000) put through {@link FileDemandStore#put} in batches of 10,000;
 * after each batch, 5 % of the rows already stored are stored again with a later update time (an
 * edited order), so the log holds about 1.05 N records. Then one clean close.
 *
 * <p>Measurement, in a fresh JVM ({@code -Xmx1g}, default G1) per figure: open the store five
 * times in a row (the first cold, the median and range of the other four), then the heap still
 * used after three {@code System.gc()} with the last store open (retained), the heap pools' peak,
 * and the time of one incremental read (the rows updated in the last simulated day). For the disk
 * index also: the index file deleted, one open that rebuilds it.
 */
public final class DemandStoreStartupBenchmark {

  private static final int BATCH = 10_000;
  private static final int SKUS = 10_000;
  private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
  private static final Location DC = Location.of("london-dc");

  private DemandStoreStartupBenchmark() {}

  /**
   * Runs the figures named on the command line, each a row count: generate once, then measure the
   * disk index and the baseline on the same log; {@code disk:N} measures the disk index only (the
   * baseline needs about 190 MiB of heap per million rows, more than 1 GiB past 5 M).
   *
   * @param args e.g. {@code 100000 1000000 disk:10000000}
   * @throws Exception if a run fails
   */
  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("open")) {
      open(args[1], Path.of(args[2]), Instant.parse(args[3]));
      return;
    }
    System.out.println("JDK " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
        + ", " + Runtime.getRuntime().availableProcessors() + " CPUs");
    for (String figure : args) {
      boolean baseline = !figure.startsWith("disk:");
      long rows = Long.parseLong(figure.substring(figure.indexOf(':') + 1));
      Path directory = Files.createTempDirectory("demand-startup-");
      try {
        Path log = directory.resolve("demand.log");
        long t0 = System.nanoTime();
        Instant lastDay = generate(log, rows);
        long generated = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("%,12d rows: generated in %,d ms; log %,d bytes, index %,d bytes%n", rows, generated,
            Files.size(log), Files.size(directory.resolve("demand.log.index")));
        System.out.printf("  disk index: %s%n", StartupRuns.inFreshJvm(DemandStoreStartupBenchmark.class, "open:", "open", "disk", log.toString(), lastDay.toString()));
        if (baseline) {
          System.out.printf("  baseline:   %s%n", StartupRuns.inFreshJvm(DemandStoreStartupBenchmark.class, "open:", "open", "heap", log.toString(),
              lastDay.toString()));
        }
      } finally {
        delete(directory);
      }
    }
  }

  /** Puts the rows; returns the start of the last simulated day, for the incremental read. */
  static Instant generate(Path log, long rows) {
    SplittableRandom random = new SplittableRandom(13);
    Instant end = START;
    try (FileDemandStore store = FileDemandStore.open(log)) {
      List<DemandLine> batch = new ArrayList<>(BATCH);
      for (long n = 0; n < rows; n++) {
        Instant created = START.plusSeconds(37 * n);
        batch.add(row(1_000_000 + n / 2, (int) (n % 2), random.nextInt(SKUS), created, created.plusSeconds(60)));
        end = created;
        if (batch.size() == BATCH || n == rows - 1) {
          store.put(batch);
          batch.clear();
          // Edits: 5 % of the rows so far stored again, updated now.
          long stored = n + 1;
          for (int i = 0; i < (int) Math.min(stored, BATCH) / 20; i++) {
            long victim = random.nextLong(stored);
            Instant was = START.plusSeconds(37 * victim);
            batch.add(row(1_000_000 + victim / 2, (int) (victim % 2), random.nextInt(SKUS), was, end));
          }
          store.put(batch);
          batch.clear();
        }
      }
    }
    return end.minusSeconds(86_400);
  }

  private static DemandLine row(long order, int line, int sku, Instant created, Instant updated) {
    String id = Long.toString(order);
    return new DemandLine("order/" + id + "/" + line, DemandKind.SALE, id, Optional.of("WEB-" + id), "line-" + line,
        Sku.of("SKU-" + sku), 1 + (sku % 3), BigDecimal.valueOf(100 + sku % 9_900, 2), BigDecimal.ZERO, "GBP",
        List.of(), DC, Optional.of(Channel.of("web-uk")), Optional.of("uk"), Optional.of("GB"), Optional.empty(),
        created, updated, Map.of());
  }

  /** In the fresh JVM: five opens, the heap with the last store open, an incremental read, a rebuild. */
  private static void open(String kind, Path log, Instant since) throws IOException {
    boolean disk = kind.equals("disk");
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    long[] millis = new long[5];
    AutoCloseable store = null;
    for (int run = 0; run < millis.length; run++) {
      close(store);
      long t0 = System.nanoTime();
      store = disk ? FileDemandStore.open(log) : HeapIndexDemandStore.open(log);
      millis[run] = (System.nanoTime() - t0) / 1_000_000;
    }
    long peak = StartupRuns.peakHeap();
    long retained = StartupRuns.retainedHeap();
    long[] count = {0};
    long t0 = System.nanoTime();
    ((DemandStore) store).forEachUpdatedSince(since, line -> count[0]++);
    long incremental = (System.nanoTime() - t0) / 1_000_000;
    close(store);
    String rebuild = "";
    if (disk) {
      Files.delete(Path.of(log + ".index"));
      t0 = System.nanoTime();
      close(FileDemandStore.open(log));
      rebuild = String.format(", rebuild of a deleted index %,d ms", (System.nanoTime() - t0) / 1_000_000);
    }
    System.out.printf("open: reopen %s, retained heap %.1f MiB, peak heap %.1f MiB, last day's %,d updated rows read in %,d ms%s%n",
        StartupRuns.coldAndWarm(millis), retained / 1048576.0, peak / 1048576.0, count[0], incremental, rebuild);
  }

  private static void close(AutoCloseable store) {
    if (store != null) {
      try {
        store.close();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static void delete(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
