package dev.stockbridge.benchmarks;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import dev.stockbridge.planner.feed.AdvancedFeeds;
import dev.stockbridge.planner.feed.FeedReport;
import dev.stockbridge.planner.feed.StarterFeeds;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Order lines per second through the full-history sales-orders feed of {@value #LINES} lines, the
 * library's streaming writers against a naive string-building writer, in a fork with a 64 MB heap
 * ({@code -Xmx64m}): a writer that held the file or its rows would fail there. One operation is one
 * order line; each invocation writes the whole feed to a byte-counting sink.
 *
 * <p>Peak heap is printed after each iteration: the heap pools' peak in use (live objects plus
 * garbage not yet collected, so bounded by the heap size rather than by the writer) and the
 * largest heap left in use after any collection during the iteration (what the writer and the
 * harness keep alive).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx64m", "-Xms64m"})
@OperationsPerInvocation(SalesOrdersFeedBenchmark.LINES)
public class SalesOrdersFeedBenchmark {

  private static final double MIB = 1024 * 1024;

  /** Order lines in the feed. */
  static final int LINES = 10_000_000;

  /** The demand, the writers and the heap pools to watch. */
  @State(Scope.Thread)
  public static class Feed {

    DemandWorkload demand;
    StarterFeeds starter;
    AdvancedFeeds advanced;
    NaiveSalesOrdersWriter naive;
    List<MemoryPoolMXBean> heap;
    Set<String> heapPools;
    final AtomicLong retained = new AtomicLong();

    /** Generates 4,096 distinct lines over 2,000 SKUs and builds the writers; not measured. */
    @Setup(Level.Trial)
    public void setUp() {
      demand = new DemandWorkload(4_096, 2_000, 42);
      starter = StarterFeeds.builder(demand.mapping(), DemandWorkload.WAREHOUSE).build();
      advanced = AdvancedFeeds.builder(demand.mapping()).build();
      naive = new NaiveSalesOrdersWriter(demand.mapping(), DemandWorkload.WAREHOUSE);
      heap = ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(pool -> pool.getType() == MemoryType.HEAP)
          .collect(Collectors.toList());
      heapPools = heap.stream().map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
      for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
        ((NotificationEmitter) collector).addNotificationListener(this::afterGc, null, null);
      }
    }

    /** Records the heap still in use after a collection: what the writer keeps alive. */
    private void afterGc(Notification notification, Object handback) {
      if (notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
        GcInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()).getGcInfo();
        long used = info.getMemoryUsageAfterGc().entrySet().stream()
            .filter(pool -> heapPools.contains(pool.getKey()))
            .mapToLong(pool -> pool.getValue().getUsed())
            .sum();
        retained.accumulateAndGet(used, Math::max);
      }
    }

    /** Starts the iteration's peak afresh. */
    @Setup(Level.Iteration)
    public void resetPeaks() {
      heap.forEach(MemoryPoolMXBean::resetPeakUsage);
      retained.set(0);
    }

    /** Prints the iteration's peak heap use. */
    @TearDown(Level.Iteration)
    public void printPeaks() {
      long peak = heap.stream().map(MemoryPoolMXBean::getPeakUsage).mapToLong(MemoryUsage::getUsed).sum();
      long max = Runtime.getRuntime().maxMemory();
      System.out.printf(Locale.ROOT,
          "%n[heap] peak used %.1f MiB (garbage included), peak after GC %.1f MiB (retained), max heap %.1f MiB%n",
          peak / MIB, retained.get() / MIB, max / MIB);
    }
  }

  /**
   * The library's Starter sales-orders writer (its hand-written CSV encoder).
   *
   * @param feed the demand and writers
   * @return the bytes written
   */
  @Benchmark
  public long starterStreaming(Feed feed) {
    DemandWorkload.CountingSink sink = new DemandWorkload.CountingSink();
    FeedReport report = feed.starter.writeSalesOrders(action -> feed.demand.forEach(LINES, action), sink);
    return sink.bytes + report.rowsWritten();
  }

  /**
   * The library's Advanced sales-orders writer: 15 columns, a variant lookup per line, bundles
   * declared, cancellations folded into their sale.
   *
   * @param feed the demand and writers
   * @return the bytes written
   */
  @Benchmark
  public long advancedStreaming(Feed feed) {
    DemandWorkload.CountingSink sink = new DemandWorkload.CountingSink();
    FeedReport report = feed.advanced.writeSalesOrders(action -> feed.demand.forEach(LINES, action), sink);
    return sink.bytes + report.rowsWritten();
  }

  /**
   * The naive baseline for the Advanced sales-orders file: the same 15 columns and rules, one
   * {@code String} per row.
   *
   * @param feed the demand and writers
   * @return the bytes written
   */
  @Benchmark
  public long advancedNaiveBaseline(Feed feed) {
    DemandWorkload.CountingSink sink = new DemandWorkload.CountingSink();
    long rows = feed.naive.writeAdvanced(action -> feed.demand.forEach(LINES, action), sink);
    return sink.bytes + rows;
  }

  /**
   * The naive baseline for the Starter sales-orders file.
   *
   * @param feed the demand and writers
   * @return the bytes written
   */
  @Benchmark
  public long starterNaiveBaseline(Feed feed) {
    DemandWorkload.CountingSink sink = new DemandWorkload.CountingSink();
    long rows = feed.naive.write(action -> feed.demand.forEach(LINES, action), sink);
    return sink.bytes + rows;
  }
}
