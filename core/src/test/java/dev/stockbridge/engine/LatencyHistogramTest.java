package dev.stockbridge.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

  private static final long MS = 1_000_000;

  @Test
  void bucket_boundsContainTheirValues_andAreOffByAtMostAnEighth() {
    for (long micros : new long[] {0, 1, 15, 16, 17, 31, 32, 1000, 123_456, 10_000_000_000L, Long.MAX_VALUE / 1000}) {
      int bucket = LatencyHistogram.bucket(micros);
      assertThat(LatencyHistogram.upperMicros(bucket)).as("upper bound of %d", micros).isGreaterThanOrEqualTo(micros);
      assertThat(LatencyHistogram.upperMicros(bucket)).isLessThanOrEqualTo(micros + Math.max(1, micros / 8) + 1);
      if (bucket > 0) {
        assertThat(LatencyHistogram.upperMicros(bucket - 1)).as("the bucket below ends below %d", micros).isLessThan(micros);
      }
    }
  }

  @Test
  void quantiles_countEachMovementOfARun() {
    LatencyHistogram histogram = new LatencyHistogram(Duration.ofMinutes(1));
    long now = System.nanoTime();
    histogram.record(10 * MS, 98, now);
    histogram.record(900 * MS, 2, now);

    assertThat(histogram.total()).isEqualTo(100);
    assertThat(histogram.quantile(0.5, now)).isBetween(Duration.ofMillis(10), Duration.ofMillis(12));
    assertThat(histogram.quantile(0.98, now)).isBetween(Duration.ofMillis(10), Duration.ofMillis(12));
    assertThat(histogram.quantile(0.99, now)).isBetween(Duration.ofMillis(900), Duration.ofMillis(1020));
  }

  @Test
  void quantiles_forgetWhatIsOlderThanTwoWindows_butTheTotalKeepsIt() {
    LatencyHistogram histogram = new LatencyHistogram(Duration.ofSeconds(60));
    long start = System.nanoTime();
    histogram.record(900 * MS, 5, start);

    long oneWindowLater = start + Duration.ofSeconds(61).toNanos();
    histogram.record(1 * MS, 5, oneWindowLater);
    assertThat(histogram.recent(oneWindowLater)).as("the previous window still counts").isEqualTo(10);

    long twoWindowsLater = oneWindowLater + Duration.ofSeconds(121).toNanos();
    assertThat(histogram.recent(twoWindowsLater)).isZero();
    assertThat(histogram.quantile(0.99, twoWindowsLater)).isEqualTo(Duration.ZERO);
    assertThat(histogram.total()).isEqualTo(10);
  }
}
