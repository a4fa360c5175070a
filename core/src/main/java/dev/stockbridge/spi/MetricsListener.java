package dev.stockbridge.spi;

/**
 * Hears what the engine measures, so a host can bind it to its metrics library (the Micrometer
 * module does) while core stays framework-free. Register one with {@code
 * StockEngineBuilder.metrics}. Every method has a no-op default, so a listener implements only what
 * it records.
 *
 * <p>Called on the engine's writer threads, once per storefront update, never while an engine lock
 * is held: implementations must be thread-safe and fast. A listener that throws is logged (at most
 * once an hour) and otherwise ignored; it never fails a write.
 */
public interface MetricsListener {

  /**
   * Order movements reached the storefront: one update carried {@code movements} order movements
   * (of one batch in the ORDER lane) that were all accepted at the same moment, {@code nanos} ago.
   * The time runs from the submission that accepted them (before its journal append) to the end of
   * the update that carried them. Movements replayed from the journal after a restart are not timed.
   *
   * @param nanos the time from acceptance to the storefront, in nanoseconds, not negative
   * @param movements how many order movements took that time, at least 1
   */
  default void orderToStorefront(long nanos, int movements) {}

  /**
   * The listener that records nothing.
   *
   * @return the shared no-op listener
   */
  static MetricsListener none() {
    return None.INSTANCE;
  }

  /** The no-op listener, a stateless singleton. */
  enum None implements MetricsListener {
    /** The one instance. */
    INSTANCE
  }
}
