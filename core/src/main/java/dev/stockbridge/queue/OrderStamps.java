package dev.stockbridge.queue;

import java.util.Arrays;

/**
 * When the order movements waiting on one key (or carried by one batch) were accepted, run-length
 * encoded: one entry per submission, since all movements of a submission share the moment of its
 * acceptance. That is how the engine times each order movement without a clock call per movement.
 * Public only for the engine, which times the batches; not thread-safe: guarded by the queue lock while its key waits, then owned by the key's
 * one writer.
 */
public final class OrderStamps {

  private long[] at = new long[2];
  private int[] count = new int[2];
  private int runs;

  /** Empty stamps; the queue creates them as order movements arrive. */
  OrderStamps() {}

  /** Visits one run of movements accepted at the same moment. */
  @FunctionalInterface
  public interface Run {
    /**
     * One run.
     *
     * @param acceptedAtNanos when they were accepted ({@link System#nanoTime()})
     * @param movements how many, at least 1
     */
    void accept(long acceptedAtNanos, int movements);
  }

  /** Adds one movement accepted at {@code acceptedAtNanos} ({@link System#nanoTime()}). */
  void add(long acceptedAtNanos) {
    addRun(acceptedAtNanos, 1);
  }

  private void addRun(long acceptedAtNanos, int movements) {
    if (runs > 0 && at[runs - 1] == acceptedAtNanos) {
      count[runs - 1] += movements;
      return;
    }
    if (runs == at.length) {
      at = Arrays.copyOf(at, runs * 2);
      count = Arrays.copyOf(count, runs * 2);
    }
    at[runs] = acceptedAtNanos;
    count[runs++] = movements;
  }

  /** These stamps after {@code earlier}'s: a batch put back in front of what waits on its key. */
  static OrderStamps concat(OrderStamps earlier, OrderStamps later) {
    if (earlier == null) {
      return later;
    }
    if (later == null) {
      return earlier;
    }
    OrderStamps both = new OrderStamps();
    earlier.forEach((at, n) -> both.addRun(at, n));
    later.forEach((at, n) -> both.addRun(at, n));
    return both;
  }

  /**
   * Visits the runs in order of acceptance.
   *
   * @param run the visitor
   */
  public void forEach(Run run) {
    for (int i = 0; i < runs; i++) {
      run.accept(at[i], count[i]);
    }
  }

  /**
   * How many movements are stamped.
   *
   * @return the count
   */
  public int movements() {
    int total = 0;
    for (int i = 0; i < runs; i++) {
      total += count[i];
    }
    return total;
  }
}
