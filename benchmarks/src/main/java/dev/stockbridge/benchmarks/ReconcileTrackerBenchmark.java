package dev.stockbridge.benchmarks;

import dev.stockbridge.reconcile.Differ;
import dev.stockbridge.reconcile.ExceptionTracker;
import dev.stockbridge.reconcile.Reconciler;
import dev.stockbridge.reconcile.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One reconciliation run over {@value #DISCREPANCIES} discrepancies, the same ones every run (the
 * steady state: each is REPEATED, its last seen and count updated), with the file exception
 * tracker beside the in-memory one. One operation is one run: diff, record every discrepancy,
 * auto-resolve. The file tracker's run is one batch: one lock, one append of 10,000 small "seen
 * again" records, one force, and every seventh run a compaction. Its file is in {@code
 * java.io.tmpdir}. Six warmup iterations: on two shared vCPUs the JIT needs about ten seconds.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 6, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ReconcileTrackerBenchmark {

  /** Discrepancies per run. */
  static final int DISCREPANCIES = 10_000;

  /** A reconciler on one tracker, its exceptions already opened by a first run. */
  @State(Scope.Benchmark)
  public static class Run {
    /** Which tracker: {@code inMemory} (the baseline) or {@code file}. */
    @Param({"inMemory", "file"})
    public String tracker;

    ReconcileTrackerWorkload workload;
    Reconciler reconciler;
    Path directory;

    /** Builds the reconciler and runs once, so every later run repeats what is open; not measured. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
      Clock clock = Clock.fixed(ReconcileTrackerWorkload.AS_OF, ZoneOffset.UTC);
      workload = ReconcileTrackerWorkload.generate(DISCREPANCIES);
      ExceptionTracker exceptions;
      if (tracker.equals("file")) {
        directory = Files.createTempDirectory("reconcile-tracker-");
        exceptions = ExceptionTracker.file(directory.resolve("exceptions.json"), clock);
      } else {
        exceptions = ExceptionTracker.inMemory(clock);
      }
      reconciler = Reconciler.builder()
          .differ(Differ.builder().clock(clock).build())
          .tracker(exceptions)
          .alerts(alert -> {})
          .clock(clock)
          .build();
      reconciler.run(workload.input());
    }

    /** Deletes the tracker's file. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
      if (directory != null) {
        try (Stream<Path> paths = Files.walk(directory)) {
          for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(path);
          }
        }
      }
    }
  }

  /**
   * One run.
   *
   * @param run the reconciler
   * @return the run's result, for JMH to consume
   */
  @Benchmark
  public RunResult reconcile(Run run) {
    return run.reconciler.run(run.workload.input());
  }
}
