package dev.stockbridge.ats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Quantities;
import org.junit.jupiter.api.Test;

class BufferTest {

  @Test
  void shouldHoldBackUnits_butNeverMoreThanTheStock() {
    assertThat(Buffer.units(3).heldBack(10)).isEqualTo(3);
    assertThat(Buffer.units(3).heldBack(2)).isEqualTo(2);
    assertThat(Buffer.none().heldBack(10)).isZero();
  }

  @Test
  void shouldRoundPercentUp_soTheChannelNeverShowsMoreThanTheExactValue() {
    assertThat(Buffer.percent(10).heldBack(5)).isEqualTo(1);
    assertThat(Buffer.percent(15).heldBack(10)).isEqualTo(2);
    assertThat(Buffer.percent(10).heldBack(100)).isEqualTo(10);
    assertThat(Buffer.percent(0).heldBack(7)).isZero();
    assertThat(Buffer.percent(100).heldBack(7)).isEqualTo(7);
    assertThat(Buffer.percent(1).heldBack(0)).isZero();
    assertThat(Buffer.percent(99).heldBack(Quantities.MAX)).isEqualTo(990_000_000_000L);
  }

  @Test
  void shouldRejectPercent_whenOutside0To100() {
    for (int bad : new int[] {-1, 101}) {
      assertThatThrownBy(() -> Buffer.percent(bad))
          .isInstanceOf(InvalidValueException.class)
          .hasMessage("buffer percent must be between 0 and 100 (was " + bad + ")");
    }
  }

  @Test
  void shouldRejectUnits_whenNegative() {
    assertThatThrownBy(() -> Buffer.units(-2))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("buffer units must not be negative (was -2)");
  }

  @Test
  void shouldRejectStock_whenNegative() {
    assertThatThrownBy(() -> Buffer.percent(10).heldBack(-1))
        .hasMessageContaining("stock must not be negative");
  }

  @Test
  void shouldDescribeItselfReadably() {
    assertThat(Buffer.units(4)).hasToString("4 units");
    assertThat(Buffer.percent(12)).hasToString("12%");
  }
}
