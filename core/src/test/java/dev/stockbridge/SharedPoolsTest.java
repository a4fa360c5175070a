package dev.stockbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SharedPoolsTest {

  private static final Location WEB = Location.of("web");
  private static final Location APP = Location.of("app");
  private static final Location POS = Location.of("pos");

  @Test
  void shouldCopyMovementToEverySibling_withDerivedKeys() {
    SharedPools pools = SharedPools.of(List.of(List.of(WEB, APP, POS)));
    Movement sale = Movement.of(MovementKind.ORDER, Sku.of("TEE"), WEB, -2, "order 1", "order/1/1");

    assertThat(pools.siblingCopies(sale))
        .extracting(Movement::location, Movement::idempotencyKey, Movement::quantity)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(APP, "order/1/1@app", -2L),
            org.assertj.core.groups.Tuple.tuple(POS, "order/1/1@pos", -2L));
    assertThat(SharedPools.none().siblingCopies(sale)).isEmpty();
  }

  @Test
  void shouldRejectLocationInTwoPools_andSingletonPools() {
    assertThatThrownBy(() -> SharedPools.of(List.of(List.of(WEB, APP), List.of(APP, POS))))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("location is in two shared pools (was app)");
    assertThatThrownBy(() -> SharedPools.of(List.of(List.of(WEB, WEB))))
        .hasMessageContaining("at least two distinct locations");
  }
}
