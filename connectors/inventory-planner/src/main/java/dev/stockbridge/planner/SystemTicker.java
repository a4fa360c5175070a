package dev.stockbridge.planner;

import java.time.Duration;

/** The system ticker: {@link System#nanoTime()} and {@link Thread#sleep(long, int)}. */
enum SystemTicker implements Ticker {
  /** The only instance. */
  INSTANCE;

  @Override
  public long read() {
    return System.nanoTime();
  }

  @Override
  public void sleep(Duration duration) throws InterruptedException {
    Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
  }
}
