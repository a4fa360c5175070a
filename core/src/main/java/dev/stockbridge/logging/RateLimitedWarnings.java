package dev.stockbridge.logging;

import dev.stockbridge.InvalidValueException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;

/**
 * Logs a warning at WARN at most once per interval for each cause, e.g. a supply update for an
 * inventory entry that does not exist, which would otherwise repeat every sync cycle. The first
 * sighting of a cause is logged at once; repeats within the interval are only counted; the first
 * sighting after the interval is logged with that count. A cause that stops recurring logs
 * nothing more, so its last count may go unreported.
 *
 * <p>Remembers at most {@value #CAUSES} causes, forgetting the longest-unlogged first. Thread-safe:
 * every call holds this object's lock.
 */
public final class RateLimitedWarnings {

  /** The most causes remembered. */
  public static final int CAUSES = 10_000;

  private final Logger log;
  private final Duration interval;
  private final Clock clock;
  private final Map<String, Window> windows = new LinkedHashMap<>(64, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
      return size() > CAUSES;
    }
  };

  private RateLimitedWarnings(Logger log, Duration interval, Clock clock) {
    this.log = Objects.requireNonNull(log, "log");
    this.interval = Objects.requireNonNull(interval, "interval");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (interval.isNegative() || interval.isZero()) {
      throw new InvalidValueException("interval", interval, "must be positive");
    }
  }

  /**
   * Warnings logged at most once an hour per cause.
   *
   * @param log where they go
   * @param clock the clock that times the interval
   * @return the limiter
   * @throws NullPointerException if an argument is null
   */
  public static RateLimitedWarnings hourly(Logger log, Clock clock) {
    return new RateLimitedWarnings(log, Duration.ofHours(1), clock);
  }

  /**
   * Warnings logged at most once per interval per cause.
   *
   * @param log where they go
   * @param interval the shortest time between two lines for one cause
   * @param clock the clock that times the interval
   * @return the limiter
   * @throws NullPointerException if an argument is null
   * @throws InvalidValueException if the interval is not positive
   */
  public static RateLimitedWarnings every(Duration interval, Logger log, Clock clock) {
    return new RateLimitedWarnings(log, interval, clock);
  }

  /**
   * Logs the message unless the same cause was logged within the interval; then only counts it.
   *
   * @param cause what makes two warnings the same, e.g. {@code "ENTRY_NOT_FOUND|MUG@london"}
   * @param message the line to log, without a trailing period
   * @return {@code true} if it was logged
   * @throws NullPointerException if an argument is null
   */
  public synchronized boolean warn(String cause, String message) {
    Objects.requireNonNull(cause, "cause");
    Objects.requireNonNull(message, "message");
    Instant now = clock.instant();
    Window window = windows.get(cause);
    if (window != null && now.isBefore(window.loggedAt.plus(interval))) {
      window.repeats++;
      return false;
    }
    String suffix = window == null || window.repeats == 0 ? ""
        : " (repeated " + window.repeats + (window.repeats == 1 ? " time" : " times") + " in the "
            + Duration.between(window.loggedAt, now).toMinutes() + " min since last logged)";
    windows.remove(cause); // re-inserted last: the map's order is oldest logged first
    windows.put(cause, new Window(now));
    log.warn("{}{}", message, suffix);
    return true;
  }

  /** When a cause was last logged and how often it recurred since. */
  private static final class Window {
    private final Instant loggedAt;
    private long repeats;

    Window(Instant loggedAt) {
      this.loggedAt = loggedAt;
    }
  }
}
