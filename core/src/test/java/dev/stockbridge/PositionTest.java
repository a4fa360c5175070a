package dev.stockbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class PositionTest {

  private static final StockKey KEY = StockKey.of("MUG", "dc");
  private static final StateModel MODEL = StateModel.standard();

  @Test
  void shouldCountOnlySellableStates_whenComputingSellable() {
    Position position =
        new Position(
            KEY,
            Map.of(
                InventoryState.AVAILABLE, 5L,
                InventoryState.INSPECTION, 3L,
                InventoryState.DAMAGED, 2L,
                InventoryState.IN_TRANSIT, 10L));
    assertThat(position.sellable()).isEqualTo(5);
    assertThat(position.onHand()).isEqualTo(10);
  }

  @Test
  void shouldReachSellable_onlyWhenInspectionPasses() {
    Position returned = Position.empty(KEY).plus(InventoryState.INSPECTION, 2);
    assertThat(returned.sellable()).isZero();

    Position passed = returned.move(MODEL, InventoryState.INSPECTION, InventoryState.AVAILABLE, 1);
    Position failed = passed.move(MODEL, InventoryState.INSPECTION, InventoryState.DAMAGED, 1);

    assertThat(failed.sellable()).isEqualTo(1);
    assertThat(failed.quantity(InventoryState.DAMAGED)).isEqualTo(1);
    assertThat(failed.quantity(InventoryState.INSPECTION)).isZero();
  }

  @Test
  void shouldRefuseTransition_thatSkipsInspection() {
    Position damaged = Position.empty(KEY).plus(InventoryState.DAMAGED, 1);
    assertThatThrownBy(
            () -> damaged.move(MODEL, InventoryState.DAMAGED, InventoryState.AVAILABLE, 1))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessageContaining("from DAMAGED to AVAILABLE");
  }

  @Test
  void shouldRefuseNegativeQuantities_namingKeyAndState() {
    assertThatThrownBy(() -> Position.empty(KEY).plus(InventoryState.AVAILABLE, -1))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("MUG@dc AVAILABLE")
        .hasMessageContaining("would go negative");
    assertThatThrownBy(() -> new Position(KEY, Map.of(InventoryState.RESERVED, -4L)))
        .hasMessageContaining("must not be negative");
  }

  @Property
  void movingStock_conservesOnHandBetweenOnHandStates(
      @ForAll @IntRange(min = 1, max = 1000) int stock, @ForAll @IntRange(min = 1, max = 1000) int moved) {
    Position position = Position.empty(KEY).plus(InventoryState.INSPECTION, stock);
    if (moved > stock) {
      assertThatThrownBy(
              () -> position.move(MODEL, InventoryState.INSPECTION, InventoryState.AVAILABLE, moved))
          .isInstanceOf(InvalidValueException.class);
      return;
    }
    Position after = position.move(MODEL, InventoryState.INSPECTION, InventoryState.AVAILABLE, moved);
    assertThat(after.onHand()).isEqualTo(position.onHand());
    assertThat(after.sellable()).isEqualTo(moved);
  }
}
