package dev.stockbridge.benchmarks;

import dev.stockbridge.InventoryState;
import dev.stockbridge.Location;
import dev.stockbridge.Movement;
import dev.stockbridge.MovementKind;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.simulation.MutableClock;
import dev.stockbridge.spi.MovementJournal;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * What the start-up benchmarks share: the journal workload they start from, the fresh JVM each
 * figure is measured in, and the CPU's name for the results.
 */
final class StartupRuns {

  /** The workload's keys: 10,000 SKUs at one location. */
  static final int SKUS = 10_000;
  static final Location DC = Location.of("dc");
  /** Movements per append, each followed by the applied marks of its keys. */
  static final int BATCH = 10_000;
  /** The fake clock moves one day per 100,000 movements. */
  static final Duration PER_MOVEMENT = Duration.ofDays(1).dividedBy(100_000);

  private StartupRuns() {}

  /**
   * Appends a shop's movements (94 % order lines of 1–3 units, 6 % receipts) on the workload's
   * keys, in batches each followed by its keys' applied marks, moving the clock as it goes.
   */
  static void appendWorkload(MovementJournal journal, long movements, MutableClock clock) {
    long[] sequences = new long[SKUS];
    Sku[] skus = new Sku[SKUS];
    for (int i = 0; i < SKUS; i++) {
      skus[i] = Sku.of("SKU-" + i);
    }
    SplittableRandom random = new SplittableRandom(13);
    List<Movement> batch = new ArrayList<>(BATCH);
    Map<Integer, Long> touched = new HashMap<>();
    for (long n = 1; n <= movements; n++) {
      int sku = random.nextInt(SKUS);
      long sequence = ++sequences[sku];
      boolean receipt = random.nextInt(100) < 6;
      long quantity = receipt ? 1 + random.nextInt(20) : -(1 + random.nextInt(3));
      batch.add(new Movement(receipt ? MovementKind.RECEIPT : MovementKind.ORDER, skus[sku], DC, InventoryState.AVAILABLE,
          quantity, receipt ? "receipt " + n : "order " + n + " line 1", (receipt ? "receipt/" : "order/") + n + "/l1", sequence));
      touched.put(sku, sequence);
      if (batch.size() == BATCH || n == movements) {
        journal.append(batch);
        touched.forEach((key, applied) -> journal.applied(new StockKey(skus[key], DC), applied));
        clock.advance(PER_MOVEMENT.multipliedBy(batch.size()));
        batch.clear();
        touched.clear();
      }
    }
  }

  /**
   * Runs a benchmark's main in a fresh JVM ({@code -Xmx1g}) and returns the line it printed after
   * {@code tag}, or a line saying it failed.
   */
  static String inFreshJvm(Class<?> main, String tag, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
        "-cp", System.getProperty("java.class.path"), main.getName()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    StringBuilder out = new StringBuilder();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = reader.readLine()) != null; ) {
        if (line.startsWith(tag)) {
          out.append(line.substring(tag.length()).strip());
        }
      }
    }
    int exit = process.waitFor();
    return exit == 0 ? out.toString() : tag.replace(":", "") + " FAILED (exit " + exit + ") " + out;
  }

  /** The heap pools' peak use since the last reset, in bytes. */
  static long peakHeap() {
    return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
        .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
  }

  /** The heap still used after three full collections, in bytes: what the objects alive hold. */
  static long retainedHeap() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /**
   * Five timed runs in words: the first (cold), then the median and range of the other four.
   *
   * @param millis the five runs' times
   * @return e.g. {@code "414 ms cold, 77 ms warm (median of 4, range 66-87)"}
   */
  static String coldAndWarm(long[] millis) {
    long[] warm = Arrays.copyOfRange(millis, 1, millis.length);
    Arrays.sort(warm);
    return String.format("%,d ms cold, %,d ms warm (median of 4, range %,d-%,d)", millis[0], (warm[1] + warm[2]) / 2, warm[0], warm[3]);
  }

  /** The CPU's model name, from /proc/cpuinfo, or "?". */
  static String cpu() {
    try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
      return lines.filter(l -> l.startsWith("model name")).findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("?");
    } catch (IOException e) {
      return "?";
    }
  }
}
