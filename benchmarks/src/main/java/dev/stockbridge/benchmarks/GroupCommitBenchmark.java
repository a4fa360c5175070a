package dev.stockbridge.benchmarks;

import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import dev.stockbridge.IdempotencyKeys;
import dev.stockbridge.Location;
import dev.stockbridge.Movement;
import dev.stockbridge.MovementKind;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import dev.stockbridge.queue.Lane;
import dev.stockbridge.engine.StockEngine;
import dev.stockbridge.journal.FileJournal;
import dev.stockbridge.storefront.InMemoryStorefront;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
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
 * <p>The disk is shared and its force latency wanders, so the writers are measured interleaved:
 * all three run side by side with their own threads, and take turns in slices of 250 ms, only one
 * writing at a time, and an engine drains what it accepted and forces its applied marks before the
 * next writer's turn (outside the measured time, so neither its backlog nor its dirty pages cost the
 * next writer anything); each iteration gives every writer 8
 * slices (2 s). One warm-up iteration is not printed. Not JMH: movements per force is a count JMH
 * does not report, and the ratio within one run is what counts. Usage: {@code GroupCommitBenchmark [iterations] [directory]}.
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
   * @param args iterations (default 3), directory for the files (default {@code
   *     benchmarks/target/group-commit})
   * @throws Exception if a file or the engine fails
   */
  public static void main(String[] args) throws Exception {
    int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    Path root = Path.of(args.length > 1 ? args[1] : "benchmarks/target/group-commit");
    Files.createDirectories(root);
    int record = recordSize();
    System.out.printf(Locale.ROOT, "%-12s %8s %16s %14s %10s%n", "writer", "threads", "movements/s", "per force", "vs ideal");
    for (int threads : SUBMITTERS) {
      Path directory = Files.createTempDirectory(root, "run-" + threads + "-");
      try (FileChannel channel = FileChannel.open(directory.resolve("ideal.log"), CREATE_NEW, WRITE);
          EngineUnderTest single = new EngineUnderTest(directory.resolve("engine"), 1);
          EngineUnderTest paged = new EngineUnderTest(directory.resolve("engine-page"), PAGE)) {
        SharedForce log = new SharedForce(channel);
        byte[] bytes = new byte[record];
        List<Writer> writers =
            List.of(
                new Writer("ideal", threads, () -> log.append(bytes), 1, log::forces, () -> { }),
                new Writer("engine", threads, single::submit, 1, single.journal::forceCount, single::drain),
                new Writer("engine-page", threads, paged::submit, PAGE, paged.journal::forceCount, paged::drain));
        try {
          for (int iteration = 0; iteration <= iterations; iteration++) {
            List<Result> results = interleave(writers, 8);
            if (iteration > 0) {
              double ideal = results.get(0).perSecond();
              results.forEach(r -> System.out.println(r.row() + String.format(Locale.ROOT, " %9.2fx", r.perSecond() / ideal)));
            }
          }
        } finally {
          writers.forEach(Writer::close);
        }
      }
    }
  }

  /** Gives each writer {@code slices} turns of {@link #SLICE}, in rotation; returns what each did. */
  static List<Result> interleave(List<Writer> writers, int slices) throws InterruptedException {
    for (Writer writer : writers) {
      writer.reset();
    }
    for (int slice = 0; slice < slices; slice++) {
      for (Writer writer : writers) {
        writer.turn(SLICE);
        writer.quiesce.run(); // an engine's backlog must not steal the next writer's CPU
      }
    }
    List<Result> results = new ArrayList<>();
    for (Writer writer : writers) {
      results.add(writer.result());
    }
    return results;
  }

  static final Duration SLICE = Duration.ofMillis(250);

  /** One writer's threads, writing only during its turns. */
  private static final class Writer implements AutoCloseable {
    private final String name;
    private final int threads;
    private final int movementsPerAction;
    private final Counter forces;
    final Runnable quiesce;
    private final List<Thread> running = new ArrayList<>();
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong inFlight = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean active;
    private volatile boolean closed;
    private long ops;
    private long forced;
    private long nanos;

    Writer(String name, int threads, Action action, int movementsPerAction, Counter forces, Runnable quiesce) {
      this.name = name;
      this.quiesce = quiesce;
      this.threads = threads;
      this.movementsPerAction = movementsPerAction;
      this.forces = forces;
      for (int t = 0; t < threads; t++) {
        Thread thread = new Thread(() -> loop(action), name + "-" + t);
        thread.setDaemon(true);
        thread.start();
        running.add(thread);
      }
    }

    private void loop(Action action) {
      try {
        while (!closed) {
          if (!active) {
            Thread.sleep(1);
            continue;
          }
          inFlight.incrementAndGet();
          try {
            action.run();
            done.incrementAndGet();
          } finally {
            inFlight.decrementAndGet();
          }
        }
      } catch (Exception e) {
        failure.compareAndSet(null, e);
      }
    }

    void reset() {
      ops = 0;
      forced = 0;
      nanos = 0;
    }

    /** Writes for one slice, then waits for what was in flight to finish; counts it all. */
    void turn(Duration slice) throws InterruptedException {
      long startOps = done.get();
      long startForces = forces.get();
      long start = System.nanoTime();
      active = true;
      Thread.sleep(slice.toMillis());
      active = false;
      while (inFlight.get() > 0) {
        Thread.onSpinWait();
      }
      nanos += System.nanoTime() - start;
      ops += done.get() - startOps;
      forced += forces.get() - startForces;
      if (failure.get() != null) {
        throw new IllegalStateException(name + " failed", failure.get());
      }
    }

    Result result() {
      long movements = ops * movementsPerAction;
      return new Result(name, threads, movements / (nanos / 1e9), forced == 0 ? 0 : movements / (double) forced);
    }

    @Override
    public void close() {
      closed = true;
      for (Thread thread : running) {
        try {
          thread.join(10_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  /** A started engine over a file journal and an in-memory storefront. */
  private static final class EngineUnderTest implements AutoCloseable {
    final FileJournal journal;
    private final Path directory;
    private final StockEngine engine;
    private final int perSubmission;
    private final AtomicLong next = new AtomicLong();

    EngineUnderTest(Path directory, int perSubmission) {
      this.directory = directory;
      this.perSubmission = perSubmission;
      InMemoryStorefront storefront = new InMemoryStorefront();
      for (int k = 0; k < KEYS; k++) {
        storefront.create(new StockKey(Sku.of("GC-" + k), DC), 1_000_000_000L);
      }
      this.journal = FileJournal.open(directory);
      this.engine =
          StockEngine.builder()
              .storefront(storefront)
              .journal(journal)
              .capacity(10_000_000, Duration.ofSeconds(30))
              .batchWindow(Lane.ADJUSTMENT, Duration.ZERO)
              .build();
      engine.start();
    }

    void submit() {
      engine.submit(orders(next, perSubmission));
    }

    /**
     * Waits until the engine has written everything accepted, then forces the applied marks that
     * settlement wrote meanwhile, outside the measured time: left dirty, they would be flushed by
     * the next writer's first force (ext4 commits every file's pending data with it).
     */
    void drain() {
      try (FileChannel file = FileChannel.open(directory.resolve(FileJournal.FILE_NAME), READ)) {
        if (!engine.drain(Duration.ofMinutes(2))) {
          throw new IllegalStateException("engine did not drain");
        }
        file.force(false);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() {
      try {
        engine.drain(Duration.ofMinutes(2));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        engine.stop();
        journal.close();
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
