package dev.stockbridge.queue;


import dev.stockbridge.Movement;
import dev.stockbridge.StockKey;
import dev.stockbridge.spi.Supply;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's queue of keys waiting to be written: one slot per (SKU, location), strict lane
 * priority, and coalescing of everything waiting on a key into one batch. Not API: the engine uses
 * it under its lock, the benchmarks measure it. Not thread-safe.
 *
 * <p>A key is queued in the highest lane among its waiting movements and goes out as one batch
 * holding all of them, in sequence order. While a batch is in flight its key is not handed out
 * again: movements arriving meanwhile wait and coalesce into the next batch, so each key has one
 * writer at a time. Lanes with a batch window hand a key out only once its oldest movement has
 * waited that long; paused lanes hand out nothing.
 */
public final class DecrementQueue {

  private static final Lane[] LANES = Lane.values();
  private static final int NONE = LANES.length;

  private final Map<StockKey, Slot> slots = new HashMap<>();
  private final ArrayDeque<Slot>[] ready;
  private final long[] windowNanos;
  private final long[] maxWaitDispatches = new long[LANES.length];
  private final int capacity;
  private int size;
  private long dispatches;

  /**
   * Creates a queue.
   *
   * @param capacity the most movements that may wait at once
   * @param windowNanos per lane (by ordinal), how long a key's first movement waits before its
   *     batch may go
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public DecrementQueue(int capacity, long[] windowNanos) {
    if (capacity <= 0 || windowNanos.length != LANES.length) {
      throw new IllegalArgumentException("capacity must be positive and one window given per lane");
    }
    this.capacity = capacity;
    this.windowNanos = windowNanos.clone();
    this.ready = new ArrayDeque[LANES.length];
    for (int i = 0; i < ready.length; i++) {
      ready[i] = new ArrayDeque<>();
    }
  }

  /**
   * Adds a sequenced movement. Movements of one key must be added in sequence order.
   *
   * @param movement the movement
   * @param nowNanos the current time
   * @return {@code false} if the queue is full and the movement was not added
   */
  public boolean offer(Movement movement, long nowNanos) {
    if (size >= capacity) {
      return false;
    }
    restore(movement, nowNanos);
    return true;
  }

  /**
   * Adds a sequenced movement even beyond capacity, as recovery must: what the journal accepted is
   * never refused. New offers wait until the queue is back under capacity.
   *
   * @param movement the movement
   * @param nowNanos the current time
   */
  public void restore(Movement movement, long nowNanos) {
    Slot slot = slot(movement.key(), nowNanos);
    if (slot.pending == null) {
      slot.pending = new ArrayList<>(4);
    }
    slot.pending.add(movement);
    if (movement.sellable()) {
      slot.delta += movement.quantity();
    }
    slot.highestSequence = Math.max(slot.highestSequence, movement.sequence());
    slot.lane = Math.min(slot.lane, Lane.of(movement.kind()).ordinal());
    size++;
    schedule(slot);
  }

  /**
   * Asks for a derived key (a bundle) to be recomputed from its components.
   *
   * @param key the derived key
   * @param lane the lane of the change that made it stale
   * @param nowNanos the current time
   */
  public void recompute(StockKey key, Lane lane, long nowNanos) {
    Slot slot = slot(key, nowNanos);
    slot.recompute = true;
    slot.lane = Math.min(slot.lane, lane.ordinal());
    schedule(slot);
  }

  /**
   * Asks for a key to be written even if no movement waits on it, so that what it holds back is
   * brought up to date (after a change of policy, or a sale the storefront took itself).
   *
   * @param key the key
   * @param lane the lane to travel in
   * @param nowNanos the current time
   */
  public void touch(StockKey key, Lane lane, long nowNanos) {
    Slot slot = slot(key, nowNanos);
    slot.lane = Math.min(slot.lane, lane.ordinal());
    schedule(slot);
  }

