package dev.stockbridge.engine;

import dev.failsafe.RateLimiter;
import dev.stockbridge.queue.Lane;
import java.time.Duration;

/**
 * One rate limit for every storefront call, served highest lane first: a call waits while a call of
 * a higher lane waits, so order decrements never queue behind a backlog of adjustments' retries.
 * Thread-safe.
 */
final class LanePermits {

  private final RateLimiter<Object> limiter;
  private final int[] waiting = new int[Lane.values().length];

  /**
   * Creates the permits.
   *
   * @param callsPerSecond the limit, or 0 for none
   */
  LanePermits(long callsPerSecond) {
    this.limiter = callsPerSecond <= 0 ? null : RateLimiter.smoothBuilder(callsPerSecond, Duration.ofSeconds(1)).build();
  }

  /**
   * Waits for a permit for a call of a lane.
   *
   * @param lane the lane the call serves
   * @throws InterruptedException if interrupted while waiting
   */
  void acquire(Lane lane) throws InterruptedException {
    if (limiter == null) {
      return;
    }
    synchronized (this) {
      waiting[lane.ordinal()]++;
      try {
        while (higherLaneWaiting(lane) || !limiter.tryAcquirePermit()) {
          wait(1); // permits come back with time, not with a signal
        }
      } finally {
        waiting[lane.ordinal()]--;
      }
    }
  }

  /**
   * Whether there is a limit at all; without one, {@link #acquire(Lane)} never waits.
   *
   * @return {@code true} if calls are limited
   */
  boolean limited() {
    return limiter != null;
  }

  /**
   * How many calls of a lane wait for a permit now.
   *
   * @param lane the lane
   * @return the count
   */
  synchronized int waiting(Lane lane) {
    return waiting[lane.ordinal()];
  }

  private boolean higherLaneWaiting(Lane lane) {
    for (int higher = 0; higher < lane.ordinal(); higher++) {
      if (waiting[higher] > 0) {
        return true;
      }
    }
    return false;
  }
}
