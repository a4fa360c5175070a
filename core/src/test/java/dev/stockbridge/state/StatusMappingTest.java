package dev.stockbridge.state;

import dev.stockbridge.InventoryState;
import dev.stockbridge.StateModel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Sku;
import org.junit.jupiter.api.Test;

class StatusMappingTest {

  private static final Sku SKU = Sku.of("BOOT-42");
  private static final InventoryState B_STOCK = new InventoryState("B_STOCK", false, true);

  @Test
  void shouldResolveCaseInsensitively_whenStatusIsKnown() {
    StatusMapping mapping = StatusMapping.standard();
    assertThat(mapping.resolve("QC", SKU)).isEqualTo(InventoryState.INSPECTION);
    assertThat(mapping.resolve(" Available ", SKU)).isEqualTo(InventoryState.AVAILABLE);
    assertThat(mapping.resolve("in_transit", SKU)).isEqualTo(InventoryState.IN_TRANSIT);
  }

  @Test
  void shouldThrowNamingStatusAndSku_whenStatusIsUnknown() {
    assertThatThrownBy(() -> StatusMapping.standard().resolve("B-stock", SKU))
        .isInstanceOfSatisfying(
            UnknownStatusException.class,
            e -> {
              assertThat(e.status()).isEqualTo("B-stock");
              assertThat(e.sku()).isEqualTo(SKU);
            })
        .hasMessageContaining("\"B-stock\"")
        .hasMessageContaining("BOOT-42");
    assertThatThrownBy(() -> StatusMapping.standard().resolve(null, SKU))
        .isInstanceOf(UnknownStatusException.class);
  }

  @Test
  void shouldMapCustomStatus_toRegisteredUserState() {
    StateModel model =
        StateModel.standard().toBuilder().transition(InventoryState.INSPECTION, B_STOCK).build();
    StatusMapping mapping = StatusMapping.builder(model).map("B-stock", B_STOCK).build();

    assertThat(mapping.resolve("b-STOCK", SKU)).isEqualTo(B_STOCK);
    assertThat(mapping.resolve("b_stock", SKU).sellable()).isFalse();
    assertThat(model.allows(InventoryState.INSPECTION, B_STOCK)).isTrue();
  }

  @Test
  void shouldRefuseRule_forStateOutsideModel() {
    assertThatThrownBy(() -> StatusMapping.builder(StateModel.standard()).map("B-stock", B_STOCK))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("B_STOCK")
        .hasMessageContaining("not registered");
    assertThatThrownBy(() -> StatusMapping.builder(StateModel.standard()).map("x", "NOPE"))
        .hasMessageContaining("NOPE");
  }

  @Test
  void shouldRefuseClashingRegistration_ofBuiltInName() {
    assertThatThrownBy(
            () -> StateModel.builder().register(new InventoryState("DAMAGED", true, true)))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("DAMAGED");
  }

  @Test
  void standardModel_sendsReturnsThroughInspection() {
    StateModel model = StateModel.standard();
    assertThat(model.allows(InventoryState.INSPECTION, InventoryState.AVAILABLE)).isTrue();
    assertThat(model.allows(InventoryState.INSPECTION, InventoryState.DAMAGED)).isTrue();
    assertThat(model.allows(InventoryState.IN_TRANSIT, InventoryState.INSPECTION)).isTrue();
    assertThat(model.allows(InventoryState.DAMAGED, InventoryState.AVAILABLE)).isFalse();
  }
}