  /**
   * Sets a key's supply fields with its next batch; a later call before then replaces them.
   *
   * @param key the key
   * @param supply the new supply fields
   * @param lane the lane to travel in
   * @param nowNanos the current time
   */
  public void supply(StockKey key, Supply supply, Lane lane, long nowNanos) {
    Slot slot = slot(key, nowNanos);
    slot.supply = supply;
    slot.lane = Math.min(slot.lane, lane.ordinal());
    schedule(slot);
  }

  /**
   * Hands out the next batch: the first due key of the highest lane that is not paused.
   *
   * @param nowNanos the current time
   * @param paused per lane (by ordinal), whether it hands out nothing now; null pauses nothing
   * @return the batch, or null if no key is due
   */
  public Batch poll(long nowNanos, boolean[] paused) {
    for (int lane = 0; lane < LANES.length; lane++) {
      if (paused != null && paused[lane]) {
        continue;
      }
      ArrayDeque<Slot> deque = ready[lane];
      Slot head;
      if ((head = deque.peekFirst()) != null && nowNanos - head.since >= windowNanos[lane]) {
        deque.pollFirst();
        return take(head);
      }
    }
    return null;
  }

  /**
   * Puts a batch that could not be written now back in front of what waits on its key, as when a
   * retry would run into a peak window. Call before {@link #done(StockKey)}.
   *
   * @param batch the batch handed out earlier for the key, still in flight
   * @param nowNanos the current time
   */
  public void requeue(Batch batch, long nowNanos) {
    Slot slot = slots.get(batch.key());
    List<Movement> movements = new ArrayList<>(batch.movements());
    if (slot.pending != null) {
      movements.addAll(slot.pending);
    }
    if (slot.lane == NONE) {
      slot.since = nowNanos;
      slot.sinceDispatch = dispatches;
    }
    slot.pending = movements.isEmpty() ? null : movements;
    slot.delta += batch.quantityDelta();
    slot.highestSequence = Math.max(slot.highestSequence, batch.highestSequence());
    slot.recompute |= batch.recompute();
    if (slot.supply == null) {
      slot.supply = batch.supply();
    }
    slot.lane = Math.min(slot.lane, batch.lane().ordinal());
    size += batch.movements().size();
  }

  /**
   * Marks a key's batch finished, so the key may be handed out again.
   *
   * @param key the key of the finished batch
   */
  public void done(StockKey key) {
    Slot slot = slots.get(key);
    slot.inFlight = false;
    if (slot.lane != NONE) {
      schedule(slot);
    } else {
      slots.remove(key);
    }
  }

  /**
   * How long until the first waiting key of a lane becomes due.
   *
   * @param nowNanos the current time
   * @param paused per lane, whether it is paused; null pauses nothing
   * @return nanoseconds until something is due (0 if due now), or {@link Long#MAX_VALUE} if nothing
   *     waits in an unpaused lane
   */
  public long nanosUntilDue(long nowNanos, boolean[] paused) {
    long soonest = Long.MAX_VALUE;
    for (int lane = 0; lane < LANES.length; lane++) {
      if (paused != null && paused[lane]) {
        continue;
      }
      Slot head = ready[lane].peekFirst();
      if (head != null) {
        soonest = Math.min(soonest, Math.max(0, head.since + windowNanos[lane] - nowNanos));
      }
    }
    return soonest;
  }

  /**
   * The movements waiting on a key, not counting a batch in flight.
   *
   * @param key the key
   * @return the waiting movements in sequence order, empty if none
   */
  public List<Movement> waiting(StockKey key) {
    Slot slot = slots.get(key);
    return slot == null || slot.pending == null ? List.of() : List.copyOf(slot.pending);
  }

  /**
   * The highest lane with a key due now.
   *
   * @param nowNanos the current time
   * @param paused per lane, whether it is paused; null pauses nothing
   * @return the lane, or {@link Lane#BULK} if none is due (the lowest claim on a permit)
   */
  public Lane dueLane(long nowNanos, boolean[] paused) {
    for (int lane = 0; lane < LANES.length; lane++) {
      Slot head = ready[lane].peekFirst();
      if ((paused == null || !paused[lane]) && head != null && nowNanos - head.since >= windowNanos[lane]) {
        return LANES[lane];
      }
    }
    return Lane.BULK;
  }

