package dev.stockbridge.benchmarks;

import dev.stockbridge.engine.StockEngine;
import dev.stockbridge.journal.FileJournal;
import dev.stockbridge.simulation.MutableClock;
import dev.stockbridge.storefront.InMemoryStorefront;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Start-up time and retained heap of an engine on a file journal after N accepted movements, not
 * JMH (a start-up happens once per process; its heap is what stays after it). Not a test.
 *
 * <p>Generation: N movements (order decrements of 1-3 units on 10,000 SKUs at one location, 94 %
 * of them, and receipts) appended straight through {@link FileJournal#append} in batches of 10,000,
 * each batch followed by the applied marks of its keys (as the engine's settlement writes them), on
 * a {@link MutableClock} that moves one day per 100,000 movements. The journal keeps applied
 * movements for one day and compacts itself on its own thread every 32 MiB of log, as in
 * production; one last {@link FileJournal#compact()} before it closes.
 *
 * <p>Measurement, in a fresh JVM ({@code -Xmx1g}, default G1) per figure: open the journal and
 * start an engine on it (replay, recovery) on the clock at the end of the generation, five times
 * in a row; the time from before the open to after {@code start()}, the first (cold JIT) and the
 * median of the other four; then the heap still used after three {@code System.gc()} with the
 * last engine open (retained), and the heap pools' peak over the five starts.
 *
 * <p>{@code baseline}: the same workload on a journal that never compacts and keeps every
 * idempotency key ({@code retainForever}, no compaction), which is what the journal did before
 * compaction, with today's streaming recovery.
 */
public final class JournalStartupBenchmark {

  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private JournalStartupBenchmark() {}

  /**
   * Runs the figures named on the command line, each {@code compacted:N} or {@code baseline:N}.
   *
   * @param args e.g. {@code compacted:100000 compacted:10000000 baseline:100000 baseline:1000000}
   * @throws Exception if a run fails
   */
  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("start")) {
      start(Path.of(args[1]), Boolean.parseBoolean(args[2]), Instant.parse(args[3]));
      return;
    }
    System.out.println("JDK " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
        + ", " + Runtime.getRuntime().availableProcessors() + " CPUs, " + StartupRuns.cpu());
    for (String figure : args) {
      String[] parts = figure.split(":");
      boolean compacted = parts[0].equals("compacted");
      long movements = Long.parseLong(parts[1]);
      Path directory = Files.createTempDirectory("journal-startup-");
      try {
        long t0 = System.nanoTime();
        Instant end = generate(directory, movements, compacted);
        long generated = (System.nanoTime() - t0) / 1_000_000;
        long bytes = size(directory);
        String measured = StartupRuns.inFreshJvm(JournalStartupBenchmark.class, "start:", "start", directory.toString(),
            Boolean.toString(compacted), end.toString());
        System.out.printf("%-9s %,12d movements: generated in %,d ms, journal %,d bytes on disk; %s%n",
            parts[0], movements, generated, bytes, measured);
      } finally {
        delete(directory);
      }
    }
  }

  /** Appends the movements and their applied marks; returns the clock at the end. */
  static Instant generate(Path directory, long movements, boolean compacted) {
    MutableClock clock = new MutableClock(START);
    FileJournal.Builder builder = FileJournal.builder(directory).clock(clock);
    builder = compacted ? builder.retention(Duration.ofDays(1)).compactAfterBytes(32L << 20)
        : builder.retainForever().compactAfterBytes(Long.MAX_VALUE);
    try (FileJournal journal = builder.open()) {
      if (compacted) {
        journal.compact(); // past the first log, which keeps the format of before (no time stamps)
      }
      StartupRuns.appendWorkload(journal, movements, clock);
      if (compacted) {
        journal.compact();
      }
      return clock.instant();
    }
  }

  /**
   * In the fresh JVM: open and start five times (the first cold, the others with the JIT warm),
   * then measure the heap with the last engine open.
   */
  private static void start(Path directory, boolean compacted, Instant end) {
    MutableClock clock = new MutableClock(end);
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    long[] millis = new long[5];
    FileJournal journal = null;
    StockEngine engine = null;
    for (int run = 0; run < millis.length; run++) {
      if (engine != null) {
        engine.stop();
        journal.close();
      }
      FileJournal.Builder builder = FileJournal.builder(directory).clock(clock);
      builder = compacted ? builder.retention(Duration.ofDays(1)).compactAfterBytes(32L << 20)
          : builder.retainForever().compactAfterBytes(Long.MAX_VALUE);
      long t0 = System.nanoTime();
      journal = builder.open();
      engine = StockEngine.builder().storefront(new InMemoryStorefront()).journal(journal).clock(clock).build();
      engine.start();
      millis[run] = (System.nanoTime() - t0) / 1_000_000;
    }
    long peak = StartupRuns.peakHeap();
    long retained = StartupRuns.retainedHeap();
    System.out.printf("start: start-up %s, retained heap %.1f MiB, peak heap %.1f MiB%n", StartupRuns.coldAndWarm(millis),
        retained / 1048576.0, peak / 1048576.0);
    engine.stop();
    journal.close();
  }

  private static long size(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.mapToLong(p -> p.toFile().length()).sum();
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
