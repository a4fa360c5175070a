package dev.stockbridge.kafka;

import dev.failsafe.RateLimiter;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * This instance's share of the storefront's rate limit. The group's budget (calls per second for
 * every instance together) is split by partitions: an instance owning a third of the movement
 * partitions may spend a third of the budget. Shares follow the assignment at every rebalance, so
 * they add up to the budget with no coordination between instances, and an instance that takes
 * over a dead one's partitions takes over its share. Between a revocation and the next assignment
 * the shares add up to less, never more.
 *
 * <p>Thread-safe: writers take permits concurrently (Failsafe's smooth rate limiter); the consumer
 * thread sets the share, swapping in a new limiter.
 */
final class CallBudget {

  /** What an instance that owns no partition may still spend (a revoked writer finishing up). */
  private static final double IDLE_PER_SECOND = 10;

  private final long groupPerSecond;
  /** This instance's share now; null for no limit. Swapped whole at each rebalance. */
  private volatile RateLimiter<Object> limiter;
  private volatile double perSecond = Double.POSITIVE_INFINITY;

  /**
   * @param groupPerSecond the whole group's calls per second, 0 for no limit
   */
  CallBudget(long groupPerSecond) {
    this.groupPerSecond = groupPerSecond;
  }

  /** Sets this instance's share: owned of total partitions. */
  synchronized void share(int owned, int total) {
    if (groupPerSecond <= 0) {
      limiter = null;
      perSecond = Double.POSITIVE_INFINITY;
      return;
    }
    perSecond = owned == 0 || total == 0 ? 0 : (double) groupPerSecond * owned / total;
    double rate = perSecond > 0 ? perSecond : IDLE_PER_SECOND;
    limiter = RateLimiter.smoothBuilder(Duration.ofNanos((long) (TimeUnit.SECONDS.toNanos(1) / rate))).build();
  }

  double perSecond() {
    return perSecond;
  }

  /** Waits for a permit for one storefront call. */
  void acquire() throws InterruptedException {
    RateLimiter<Object> current = limiter;
    if (current != null) {
      current.acquirePermit();
    }
  }
}
