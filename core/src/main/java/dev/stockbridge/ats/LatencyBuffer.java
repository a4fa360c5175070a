package dev.stockbridge.ats;

import dev.stockbridge.Checks;
import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Quantities;
import dev.stockbridge.StockKey;
import java.time.Duration;

/**
 * The adaptive latency buffer: an optional holdback per key of the units its orders are expected to
 * sell while a sale is still on its way to the storefront, so a hot SKU in a flash sale keeps the
 * few units that could otherwise be sold twice. Off by default ({@link #off()}). Immutable.
 *
 * <p>The figure: {@code velocity × exposure}, where the velocity is the order units the engine
 * accepted for the key over the sliding {@code window}, per second, and the exposure is the
 * storefront's consistency lag plus the engine's measured p99 order-to-storefront time. It is
 * rounded up and capped at {@code cap}. To keep the storefront from churning, a key's buffer moves
 * only once the figure has moved by at least one whole unit away from it ({@link #next}). The
 * engine recomputes every key's buffer every {@code recomputeEvery}; each change is a holdback
 * movement like any other (relative, journaled, applied exactly once).
 *
 * <p>Worked example: 30 units sold in the last 60 s (0.5 a second), a 10 s consistency lag and a
 * p99 of 2 s: 0.5 × 12 = 6 units held back, or the cap if lower.
 *
 * @param enabled whether keys hold a latency buffer at all
 * @param window how far back order units count toward the velocity, positive
 * @param cap the most one key holds back for latency, not negative
 * @param recomputeEvery how often the buffers are recomputed, positive
 */
public record LatencyBuffer(boolean enabled, Duration window, long cap, Duration recomputeEvery) {

  private static final LatencyBuffer OFF = new LatencyBuffer(false, Duration.ofMinutes(1), 0, Duration.ofSeconds(10));

  /**
   * Validates the settings.
   *
   * @throws InvalidValueException if a duration is null or not positive, or the cap is negative or
   *     above {@link Quantities#MAX}
   */
  public LatencyBuffer {
    Checks.positive("window", window);
    Checks.quantity("cap", Checks.nonNegative("cap", cap));
    Checks.positive("recomputeEvery", recomputeEvery);
  }

  /**
   * No latency buffer anywhere: the default.
   *
   * @return the shared disabled settings
   */
  public static LatencyBuffer off() {
    return OFF;
  }

  /**
   * A latency buffer over a velocity window, capped, recomputed every 10 seconds.
   *
   * @param window how far back order units count toward the velocity
   * @param cap the most one key holds back for latency
   * @return the settings
   * @throws InvalidValueException if the window is not positive or the cap negative
   */
  public static LatencyBuffer of(Duration window, long cap) {
    return new LatencyBuffer(true, window, cap, Duration.ofSeconds(10));
  }

  /**
   * These settings recomputed at another cadence.
   *
   * @param every how often the buffers are recomputed
   * @return the new settings
   * @throws InvalidValueException if every is not positive
   */
  public LatencyBuffer recomputedEvery(Duration every) {
    return new LatencyBuffer(enabled, window, cap, every);
  }

  /**
   * The unrounded, uncapped figure: order units per second over the window times the exposure.
   *
   * @param orderUnits order units accepted for the key within the window, not negative
   * @param exposure the storefront's consistency lag plus the p99 order-to-storefront time
   * @return the units a sale may take before the storefront shows it, 0 when disabled
   * @throws InvalidValueException if orderUnits is negative or exposure null or negative
   */
  public double raw(long orderUnits, Duration exposure) {
    Checks.nonNegative("orderUnits", orderUnits);
    Checks.notNegative("exposure", exposure);
    if (!enabled) {
      return 0;
    }
    return (double) orderUnits * exposure.toNanos() / window.toNanos();
  }

  /**
   * A key's next buffer: the figure rounded up and capped, or the current buffer while the figure
   * stays within one unit of it (hysteresis). Between 0 and the cap, always 0 when disabled.
   *
   * @param current the key's buffer now, not negative
   * @param orderUnits order units accepted for the key within the window
   * @param exposure the storefront's consistency lag plus the p99 order-to-storefront time
   * @return the buffer to hold from now on
   * @throws InvalidValueException if an argument is negative or null
   */
  public long next(long current, long orderUnits, Duration exposure) {
    Checks.nonNegative("current", current);
    double raw = raw(orderUnits, exposure);
    if (!enabled) {
      return 0;
    }
    long held = Math.min(current, cap); // a lowered cap applies at once
    if (Math.abs(raw - held) < 1) {
      return held;
    }
    return (long) Math.min(cap, Math.ceil(raw));
  }

  /**
   * One key's latency buffer and what it was computed from, for status and reports.
   *
   * @param key the SKU and location
   * @param units the units it holds back for latency
   * @param orderUnits the order units accepted within the window at the last recompute
   * @param window the velocity window
   * @param exposure the consistency lag plus the p99 order-to-storefront time used
   * @param raw the figure before rounding, capping and hysteresis
   */
  public record Figure(StockKey key, long units, long orderUnits, Duration window, Duration exposure, double raw) {

    /**
     * Validates the figure.
     *
     * @throws InvalidValueException if a field is null or a count negative
     */
    public Figure {
      Checks.notNull("key", key);
      Checks.nonNegative("units", units);
      Checks.nonNegative("orderUnits", orderUnits);
      Checks.notNull("window", window);
      Checks.notNull("exposure", exposure);
    }

    /**
     * The inputs in words, for causes, entries and reports.
     *
     * @return e.g. {@code "40 order units in 60 s × 900 ms of lag and p99"}
     */
    public String inputs() {
      return orderUnits + " order units in " + window.toSeconds() + " s × " + exposure.toMillis() + " ms of lag and p99";
    }

    /**
     * The velocity the figure used.
     *
     * @return order units per minute
     */
    public double perMinute() {
      return orderUnits * 60_000.0 / Math.max(1, window.toMillis());
    }
  }
}
