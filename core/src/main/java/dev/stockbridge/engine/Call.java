package dev.stockbridge.engine;

import dev.stockbridge.queue.Lane;

/**
 * The storefront requests of one attempt. Every request pays one permit of the rate limit: the
 * first attempt's first request was paid by the dispatcher before it handed the batch out, every
 * other waits for a permit in its lane. Not thread-safe: one attempt, one thread.
 */
final class Call {

  private final Lane lane;
  private final LanePermits permits;
  private final Counters counters;
  private boolean prepaid;

  Call(Lane lane, boolean prepaid, LanePermits permits, Counters counters) {
    this.lane = lane;
    this.prepaid = prepaid;
    this.permits = permits;
    this.counters = counters;
  }

  /** Whether this attempt's first request was paid for by the dispatcher (the batch's first try). */
  boolean prepaid() {
    return prepaid;
  }

  /** Pays for the next request: once with the dispatcher's permit, then in the lane. */
  void pay() throws InterruptedException {
    counters.calls.incrementAndGet();
    if (prepaid) {
      prepaid = false;
    } else {
      permits.acquire(lane);
    }
  }
}
