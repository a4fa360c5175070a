package dev.stockbridge.benchmarks;

import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.WRITE;

import dev.stockbridge.IdempotencyKeys;
import dev.stockbridge.Location;
import dev.stockbridge.Movement;
import dev.stockbridge.MovementKind;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.engine.Lane;
import dev.stockbridge.engine.StockEngine;
import dev.stockbridge.journal.FileJournal;
import dev.stockbridge.storefront.InMemoryStorefront;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit through the engine with the durable journal, beside an ideal group commit on the
 * same disk in the same run.
 *
 * <ul>
 *   <li>{@code ideal}: N threads, each appending a record the size of one journaled movement to one
 *       file and returning once it is forced, sharing forces: a write lock orders the writes, and
 *       whoever takes the force lock forces everything written so far (what {@link FileJournal}
 *       does, with nothing else around it). The ceiling for one disk.
 *   <li>{@code engine}: N threads submitting to a started {@link StockEngine} with a {@link
 *       FileJournal} and an in-memory storefront, each submission one order movement (or, with
 *       {@code page}, a page of 25 orders, as an order feed hands them over), returning once
 *       journaled. Counts movements accepted per second and movements per journal force.
 * </ul>
 *
 * <p>Each measurement runs for {@code seconds} after a warm-up of the same length; the table
 * prints each iteration. Not JMH: movements per force is a count JMH does not report, and a ratio
 * within one run is what counts. Usage: {@code GroupCommitBenchmark [iterations] [seconds] [dir]}.
 */
public final class GroupCommitBenchmark {

  static final int[] SUBMITTERS = {1, 4, 16};
  static final int PAGE = 25;
  static final int KEYS = 2_000;
  static final Location DC = Location.of("bench-dc");

  private GroupCommitBenchmark() {}

  /** One measurement. */
  record Result(String writer, int threads, double perSecond, double perForce) {
    String row() {
      return String.format(Locale.ROOT, "%-12s %8d %16.0f %14.1f", writer, threads, perSecond, perForce);
    }
  }

