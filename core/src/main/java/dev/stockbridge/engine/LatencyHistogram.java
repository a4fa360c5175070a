package dev.stockbridge.engine;

import java.time.Duration;
import java.util.Arrays;

/**
 * The order-to-storefront times of the recent past, for the engine's own use (its health, and the
 * adaptive latency buffer's p99): log-linear buckets of microseconds, eight per doubling (a
 * quantile is off by at most an eighth), in two windows that take turns, so quantiles cover the
 * last one to two windows. Host metrics get every observation through the {@code MetricsListener}
 * instead.
 *
 * <p>Thread-safe: every method holds this object's monitor, briefly (one record per storefront
 * update, a quantile per status read or buffer recompute); nothing else is called under it.
 */
final class LatencyHistogram {

  private static final int SUB = 8;
  private static final int LINEAR = 2 * SUB;
  private static final int BUCKETS = LINEAR + (63 - 4) * SUB;

  private final long windowNanos;
  private long[] current = new long[BUCKETS];
  private long[] previous = new long[BUCKETS];
  private long currentSince;
  private long total;

  /** @param window how long each of the two windows lasts */
  LatencyHistogram(Duration window) {
    this.windowNanos = window.toNanos();
    this.currentSince = System.nanoTime();
  }

  /** Records {@code movements} observations of {@code nanos} each, at {@code nowNanos}. */
  synchronized void record(long nanos, int movements, long nowNanos) {
    rotate(nowNanos);
    current[bucket(Math.max(0, nanos) / 1_000)] += movements;
    total += movements;
  }

  /** Every observation since start. */
  synchronized long total() {
    return total;
  }

  /** The observations the quantiles cover, at {@code nowNanos}. */
  synchronized long recent(long nowNanos) {
    rotate(nowNanos);
    long n = 0;
    for (int i = 0; i < BUCKETS; i++) {
      n += current[i] + previous[i];
    }
    return n;
  }

  /** The q-quantile of the recent observations, rounded up to its bucket's bound; zero if none. */
  synchronized Duration quantile(double q, long nowNanos) {
    long n = recent(nowNanos);
    if (n == 0) {
      return Duration.ZERO;
    }
    long rank = Math.max(1, (long) Math.ceil(q * n));
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += current[i] + previous[i];
      if (seen >= rank) {
        return Duration.ofNanos(upperMicros(i) * 1_000);
      }
    }
    return Duration.ofNanos(upperMicros(BUCKETS - 1) * 1_000);
  }

  private void rotate(long nowNanos) {
    long age = nowNanos - currentSince;
    if (age < windowNanos) {
      return;
    }
    long[] recycled = previous;
    Arrays.fill(recycled, 0);
    if (age < 2 * windowNanos) {
      previous = current; // the window that just ended stays for one more
      current = recycled;
    } else {
      Arrays.fill(current, 0); // nothing recorded for a whole window: both are stale
    }
    currentSince = nowNanos;
  }

  /** The bucket of a value in microseconds: exact below 16, then eight buckets per doubling. */
  static int bucket(long micros) {
    if (micros < LINEAR) {
      return (int) micros;
    }
    int exponent = 63 - Long.numberOfLeadingZeros(micros); // >= 4
    int sub = (int) (micros >>> (exponent - 3)) & (SUB - 1);
    return LINEAR + (exponent - 4) * SUB + sub;
  }

  /** The largest value in microseconds that falls in a bucket. */
  static long upperMicros(int bucket) {
    if (bucket < LINEAR) {
      return bucket;
    }
    int exponent = (bucket - LINEAR) / SUB + 4;
    int sub = (bucket - LINEAR) % SUB;
    long lower = (long) (SUB + sub) << (exponent - 3);
    return lower + (1L << (exponent - 3)) - 1;
  }
}
