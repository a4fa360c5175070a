package dev.stockbridge.kafka;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * This instance's share of the storefront's rate limit. The group's budget (calls per second for
 * every instance together) is split by partitions: an instance owning a third of the movement
 * partitions may spend a third of the budget. Shares follow the assignment at every rebalance, so
 * they add up to the budget with no coordination between instances, and an instance that takes
 * over a dead one's partitions takes over its share. Between a revocation and the next assignment
 * the shares add up to less, never more.
 *
 * <p>Thread-safe: writers take permits concurrently; the consumer thread sets the share.
 */
final class CallBudget {

  private final long groupPerSecond;
  private long intervalNanos;
  private long nextFree;

  /**
   * @param groupPerSecond the whole group's calls per second, 0 for no limit
   */
  CallBudget(long groupPerSecond) {
    this.groupPerSecond = groupPerSecond;
  }

  /** Sets this instance's share: owned of total partitions. */
  synchronized void share(int owned, int total) {
    if (groupPerSecond <= 0) {
      intervalNanos = 0;
      return;
    }
    double perSecond = owned == 0 || total == 0 ? 0 : (double) groupPerSecond * owned / total;
    intervalNanos = perSecond <= 0 ? Long.MAX_VALUE : (long) (TimeUnit.SECONDS.toNanos(1) / perSecond);
  }

  synchronized double perSecond() {
    return intervalNanos == 0 ? Double.POSITIVE_INFINITY
        : intervalNanos == Long.MAX_VALUE ? 0 : TimeUnit.SECONDS.toNanos(1) / (double) intervalNanos;
  }

  /** Waits for a permit for one storefront call. */
  void acquire() throws InterruptedException {
    long wait;
    synchronized (this) {
      if (intervalNanos == 0) {
        return;
      }
      long now = System.nanoTime();
      long interval = intervalNanos == Long.MAX_VALUE ? TimeUnit.MILLISECONDS.toNanos(100) : intervalNanos;
      long at = Math.max(now, nextFree);
      nextFree = at + interval;
      wait = at - now;
    }
    long deadline = System.nanoTime() + wait;
    for (long left = wait; left > 0; left = deadline - System.nanoTime()) {
      LockSupport.parkNanos(this, left);
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
    }
  }
}
