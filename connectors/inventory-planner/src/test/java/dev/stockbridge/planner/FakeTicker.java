package dev.stockbridge.planner;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A ticker whose sleeps move time forward at once, so throttling runs without waiting. */
final class FakeTicker implements Ticker {

  /** An arbitrary origin, far from zero, as System.nanoTime's is. */
  private final AtomicLong now = new AtomicLong(7_000_000_000_123L);

  @Override
  public long read() {
    return now.get();
  }

  @Override
  public void sleep(Duration duration) {
    now.addAndGet(duration.toNanos());
  }
}
