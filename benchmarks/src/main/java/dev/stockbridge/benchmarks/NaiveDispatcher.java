package dev.stockbridge.benchmarks;

import dev.stockbridge.Movement;
import dev.stockbridge.queue.Lane;
import java.util.Comparator;
import java.util.concurrent.PriorityBlockingQueue;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The baseline: what a developer would write first. A {@link PriorityBlockingQueue} of movements
 * ordered by (lane, sequence), polled one movement at a time, each written to the storefront on
 * its own; no coalescing. Not thread-safe as a whole, though its queue is.
 */
final class NaiveDispatcher {

  private static final Comparator<Movement> BY_LANE_THEN_SEQUENCE =
      (a, b) -> {
        int byLane = Lane.of(a.kind()).compareTo(Lane.of(b.kind()));
        return byLane != 0 ? byLane : Long.compare(a.sequence(), b.sequence());
      };

  private final PriorityBlockingQueue<Movement> queue;

  NaiveDispatcher(int capacity) {
    this.queue = new PriorityBlockingQueue<>(capacity, BY_LANE_THEN_SEQUENCE);
  }

  /**
   * Enqueues a burst and drains it, one storefront write per movement.
   *
   * @param burst the movements, in arrival order
   * @param storefront the no-op storefront: consumes each movement
   * @return the sum of the deltas written
   */
  long dispatch(Movement[] burst, Blackhole storefront) {
    for (Movement movement : burst) {
      queue.offer(movement);
    }
    long applied = 0;
    Movement movement;
    while ((movement = queue.poll()) != null) {
      storefront.consume(movement);
      if (movement.sellable()) {
        applied += movement.quantity();
      }
    }
    return applied;
  }
}
