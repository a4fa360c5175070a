package dev.stockbridge.engine;

import dev.stockbridge.Movement;
import dev.stockbridge.MovementKind;
import dev.stockbridge.StockKey;
import dev.stockbridge.ats.LatencyBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;

/**
 * The velocities behind the adaptive latency buffer ({@link LatencyBuffer}): per key, the order
 * units accepted over a sliding window on the engine's clock, in twelve steps; and, on the
 * buffer's cadence, each key's next buffer from its velocity and the exposure (the storefront's
 * consistency lag plus the measured p99 order-to-storefront time). Turning a change into a holdback
 * movement is the engine's job; this class only counts and computes.
 *
 * <p>Thread-safe: this object's monitor guards the windows and the last figures; it is held only to
 * count or to compute, and nothing is called under it but the clock. It may be taken while the
 * holdbacks' monitor is held (a recompute, or a holdback change's intake), never the reverse, and
 * never while the intake or queue lock is held. Disabled, nothing is counted and no clock is read.
 */
final class LatencyBuffers {

  private static final int STEPS = 12;

  private final LatencyBuffer settings;
  private final Clock clock;
  private final Duration lag;
  private final long stepMillis;
  private final Map<StockKey, Window> windows = new HashMap<>();
  private final Map<StockKey, LatencyBuffer.Figure> figures = new HashMap<>();
  /** When the next recompute is due, in the clock's milliseconds; claimed by compare-and-set. */
  private final AtomicLong due;

  LatencyBuffers(LatencyBuffer settings, Clock clock, Duration lag) {
    this.settings = settings;
    this.clock = clock;
    this.lag = lag;
    this.stepMillis = Math.max(1, settings.window().toMillis() / STEPS);
    this.due = new AtomicLong(settings.enabled() ? clock.millis() + settings.recomputeEvery().toMillis() : Long.MAX_VALUE);
  }

  LatencyBuffer settings() {
    return settings;
  }

  /** Counts the order units of accepted movements: one clock read per submission. */
  void accepted(List<Movement> movements) {
    if (!settings.enabled()) {
      return;
    }
    long now = -1;
    synchronized (this) { // once per submission, not once per movement
      for (Movement movement : movements) {
        if (movement.kind() == MovementKind.ORDER && movement.quantity() < 0) {
          if (now < 0) {
            now = clock.millis();
          }
          windows.computeIfAbsent(movement.key(), key -> new Window()).add(now / stepMillis, -movement.quantity());
        }
      }
    }
  }

  /** Whether a recompute is due now; true for one caller only, who must then {@link #recompute}. */
  boolean claimDue() {
    long next = due.get();
    if (!settings.enabled() || clock.millis() < next) {
      return false;
    }
    return due.compareAndSet(next, clock.millis() + settings.recomputeEvery().toMillis());
  }

  /** A key whose buffer changes. */
  record Change(StockKey key, long from, LatencyBuffer.Figure figure) {}

  /**
   * Every key's next buffer, from its velocity and the exposure now.
   *
   * @param current each key's buffer now
   * @param keysHolding the keys holding a buffer now, which must come down once their orders stop
   * @param p99 the measured p99 order-to-storefront time
   * @return the keys whose buffer changes
   */
  synchronized List<Change> recompute(ToLongFunction<StockKey> current, Iterable<StockKey> keysHolding, Duration p99) {
    long step = clock.millis() / stepMillis;
    Duration exposure = lag.plus(p99);
    List<Change> changes = new ArrayList<>();
    for (StockKey key : keysHolding) {
      windows.computeIfAbsent(key, k -> new Window());
    }
    figures.clear();
    for (Iterator<Map.Entry<StockKey, Window>> it = windows.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<StockKey, Window> entry = it.next();
      StockKey key = entry.getKey();
      long units = entry.getValue().sum(step);
      long from = current.applyAsLong(key);
      long next = settings.next(from, units, exposure);
      LatencyBuffer.Figure figure = new LatencyBuffer.Figure(key, next, units, settings.window(), exposure, settings.raw(units, exposure));
      if (next != from) {
        changes.add(new Change(key, from, figure));
      }
      if (next > 0) {
        figures.put(key, figure);
      }
      if (units == 0 && next == 0) {
        it.remove(); // a key with no recent orders and no buffer costs nothing
      }
    }
    return changes;
  }

  /** A change that could not be journaled: the figure falls back to what the key still holds. */
  synchronized void reverted(Change change) {
    figures.remove(change.key());
  }

  /** The keys holding a buffer at the last recompute, with their inputs. */
  synchronized List<LatencyBuffer.Figure> figures() {
    return List.copyOf(figures.values());
  }

  /** Order units per step over the last {@value #STEPS} steps, in a ring. Guarded by the monitor. */
  private static final class Window {
    private final long[] units = new long[STEPS];
    private final long[] steps = new long[STEPS];

    Window() {
      java.util.Arrays.fill(steps, Long.MIN_VALUE); // no step counted yet
    }

    void add(long step, long quantity) {
      int slot = (int) Math.floorMod(step, (long) STEPS);
      if (steps[slot] != step) {
        steps[slot] = step;
        units[slot] = 0;
      }
      units[slot] += quantity;
    }

    long sum(long step) {
      long sum = 0;
      for (int i = 0; i < STEPS; i++) {
        if (steps[i] > step - STEPS && steps[i] <= step) {
          sum += units[i];
        }
      }
      return sum;
    }
  }
}
