package dev.stockbridge.benchmarks;

import dev.stockbridge.Movement;
import dev.stockbridge.queue.Lane;
import dev.stockbridge.queue.DecrementQueue;
import dev.stockbridge.queue.DecrementQueue.Batch;
import java.util.concurrent.locks.ReentrantLock;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The engine's path, single-threaded: a burst goes into the {@link DecrementQueue}, then batches
 * are polled, written one per key, and marked done. The lock is taken where the engine takes it
 * (once per enqueued group, once per poll, once per done), so the comparison with the thread-safe
 * baseline is fair. Not thread-safe.
 */
final class CoalescingDispatcher {

  // Every lane due at once: the benchmark measures queueing, not batch windows.
  private static final long NOW = 0L;

  private final DecrementQueue queue;
  private final ReentrantLock lock = new ReentrantLock();

  CoalescingDispatcher(int capacity) {
    this.queue = new DecrementQueue(capacity, new long[Lane.values().length]);
  }

  /**
   * Enqueues a burst and drains it, one storefront write per batch.
   *
   * @param burst the movements, in arrival order
   * @param storefront the no-op storefront: consumes each batch
   * @return the sum of the deltas written
   */
  long dispatch(Movement[] burst, Blackhole storefront) {
    lock.lock();
    try {
      for (Movement movement : burst) {
        if (!queue.offer(movement, NOW)) {
          throw new IllegalStateException("queue full: capacity below the burst size");
        }
      }
    } finally {
      lock.unlock();
    }
    long applied = 0;
    while (true) {
      Batch batch;
      lock.lock();
      try {
        batch = queue.poll(NOW, null);
      } finally {
        lock.unlock();
      }
      if (batch == null) {
        return applied;
      }
      storefront.consume(batch);
      applied += batch.quantityDelta();
      lock.lock();
      try {
        queue.done(batch.key());
      } finally {
        lock.unlock();
      }
    }
  }
}
