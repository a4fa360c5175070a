package dev.stockbridge.runtime;

import java.util.Optional;

/**
 * The right to be the active instance: of several instances sharing one store, only the one
 * holding the lease runs cycles and lets its engine write; the others stand by and take over when
 * the holder stops renewing it. Each holding has a fencing token, higher than every earlier one,
 * which the store checks on every write so a deposed holder's late writes are refused.
 *
 * <p>Implementations are thread-safe: {@link #tryAcquire()} is called by the cycle thread while
 * {@link #held()} may be asked from any thread.
 */
public interface Lease extends AutoCloseable {

  /**
   * Acquires the lease if it is free or expired, or renews it if this instance holds it.
   *
   * @return whether this instance holds it now
   * @throws dev.stockbridge.StockbridgeException if the store cannot be reached; then this
   *     instance must act as not holding it
   */
  boolean tryAcquire();

  /**
   * Whether this instance holds the lease now: acquired, and renewed recently enough that no other
   * instance can have taken it over. Never blocks on the store.
   *
   * @return {@code true} while held
   */
  boolean held();

  /**
   * The fencing token of this instance's current holding.
   *
   * @return the token
   * @throws dev.stockbridge.StockbridgeException if the lease is not held
   */
  long token();

  /**
   * This instance's name as the lease records it.
   *
   * @return the name
   */
  String holder();

  /**
   * Who holds the lease according to the store (any instance), for status displays.
   *
   * @return the holder's name, or empty if nobody holds a live lease
   */
  Optional<String> currentHolder();

  /** Gives the lease up if held, so a standby may take over at once, and stops renewing it. */
  @Override
  void close();

  /**
   * A lease that is always held, for a single instance with nothing to compete with.
   *
   * @param holder the instance's name
   * @return the lease
   */
  static Lease sole(String holder) {
    return new Lease() {
      @Override
      public boolean tryAcquire() {
        return true;
      }

      @Override
      public boolean held() {
        return true;
      }

      @Override
      public long token() {
        return 1;
      }

      @Override
      public String holder() {
        return holder;
      }

      @Override
      public Optional<String> currentHolder() {
        return Optional.of(holder);
      }

      @Override
      public void close() {}
    };
  }
}
