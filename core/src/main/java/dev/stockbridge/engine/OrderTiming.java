package dev.stockbridge.engine;

import dev.stockbridge.queue.DecrementQueue.Batch;
import dev.stockbridge.queue.OrderStamps;
import dev.stockbridge.logging.RateLimitedWarnings;
import dev.stockbridge.spi.MetricsListener;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.LoggerFactory;

/**
 * Times order movements from acceptance to the storefront: the intake stamps each submission once
 * ({@link #now()}), the queue keeps the stamps with the movements ({@link OrderStamps}), and the
 * settlement of a batch reads the clock once for all it carried. Each run of movements goes to the
 * engine's own {@link LatencyHistogram} (health, the latency buffer's p99) and to the host's
 * {@link MetricsListener}.
 *
 * <p>Uses {@link System#nanoTime()}, like the lanes' waits: a duration, immune to wall-clock steps.
 * Thread-safe: the histogram has its own monitor; the listener is called with no lock held.
 */
final class OrderTiming {

  /** How long each of the histogram's two windows lasts: quantiles cover the last one to two. */
  static final Duration WINDOW = Duration.ofMinutes(1);

  private final LatencyHistogram histogram = new LatencyHistogram(WINDOW);
  private final MetricsListener listener;
  private final RateLimitedWarnings warnings;

  OrderTiming(MetricsListener listener, Clock clock) {
    this.listener = listener;
    this.warnings = RateLimitedWarnings.hourly(LoggerFactory.getLogger(OrderTiming.class), clock);
  }

  /** The moment a submission is accepted, for its stamps. */
  static long now() {
    return System.nanoTime();
  }

  /** A batch reached the storefront: times the order movements it carried, if any were stamped. */
  void settled(Batch batch) {
    OrderStamps stamps = batch.stamps();
    if (stamps == null) {
      return;
    }
    long now = System.nanoTime();
    stamps.forEach((acceptedAt, movements) -> {
      long nanos = Math.max(0, now - acceptedAt);
      histogram.record(nanos, movements, now);
      try {
        listener.orderToStorefront(nanos, movements);
      } catch (RuntimeException e) {
        warnings.warn("listener", "the metrics listener failed (ignored): " + e);
      }
    });
  }

  /** The recent p99, the latency buffer's input. */
  Duration p99() {
    return histogram.quantile(0.99, System.nanoTime());
  }

  /** What health shows. */
  EngineHealth.OrderLatency health() {
    long now = System.nanoTime();
    return new EngineHealth.OrderLatency(histogram.total(), histogram.recent(now), histogram.quantile(0.5, now), histogram.quantile(0.99, now));
  }
}
