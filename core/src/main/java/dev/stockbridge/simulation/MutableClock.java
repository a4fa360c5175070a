package dev.stockbridge.simulation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock moved by hand, for demos, simulations and tests. Thread-safe. */
public final class MutableClock extends Clock {

  private volatile Instant now;

  /** Creates the clock. @param start the first instant */
  public MutableClock(Instant start) {
    this.now = start;
  }

  /** Sets the clock. @param instant the new time */
  public void set(Instant instant) {
    now = instant;
  }

  /** Moves the clock. @param duration how far */
  public void advance(Duration duration) {
    now = now.plus(duration);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return now;
  }
}
