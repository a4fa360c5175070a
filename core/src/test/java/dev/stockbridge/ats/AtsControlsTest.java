package dev.stockbridge.ats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockbridge.InvalidValueException;
import org.junit.jupiter.api.Test;

class AtsControlsTest {

  @Test
  void shouldChangeNothing_whenNone() {
    AtsControls none = AtsControls.none();
    assertThat(none.excluded()).isFalse();
    assertThat(none.buffer()).isEqualTo(Buffer.none());
    assertThat(none.cap()).isEqualTo(AtsControls.NO_CAP);
    assertThat(none.floor()).isZero();
  }

  @Test
  void shouldChangeOneControl_whenUsingWithers() {
    AtsControls controls =
        AtsControls.none().withExcluded(true).withBuffer(Buffer.units(2)).withCap(40).withFloor(3);
    assertThat(controls).isEqualTo(new AtsControls(true, Buffer.units(2), 40, 3));
  }

  @Test
  void shouldRejectNegativeCapAndFloor_namingTheValue() {
    assertThatThrownBy(() -> AtsControls.none().withCap(-1))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("cap must not be negative (was -1)");
    assertThatThrownBy(() -> AtsControls.none().withFloor(-5))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("floor must not be negative (was -5)");
  }

  @Test
  void shouldRejectFloor_whenAboveCap_becauseTheChannelWouldAlwaysShowZero() {
    assertThatThrownBy(() -> AtsControls.none().withCap(5).withFloor(6))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("floor must not exceed the cap 5")
        .hasMessageContaining("(was 6)");
  }

  @Test
  void shouldRejectNullBuffer() {
    assertThatThrownBy(() -> AtsControls.none().withBuffer(null))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("buffer must not be null");
  }
}