  /** Movements waiting, in all lanes. @return the count */
  public int size() {
    return size;
  }

  /** Movements that may still be added before the queue is full. @return the room left */
  public int remainingCapacity() {
    return Math.max(0, capacity - size);
  }

  /** Whether no key waits or is in flight. @return {@code true} if idle */
  public boolean isIdle() {
    return slots.isEmpty();
  }

  /**
   * Keys waiting in a lane.
   *
   * @param lane the lane
   * @return the count
   */
  public int depth(Lane lane) {
    return ready[lane.ordinal()].size();
  }

  /**
   * How long the oldest key waiting in a lane has waited.
   *
   * @param lane the lane
   * @param nowNanos the current time
   * @return nanoseconds, 0 if none waits
   */
  public long oldestWaitNanos(Lane lane, long nowNanos) {
    long oldest = 0;
    for (Slot slot : ready[lane.ordinal()]) {
      oldest = Math.max(oldest, nowNanos - slot.since);
    }
    return oldest;
  }

  /**
   * The most batches handed out while a key of this lane waited: how far keys of the lane were
   * overtaken. Deterministic, unlike a wait in seconds.
   *
   * @param lane the lane
   * @return the largest number of dispatches any key of the lane waited through
   */
  public long maxWaitDispatches(Lane lane) {
    return maxWaitDispatches[lane.ordinal()];
  }

  private Slot slot(StockKey key, long nowNanos) {
    Slot slot = slots.computeIfAbsent(key, Slot::new);
    if (slot.lane == NONE) {
      slot.since = nowNanos;
      slot.sinceDispatch = dispatches;
    }
    return slot;
  }

  private void schedule(Slot slot) {
    if (!slot.inFlight && slot.lane < slot.queuedLane) {
      if (slot.queuedLane != NONE) {
        // Promotion (rare: an order joins waiting adjustments): leave no stale entry behind, or a
        // later re-queue of the same slot would make it valid again at its old place.
        ready[slot.queuedLane].remove(slot);
      }
      slot.queuedLane = slot.lane;
      ready[slot.lane].addLast(slot);
    }
  }

  private Batch take(Slot slot) {
    List<Movement> movements = slot.pending == null ? List.of() : slot.pending;
    Batch batch =
        new Batch(slot.key, LANES[slot.lane], movements, slot.delta, slot.highestSequence, slot.recompute, slot.supply);
    maxWaitDispatches[slot.lane] = Math.max(maxWaitDispatches[slot.lane], dispatches - slot.sinceDispatch);
    dispatches++;
    size -= movements.size();
    slot.pending = null; // allocated again only if the key gets more movements
    slot.delta = 0;
    slot.highestSequence = 0;
    slot.recompute = false;
    slot.supply = null;
    slot.lane = NONE;
    slot.queuedLane = NONE;
    slot.inFlight = true;
    return batch;
  }

  /**
   * Everything that waited on one key, to be written as one update.
   *
   * @param key the key
   * @param lane the highest lane among the movements
   * @param movements the movements in sequence order, possibly empty for a pure recompute
   * @param quantityDelta the sum of the sellable movements' quantities
   * @param highestSequence the highest sequence included, 0 if no movements
   * @param recompute whether the key is derived and must be recomputed
   * @param supply new supply fields to set with the batch, or null to leave them
   */
  public record Batch(
      StockKey key,
      Lane lane,
      List<Movement> movements,
      long quantityDelta,
      long highestSequence,
      boolean recompute,
      Supply supply) {}

  private static final class Slot {
    final StockKey key;
    List<Movement> pending;
    long delta;
    long highestSequence;
    boolean recompute;
    Supply supply;
    int lane = NONE;
    int queuedLane = NONE;
    boolean inFlight;
    long since;
    long sinceDispatch;

    Slot(StockKey key) {
      this.key = key;
    }
  }
}
