package dev.stockbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MovementTest {

  private static final Sku SKU = Sku.of("TEE-RED-M");
  private static final Location DC = Location.of("london-dc");

  @Test
  void shouldRejectBlankSku_whenCreatingSku() {
    assertThatThrownBy(() -> Sku.of("  "))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("sku must not be blank")
        .extracting("field")
        .isEqualTo("sku");
  }

  @Test
  void shouldRejectPaddedSku_becausePaddedSkusAreDifferentSkus() {
    assertThatThrownBy(() -> Sku.of("TEE ")).hasMessageContaining("\"TEE \"");
  }

  @Test
  void shouldRejectNegativeReceipt_naming_theQuantity() {
    assertThatThrownBy(() -> Movement.of(MovementKind.RECEIPT, SKU, DC, -5, "PO-1", "receipt/PO-1"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("wrong sign for RECEIPT movements")
        .hasMessageContaining("-5")
        .hasMessageContaining("TEE-RED-M");
  }

  @Test
  void shouldRejectPositiveOrder_becauseOrdersOnlyTakeStock() {
    assertThatThrownBy(() -> Movement.of(MovementKind.ORDER, SKU, DC, 1, "o1", "order/o1/l1"))
        .hasMessageContaining("wrong sign for ORDER movements");
  }

  @Test
  void shouldRejectZeroAndOverflowingQuantities() {
    assertThatThrownBy(() -> Movement.of(MovementKind.ADJUSTMENT, SKU, DC, 0, "c", "k"))
        .hasMessageContaining("must not be zero");
    assertThatThrownBy(() -> Movement.of(MovementKind.ADJUSTMENT, SKU, DC, Long.MIN_VALUE, "c", "k"))
        .hasMessageContaining("quantity must be within");
  }

  @Test
  void shouldAssignSequence_keepingEverythingElse() {
    Movement movement = Movement.of(MovementKind.ORDER, SKU, DC, -2, "order 1 line 1", "order/1/1");
    Movement sequenced = movement.withSequence(7);
    assertThat(sequenced.sequence()).isEqualTo(7);
    assertThat(sequenced.withSequence(7)).isEqualTo(sequenced);
    assertThat(movement.sequence()).isEqualTo(Movement.UNSEQUENCED);
    assertThat(sequenced.key()).isEqualTo(new StockKey(SKU, DC));
    assertThatThrownBy(() -> movement.withSequence(0)).hasMessageContaining("sequence");
  }

  @Test
  void shouldDeriveSameKey_forSameCause() {
    assertThat(IdempotencyKeys.orderLine("o-1", "l-2")).isEqualTo("order/o-1/l-2");
    assertThat(IdempotencyKeys.orderLineComponent("o-1", "l-2", SKU))
        .isEqualTo("order/o-1/l-2/TEE-RED-M");
    assertThat(IdempotencyKeys.of(MovementKind.RECEIPT, "PO-9/3")).isEqualTo("receipt/PO-9/3");
  }

  @Test
  void shouldRefuseOverflow_whenAddingQuantities() {
    assertThatThrownBy(() -> Quantities.add("total", Quantities.MAX, 1))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("total would exceed");
    assertThatThrownBy(() -> Quantities.multiply("component", Long.MAX_VALUE / 2, 3))
        .hasMessageContaining("component would overflow");
  }

  @Test
  void movementOfInspectionStock_isNotSellable() {
    Movement returned =
        new Movement(
            MovementKind.ADJUSTMENT, SKU, DC, InventoryState.INSPECTION, 1, "return R1", "return/R1", 0);
    assertThat(returned.sellable()).isFalse();
  }
}
