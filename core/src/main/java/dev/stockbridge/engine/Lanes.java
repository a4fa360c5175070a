package dev.stockbridge.engine;

import dev.stockbridge.queue.DecrementQueue;

import dev.stockbridge.Movement;
import dev.stockbridge.StockKey;
import dev.stockbridge.queue.Lane;
import dev.stockbridge.queue.DecrementQueue.Batch;
import dev.stockbridge.spi.Supply;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The lanes: the decrement queue of keys waiting to be written, the batches in flight, the room
 * promised to submissions still being journaled, and which lanes may hand out a batch now (peak
 * windows; the share of keys in flight the lanes below ORDER may hold, so keys backing off there can
 * never take every slot from orders).
 *
 * <p>Thread-safe. The queue lock ({@link #lock}) guards the queue, {@link #inFlight} and {@link
 * #reserved}; everyone who waits for the queue to change (submitters for room, the dispatcher for a
 * due key, {@code drain}) waits on its one condition. Nothing else is called while it is held, so
 * it is always the last lock taken: the intake lock may be held when it is taken, never the reverse.
 * The two semaphores count keys in flight and are taken without the lock.
 */
final class Lanes {

  private static final long MAX_IDLE_WAIT = TimeUnit.MILLISECONDS.toNanos(50);

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final DecrementQueue queue;
  /** Movements of the batch in flight per key, for {@link #unapplied}. */
  private final Map<StockKey, List<Movement>> inFlight = new HashMap<>();
  private final Semaphore keysInFlight;
  private final Semaphore lowerLanesInFlight;
  private final EngineConfig config;
  /** Room promised to submissions being journaled: the queue must not give it to anyone else. */
  private int reserved;

  Lanes(EngineConfig config) {
    this.config = config;
    long[] windows = new long[Lane.values().length];
    config.batchWindows().forEach((lane, window) -> windows[lane.ordinal()] = window.toNanos());
    this.queue = new DecrementQueue(config.capacity(), windows);
    this.keysInFlight = new Semaphore(config.maxKeysInFlight());
    this.lowerLanesInFlight = new Semaphore(Math.max(1, config.maxKeysInFlight() * 3 / 4));
  }

  // --- room and intake -------------------------------------------------------------------------

  /** Promises room for movements if there is some now; never waits. */
  boolean tryReserve(int movements) {
    lock.lock();
    try {
      if (queue.remainingCapacity() - reserved < movements) {
        return false;
      }
      reserved += movements;
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until there may be room for movements, without promising it.
   *
   * @throws BackpressureException at the deadline, at once if they could never fit, or if interrupted
   */
  void awaitRoom(int movements, long deadlineNanos) {
    lock.lock();
    try {
      while (queue.remainingCapacity() - reserved < movements) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0 || movements > config.capacity()) {
          throw new BackpressureException(movements, config.capacity());
        }
        changed.awaitNanos(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BackpressureException(movements, config.capacity());
    } finally {
      lock.unlock();
    }
  }

  /** Gives back room promised to a submission that failed. */
  void release(int movements) {
    lock.lock();
    try {
      reserved -= movements;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Queues journaled movements, in sequence order per key, into the room promised to them. */
  void enqueue(Collection<Movement> movements) {
    lock.lock();
    try {
      long now = System.nanoTime();
      movements.forEach(movement -> queue.restore(movement, now));
      reserved -= movements.size();
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Queues what recovery found unapplied, beyond capacity if need be: it was accepted already. */
  void restore(Collection<Movement> movements) {
    lock.lock();
    try {
      long now = System.nanoTime();
      movements.forEach(movement -> queue.restore(movement, now));
    } finally {
      lock.unlock();
    }
  }

  void supply(StockKey key, Supply supply, Lane lane) {
    lock.lock();
    try {
      queue.supply(key, supply, lane, System.nanoTime());
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Asks for keys to be written even with nothing waiting, to bring their holdback up to date. */
  void touch(Collection<StockKey> keys, Lane lane) {
    if (keys.isEmpty()) {
      return;
    }
    lock.lock();
    try {
      long now = System.nanoTime();
      keys.forEach(key -> queue.touch(key, lane, now));
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Asks for derived keys (bundles) to be recomputed. */
  void recompute(Collection<StockKey> keys, Lane lane) {
    if (keys.isEmpty()) {
      return;
    }
    lock.lock();
    try {
      long now = System.nanoTime();
      keys.forEach(key -> queue.recompute(key, lane, now));
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  // --- dispatching -----------------------------------------------------------------------------

  /** Takes a slot for one more key in flight. */
  void acquireSlot() throws InterruptedException {
    keysInFlight.acquire();
  }

  void releaseSlot() {
    keysInFlight.release();
  }

  /** Waits until some lane not paused has a key due. */
  void awaitDue() throws InterruptedException {
    lock.lock();
    try {
      while (true) {
        long wait = queue.nanosUntilDue(System.nanoTime(), paused());
        if (wait == 0) {
          return;
        }
        // Bounded wait: peak windows open and close on the injected clock, not on a signal.
        changed.awaitNanos(Math.min(wait, MAX_IDLE_WAIT));
      }
    } finally {
      lock.unlock();
    }
  }

  /** The highest lane with a key due now, or BULK if none is. */
  Lane dueLane() {
    lock.lock();
    try {
      return queue.dueLane(System.nanoTime(), paused());
    } finally {
      lock.unlock();
    }
  }

  /** Hands out the next due batch, or null; a lower lane's batch takes one of their slots. */
  Batch poll() {
    lock.lock();
    try {
      Batch batch = queue.poll(System.nanoTime(), paused());
      if (batch != null) {
        if (batch.lane() != Lane.ORDER && !lowerLanesInFlight.tryAcquire()) {
          throw new IllegalStateException("a lower lane was polled without a free slot");
        }
        if (!batch.movements().isEmpty()) {
          inFlight.put(batch.key(), batch.movements());
        }
        changed.signalAll(); // room in the queue for waiting submitters
      }
      return batch;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Ends a batch handed out by {@link #poll()}: its key may go out again, its slots are free.
   *
   * @param requeue whether the batch goes back in front of its key's waiting movements
   */
  void finished(Batch batch, boolean requeue) {
    lock.lock();
    try {
      inFlight.remove(batch.key());
      if (requeue) {
        queue.requeue(batch, System.nanoTime());
      }
      queue.done(batch.key());
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    if (batch.lane() != Lane.ORDER) {
      lowerLanesInFlight.release();
    }
    keysInFlight.release();
  }

  /** Whether a peak window pauses a lane right now. */
  boolean pausedNow(Lane lane) {
    return config.pausedInPeak().contains(lane) && inPeak();
  }

  // --- observing -------------------------------------------------------------------------------

  boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    lock.lock();
    try {
      while (!queue.isIdle()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        changed.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(20)));
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  List<Movement> unapplied(StockKey key) {
    lock.lock();
    try {
      List<Movement> movements = new ArrayList<>(inFlight.getOrDefault(key, List.of()));
      movements.addAll(queue.waiting(key));
      return movements;
    } finally {
      lock.unlock();
    }
  }

  Map<Lane, EngineHealth.LaneHealth> health() {
    Map<Lane, EngineHealth.LaneHealth> lanes = new EnumMap<>(Lane.class);
    lock.lock();
    try {
      long now = System.nanoTime();
      for (Lane lane : Lane.values()) {
        lanes.put(
            lane,
            new EngineHealth.LaneHealth(
                queue.depth(lane), Duration.ofNanos(queue.oldestWaitNanos(lane, now)), queue.maxWaitDispatches(lane)));
      }
    } finally {
      lock.unlock();
    }
    return lanes;
  }

  int size() {
    lock.lock();
    try {
      return queue.size();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Lanes that may not hand out a batch now: those paused by a peak window, and every lane below
   * ORDER once they hold their share of the keys in flight.
   */
  private boolean[] paused() {
    boolean[] paused = new boolean[Lane.values().length];
    boolean full = lowerLanesInFlight.availablePermits() == 0;
    boolean peak = inPeak();
    for (Lane lane : Lane.values()) {
      paused[lane.ordinal()] = lane != Lane.ORDER && (full || (peak && config.pausedInPeak().contains(lane)));
    }
    return paused;
  }

  private boolean inPeak() {
    if (config.peakWindows().isEmpty()) {
      return false;
    }
    Instant now = config.clock().instant();
    return config.peakWindows().stream().anyMatch(w -> w.contains(now));
  }
}
