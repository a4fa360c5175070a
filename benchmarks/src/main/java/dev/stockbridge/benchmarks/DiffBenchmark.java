package dev.stockbridge.benchmarks;

import dev.stockbridge.reconcile.Differ;
import dev.stockbridge.reconcile.Discrepancy;
import dev.stockbridge.reconcile.StockRows;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Positions per second through the reconciliation {@link Differ} on 1,000,000 (SKU, location)
 * positions with 1 % discrepancies: the streaming merge over sorted sides, the hash join over
 * shuffled sides, and a naive baseline ({@link NaiveDiff}: a {@code HashMap} of records plus
 * streams) on the same shuffled sides. One operation is one position; each invocation diffs all of
 * them. Discrepancies go to a {@link Blackhole}, as a report writer would consume them. Iterations
 * last 5 s because one invocation of the slower two takes up to a second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 2, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@OperationsPerInvocation(DiffBenchmark.POSITIONS)
public class DiffBenchmark {

  /** Positions per invocation. */
  static final int POSITIONS = 1_000_000;

  /** The views, generated once per fork. */
  @State(Scope.Benchmark)
  public static class Views {
    DiffWorkload workload;
    Differ differ;

    /** Generates the views; not measured. */
    @Setup(Level.Trial)
    public void setUp() {
      workload = DiffWorkload.generate(POSITIONS, 42);
      differ = Differ.builder().clock(Clock.fixed(DiffWorkload.AS_OF, ZoneOffset.UTC)).build();
    }
  }

  /**
   * The differ over sorted sides: one pass, constant memory.
   *
   * @param views the views
   * @param out consumes the discrepancies
   * @return the number of discrepancies
   */
  @Benchmark
  public long streamingMerge(Views views, Blackhole out) {
    Consumer<Discrepancy> sink = out::consume;
    return views.differ.diffStock(
        StockRows.sorted(Arrays.asList(views.workload.sortedSource).iterator()),
        StockRows.sorted(Arrays.asList(views.workload.sortedShown).iterator()), sink).discrepancies();
  }

  /**
   * The differ over shuffled sides: the storefront side hashed, the source side streamed.
   *
   * @param views the views
   * @param out consumes the discrepancies
   * @return the number of discrepancies
   */
  @Benchmark
  public long hashJoin(Views views, Blackhole out) {
    Consumer<Discrepancy> sink = out::consume;
    return views.differ.diffStock(
        StockRows.unsorted(Arrays.asList(views.workload.shuffledSource).iterator()),
        StockRows.unsorted(Arrays.asList(views.workload.shuffledShown).iterator()), sink).discrepancies();
  }

  /**
   * The baseline over the same shuffled sides.
   *
   * @param views the views
   * @param out consumes the discrepancies
   * @return the number of discrepancies
   */
  @Benchmark
  public long naiveBaseline(Views views, Blackhole out) {
    var found = NaiveDiff.diff(views.workload.shuffledSource, views.workload.shuffledShown);
    found.forEach(out::consume);
    return found.size();
  }
}
