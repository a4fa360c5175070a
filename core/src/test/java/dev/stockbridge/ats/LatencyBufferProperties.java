package dev.stockbridge.ats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** The latency buffer stays within its cap and moves by whole units only, whatever the velocities. */
class LatencyBufferProperties {

  @Provide
  Arbitrary<List<Long>> velocities() {
    return Arbitraries.longs().between(0, 2_000).list().ofMinSize(1).ofMaxSize(40);
  }

  @Property
  void buffer_staysBetweenZeroAndTheCap_andFollowsTheFigureWithinAUnit(
      @ForAll("velocities") List<Long> unitsPerWindow,
      @ForAll @IntRange(min = 1, max = 600) int windowSeconds,
      @ForAll @LongRange(min = 0, max = 50) long cap,
      @ForAll @IntRange(min = 0, max = 120_000) int exposureMillis) {
    LatencyBuffer settings = LatencyBuffer.of(Duration.ofSeconds(windowSeconds), cap);
    Duration exposure = Duration.ofMillis(exposureMillis);
    long buffer = 0;
    for (long units : unitsPerWindow) {
      long next = settings.next(buffer, units, exposure);
      double raw = settings.raw(units, exposure);
      assertThat(next).isBetween(0L, cap);
      if (next != buffer) {
        assertThat(Math.abs(raw - buffer)).as("moved only by a whole unit of the figure").isGreaterThanOrEqualTo(1.0);
        assertThat(next).as("to the figure rounded up, or the cap").isEqualTo((long) Math.min(cap, Math.ceil(raw)));
      } else {
        assertThat(Math.abs(raw - buffer) < 1 || buffer == cap || buffer == Math.ceil(raw)).isTrue();
      }
      buffer = next;
    }
  }
}