  /**
   * Runs the benchmark and prints the table.
   *
   * @param args iterations (default 3), seconds per measurement (default 3), directory for the
   *     files (default {@code benchmarks/target/group-commit})
   * @throws Exception if a file or the engine fails
   */
  public static void main(String[] args) throws Exception {
    int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    Duration window = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 3);
    Path root = Path.of(args.length > 2 ? args[2] : "benchmarks/target/group-commit");
    Files.createDirectories(root);
    System.out.printf(Locale.ROOT, "%-12s %8s %16s %14s%n", "writer", "threads", "movements/s", "per force");
    int run = 0;
    for (int iteration = 1; iteration <= iterations; iteration++) {
      System.out.println("# iteration " + iteration);
      for (int threads : SUBMITTERS) {
        System.out.println(ideal(root.resolve("ideal-" + run++), threads, window).row());
        System.out.println(engine(root.resolve("engine-" + run++), threads, 1, window).row());
        System.out.println(engine(root.resolve("engine-page-" + run++), threads, PAGE, window).row());
      }
    }
  }

  /** N threads appending movement-sized records to one file, sharing forces. */
  static Result ideal(Path directory, int threads, Duration window) throws Exception {
    Files.createDirectories(directory);
    try (FileChannel channel = FileChannel.open(directory.resolve("ideal.log"), CREATE_NEW, WRITE)) {
      SharedForce log = new SharedForce(channel);
      byte[] record = new byte[recordSize()];
      Result warm = measure(threads, window, () -> log.append(record), 1, log::forces);
      return new Result("ideal", threads, warm.perSecond(), warm.perForce());
    }
  }

  /** N threads submitting to the engine over the file journal. */
  static Result engine(Path directory, int threads, int perSubmission, Duration window) throws Exception {
    InMemoryStorefront storefront = new InMemoryStorefront();
    for (int k = 0; k < KEYS; k++) {
      storefront.create(new StockKey(Sku.of("GC-" + k), DC), 1_000_000_000L);
    }
    AtomicLong next = new AtomicLong();
    try (FileJournal journal = FileJournal.open(directory)) {
      StockEngine engine =
          StockEngine.builder()
              .storefront(storefront)
              .journal(journal)
              .capacity(10_000_000, Duration.ofSeconds(30))
              .batchWindow(Lane.ADJUSTMENT, Duration.ZERO)
              .build();
      engine.start();
      try {
        Result result =
            measure(threads, window, () -> engine.submit(orders(next, perSubmission)), perSubmission, journal::forceCount);
        engine.drain(Duration.ofMinutes(2));
        return new Result(perSubmission == 1 ? "engine" : "engine-page", threads, result.perSecond(), result.perForce());
      } finally {
        engine.stop();
      }
    }
  }

  private static List<Movement> orders(AtomicLong next, int count) {
    List<Movement> movements = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      long n = next.incrementAndGet();
      movements.add(
          Movement.of(MovementKind.ORDER, Sku.of("GC-" + (n % KEYS)), DC, -1, "order " + n, IdempotencyKeys.orderLine("o" + n, "l1")));
    }
    return movements;
  }

  /** The size of one journaled order movement, so that the ideal writes what the engine writes. */
  private static int recordSize() throws IOException {
    Path probe = Files.createTempDirectory("group-commit-probe");
    try (FileJournal journal = FileJournal.open(probe)) {
      long before = Files.size(probe.resolve(FileJournal.FILE_NAME));
      journal.append(List.of(orders(new AtomicLong(), 1).get(0).withSequence(1)));
      return (int) (Files.size(probe.resolve(FileJournal.FILE_NAME)) - before);
    }
  }

  @FunctionalInterface
  private interface Action {
    void run() throws Exception;
  }

  @FunctionalInterface
  private interface Counter {
    long get();
  }

  /** Warms up for one window, then counts operations and forces over the next. */
  private static Result measure(int threads, Duration window, Action action, int movementsPerAction, Counter forces)
      throws Exception {
    AtomicLong done = new AtomicLong();
    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch finished = new CountDownLatch(threads);
    List<Throwable> failures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread thread = new Thread(() -> {
        try {
          while (!stop.get()) {
            action.run();
            done.incrementAndGet();
          }
        } catch (Exception e) {
          synchronized (failures) {
            failures.add(e);
          }
        } finally {
          finished.countDown();
        }
      });
      thread.setDaemon(true);
      thread.start();
    }
    Thread.sleep(window.toMillis()); // warm-up
    long startOps = done.get();
    long startForces = forces.get();
    long start = System.nanoTime();
    Thread.sleep(window.toMillis());
    long ops = done.get() - startOps;
    long forced = forces.get() - startForces;
    double seconds = (System.nanoTime() - start) / 1e9;
    stop.set(true);
    finished.await();
    if (!failures.isEmpty()) {
      throw new IllegalStateException("a writer failed", failures.get(0));
    }
    long movements = ops * movementsPerAction;
    return new Result("", threads, movements / seconds, forced == 0 ? 0 : movements / (double) forced);
  }

  /** The ideal: appends that return once forced, sharing forces, and nothing else. */
  private static final class SharedForce {
    private final FileChannel channel;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ReentrantLock forceLock = new ReentrantLock();
    private volatile long written;
    private long forced;
    private long forceCount;

    SharedForce(FileChannel channel) {
      this.channel = channel;
    }

    void append(byte[] record) throws IOException {
      long end;
      writeLock.lock();
      try {
        ByteBuffer buffer = ByteBuffer.wrap(record);
        long position = written;
        while (buffer.hasRemaining()) {
          position += channel.write(buffer, position);
        }
        written = position;
        end = position;
      } finally {
        writeLock.unlock();
      }
      forceLock.lock();
      try {
        if (forced < end) {
          long target = written;
          channel.force(false);
          forced = target;
          forceCount++;
        }
      } finally {
        forceLock.unlock();
      }
    }

    long forces() {
      forceLock.lock();
      try {
        return forceCount;
      } finally {
        forceLock.unlock();
      }
    }
  }
}
