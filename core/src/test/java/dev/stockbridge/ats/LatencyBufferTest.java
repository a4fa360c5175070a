package dev.stockbridge.ats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockbridge.InvalidValueException;
import dev.stockbridge.StockKey;
import java.time.Duration;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class LatencyBufferTest {

  private static final LatencyBuffer MINUTE_CAP_10 = LatencyBuffer.of(Duration.ofMinutes(1), 10);
  private static final Duration TWELVE_SECONDS = Duration.ofSeconds(12);

  @Test
  void raw_isVelocityOverTheWindowTimesTheExposure() {
    // 30 units in 60 s = 0.5 a second; 10 s lag + 2 s p99 = 12 s: 6 units
    assertThat(MINUTE_CAP_10.raw(30, TWELVE_SECONDS)).isCloseTo(6.0, Offset.offset(1e-9));
    assertThat(MINUTE_CAP_10.raw(7, Duration.ofSeconds(10))).isCloseTo(7.0 / 6, Offset.offset(1e-9));
    assertThat(MINUTE_CAP_10.raw(0, TWELVE_SECONDS)).isZero();
  }

  @Test
  void next_roundsUp_andStopsAtTheCap() {
    assertThat(MINUTE_CAP_10.next(0, 35, TWELVE_SECONDS)).as("7 exactly").isEqualTo(7);
    assertThat(MINUTE_CAP_10.next(0, 31, TWELVE_SECONDS)).as("6.2 rounds up").isEqualTo(7);
    assertThat(MINUTE_CAP_10.next(0, 500, TWELVE_SECONDS)).as("100 capped").isEqualTo(10);
    assertThat(LatencyBuffer.of(Duration.ofMinutes(1), 0).next(0, 500, TWELVE_SECONDS)).as("a cap of 0 holds nothing").isZero();
  }

  @Test
  void next_movesOnlyByWholeUnits() {
    // 2.4 → rounded up to 3; then 2.4 … 3.9 keep 3 (within a unit), 2.0 or 4.0 move it
    long held = MINUTE_CAP_10.next(0, 12, TWELVE_SECONDS);
    assertThat(held).isEqualTo(3);
    assertThat(MINUTE_CAP_10.next(held, 12, TWELVE_SECONDS)).isEqualTo(3);
    assertThat(MINUTE_CAP_10.next(held, 19, TWELVE_SECONDS)).as("3.8").isEqualTo(3);
    assertThat(MINUTE_CAP_10.next(held, 11, TWELVE_SECONDS)).as("2.2").isEqualTo(3);
    assertThat(MINUTE_CAP_10.next(held, 20, TWELVE_SECONDS)).as("4.0").isEqualTo(4);
    assertThat(MINUTE_CAP_10.next(held, 10, TWELVE_SECONDS)).as("2.0").isEqualTo(2);
    assertThat(MINUTE_CAP_10.next(0, 4, TWELVE_SECONDS)).as("0.8 from nothing: no buffer yet").isZero();
    assertThat(MINUTE_CAP_10.next(3, 0, TWELVE_SECONDS)).as("no orders: back to nothing").isZero();
  }

  @Test
  void next_appliesALoweredCapAtOnce() {
    assertThat(LatencyBuffer.of(Duration.ofMinutes(1), 2).next(5, 25, TWELVE_SECONDS)).isEqualTo(2);
  }

  @Test
  void off_isTheDefault_andHoldsNothing() {
    assertThat(LatencyBuffer.off().enabled()).isFalse();
    assertThat(LatencyBuffer.off().next(0, 1_000_000, Duration.ofMinutes(5))).isZero();
    assertThat(LatencyBuffer.off().raw(1_000, TWELVE_SECONDS)).isZero();
  }

  @Test
  void heldBack_namesTheLatencyBufferAsItsOwnReason() {
    StockKey key = StockKey.of("TEE", "dc");
    HeldBack figure = StorefrontPolicy.showAll().explain(key, 20, 4, 3);

    assertThat(figure.held()).isEqualTo(7);
    assertThat(figure.shown()).isEqualTo(13);
    assertThat(figure.reasons()).containsExactly(java.util.Map.entry("latency", 3L), java.util.Map.entry("safety", 4L));
    assertThat(StorefrontPolicy.showAll().explain(key, 2, 4, 3).reasons()).as("oversold past the buffer: it holds what there is")
        .containsExactly(java.util.Map.entry("latency", 2L));
  }

  @Test
  void settings_refuseNonsense() {
    assertThatThrownBy(() -> LatencyBuffer.of(Duration.ZERO, 5)).isInstanceOf(InvalidValueException.class).hasMessageContaining("window");
    assertThatThrownBy(() -> LatencyBuffer.of(Duration.ofMinutes(1), -1)).isInstanceOf(InvalidValueException.class).hasMessageContaining("cap");
    assertThatThrownBy(() -> MINUTE_CAP_10.recomputedEvery(Duration.ofSeconds(-1))).isInstanceOf(InvalidValueException.class);
  }
}
