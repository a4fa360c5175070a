package dev.stockbridge.benchmarks;

import dev.stockbridge.Movement;
import dev.stockbridge.queue.DecrementQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Movements per second through the engine's {@link DecrementQueue} (enqueue, coalesce, dispatch to
 * a no-op storefront) against a naive {@link java.util.concurrent.PriorityBlockingQueue}
 * dispatcher, on the same pre-generated bursts, single-threaded.
 *
 * <p>One operation is one movement: each invocation enqueues a burst of {@value #BURST} movements
 * and drains it. The {@code hotKeys} pair spreads bursts over {@code keys} SKUs (20: a flash sale
 * on a few products, most movements coalesce; 10000: a wide catalogue, little coalesces). The
 * {@code distinctKeys} pair puts every movement of a burst on its own key, so the queue gets no
 * help from coalescing at all.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@OperationsPerInvocation(QueueBenchmark.BURST)
public class QueueBenchmark {

  /** Movements enqueued per invocation, before the queue is drained. */
  static final int BURST = 1_000;

  // Bursts are cycled, so the JIT and the branch predictor do not see one burst over and over.
  private static final int BURSTS = 64;

  /** Bursts over a fixed number of keys, with the two dispatchers that drain them. */
  @State(Scope.Thread)
  public static class HotKeys {

    /** How many SKUs the bursts are spread over. */
    @Param({"20", "10000"})
    public int keys;

    Movement[][] bursts;
    int next;
    CoalescingDispatcher queue;
    NaiveDispatcher naive;

    /** Generates the bursts and builds both dispatchers; not measured. */
    @Setup(Level.Trial)
    public void setUp() {
      bursts = Workload.hotKeys(keys, BURSTS, BURST, 42);
      queue = new CoalescingDispatcher(BURST);
      naive = new NaiveDispatcher(BURST);
    }

    Movement[] nextBurst() {
      Movement[] burst = bursts[next];
      next = (next + 1) % BURSTS;
      return burst;
    }
  }

  /** Bursts in which every movement is on a different key, out of a pool of 10,000. */
  @State(Scope.Thread)
  public static class DistinctKeys {

    Movement[][] bursts;
    int next;
    CoalescingDispatcher queue;
    NaiveDispatcher naive;

    /** Generates the bursts and builds both dispatchers; not measured. */
    @Setup(Level.Trial)
    public void setUp() {
      bursts = Workload.distinctKeys(10_000, BURSTS, BURST, 42);
      queue = new CoalescingDispatcher(BURST);
      naive = new NaiveDispatcher(BURST);
    }

    Movement[] nextBurst() {
      Movement[] burst = bursts[next];
      next = (next + 1) % BURSTS;
      return burst;
    }
  }

  /**
   * The engine's queue on the hot-key workload.
   *
   * @param state the bursts and dispatchers
   * @param storefront the no-op storefront
   * @return the sum of the deltas written
   */
  @Benchmark
  public long hotKeysDecrementQueue(HotKeys state, Blackhole storefront) {
    return state.queue.dispatch(state.nextBurst(), storefront);
  }

  /**
   * The naive baseline on the hot-key workload.
   *
   * @param state the bursts and dispatchers
   * @param storefront the no-op storefront
   * @return the sum of the deltas written
   */
  @Benchmark
  public long hotKeysNaiveBaseline(HotKeys state, Blackhole storefront) {
    return state.naive.dispatch(state.nextBurst(), storefront);
  }

  /**
   * The engine's queue when nothing can coalesce.
   *
   * @param state the bursts and dispatchers
   * @param storefront the no-op storefront
   * @return the sum of the deltas written
   */
  @Benchmark
  public long distinctKeysDecrementQueue(DistinctKeys state, Blackhole storefront) {
    return state.queue.dispatch(state.nextBurst(), storefront);
  }

  /**
   * The naive baseline when nothing can coalesce.
   *
   * @param state the bursts and dispatchers
   * @param storefront the no-op storefront
   * @return the sum of the deltas written
   */
  @Benchmark
  public long distinctKeysNaiveBaseline(DistinctKeys state, Blackhole storefront) {
    return state.naive.dispatch(state.nextBurst(), storefront);
  }
}
