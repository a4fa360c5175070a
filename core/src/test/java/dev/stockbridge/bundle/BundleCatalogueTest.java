package dev.stockbridge.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockbridge.IdempotencyKeys;
import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Location;
import dev.stockbridge.Movement;
import dev.stockbridge.MovementKind;
import dev.stockbridge.Quantities;
import dev.stockbridge.Sku;
import dev.stockbridge.InventoryState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BundleCatalogueTest {

  private static final Sku GIFT_SET = Sku.of("GIFT-SET");
  private static final Sku MUG_PAIR = Sku.of("MUG-PAIR");
  private static final Sku MUG = Sku.of("MUG");
  private static final Sku TEA = Sku.of("TEA");
  private static final Sku SPOON = Sku.of("SPOON");
  private static final Location DC = Location.of("london-dc");

  /** GIFT-SET = 2 × MUG-PAIR + 1 × TEA; MUG-PAIR = 2 × MUG + 1 × SPOON. */
  private static final BundleCatalogue NESTED =
      BundleCatalogue.builder()
          .bundle(GIFT_SET, Map.of(MUG_PAIR, 2L, TEA, 1L))
          .bundle(MUG_PAIR, Map.of(MUG, 2L, SPOON, 1L))
          .build();

  @Test
  void shouldMultiplyQuantitiesAlongNesting_whenBundleContainsBundle() {
    assertThat(NESTED.components(GIFT_SET))
        .containsExactly(Map.entry(MUG, 4L), Map.entry(SPOON, 2L), Map.entry(TEA, 1L));
    assertThat(NESTED.components(MUG_PAIR))
        .containsExactly(Map.entry(MUG, 2L), Map.entry(SPOON, 1L));
    assertThat(NESTED.bundles()).containsExactly(GIFT_SET, MUG_PAIR);
  }

  @Test
  void shouldSumQuantities_whenLeafIsReachedThroughTwoPaths() {
    BundleCatalogue catalogue =
        BundleCatalogue.builder()
            .component(GIFT_SET, MUG, 1)
            .component(GIFT_SET, MUG_PAIR, 3)
            .component(MUG_PAIR, MUG, 2)
            .build();
    assertThat(catalogue.components(GIFT_SET)).containsExactly(Map.entry(MUG, 7L));
  }

  @Test
  void shouldFlattenTheSame_whenNestedBundleIsDefinedAfterItsParent() {
    BundleCatalogue reversed =
        BundleCatalogue.builder()
            .bundle(MUG_PAIR, Map.of(MUG, 2L, SPOON, 1L))
            .bundle(GIFT_SET, Map.of(TEA, 1L, MUG_PAIR, 2L))
            .build();
    assertThat(reversed.components(GIFT_SET)).isEqualTo(NESTED.components(GIFT_SET));
  }

  @Test
  void shouldListEveryBundleAtAnyDepth_whenAskingWhichBundlesContainAComponent() {
    assertThat(NESTED.bundlesContaining(MUG)).containsExactly(GIFT_SET, MUG_PAIR);
    assertThat(NESTED.bundlesContaining(TEA)).containsExactly(GIFT_SET);
    assertThat(NESTED.bundlesContaining(Sku.of("KETTLE"))).isEmpty();
    assertThat(NESTED.bundlesContaining(MUG_PAIR))
        .as("a nested bundle has no stock of its own, so it is never a changing component")
        .isEmpty();
  }

  @Test
  void shouldShareAComponent_betweenUnrelatedBundles() {
    Sku teaForOne = Sku.of("TEA-FOR-ONE");
    BundleCatalogue catalogue =
        BundleCatalogue.builder()
            .bundle(teaForOne, Map.of(MUG, 1L, TEA, 1L))
            .bundle(MUG_PAIR, Map.of(MUG, 2L))
            .build();
    assertThat(catalogue.bundlesContaining(MUG)).containsExactly(MUG_PAIR, teaForOne);
    assertThat(catalogue.bundlesContaining(TEA)).containsExactly(teaForOne);
  }

  @Test
  void shouldRejectAndNameCycle_whenBundleListsItself() {
    assertThatThrownBy(() -> BundleCatalogue.builder().component(MUG, MUG, 1).build())
        .isInstanceOf(BundleCycleException.class)
        .hasMessageStartingWith("bundle cycle: MUG → MUG;")
        .extracting("cycle")
        .isEqualTo(List.of(MUG, MUG));
  }

  @Test
  void shouldRejectAndNameCycle_whenTwoBundlesContainEachOther() {
    assertThatThrownBy(
            () ->
                BundleCatalogue.builder()
                    .component(GIFT_SET, TEA, 1)
                    .component(GIFT_SET, MUG_PAIR, 1)
                    .component(MUG_PAIR, GIFT_SET, 1)
                    .build())
        .isInstanceOf(BundleCycleException.class)
        .hasMessageContaining("bundle cycle: GIFT-SET → MUG-PAIR → GIFT-SET");
  }

  @Test
  void shouldRejectAndNameOnlyTheCycle_whenCycleIsReachedThroughANestedBundle() {
    Sku a = Sku.of("A");
    Sku b = Sku.of("B");
    Sku c = Sku.of("C");
    Sku entry = Sku.of("0-ENTRY");
    assertThatExceptionOfType(BundleCycleException.class)
        .isThrownBy(
            () ->
                BundleCatalogue.builder()
                    .component(c, a, 1)
                    .component(entry, a, 1)
                    .component(a, b, 2)
                    .component(b, MUG, 1)
                    .component(b, c, 3)
                    .build())
        .withMessageStartingWith("bundle cycle: A → B → C → A;")
        .extracting(BundleCycleException::cycle)
        .isEqualTo(List.of(a, b, c, a));
  }

  @Test
  void shouldRejectQuantity_namingBundleComponentAndValue_whenNotPositive() {
    for (long bad : new long[] {0, -3, Quantities.MAX + 1}) {
      assertThatThrownBy(() -> BundleCatalogue.builder().component(MUG_PAIR, MUG, bad))
          .isInstanceOf(InvalidValueException.class)
          .hasMessageContaining("component MUG in bundle MUG-PAIR must be positive")
          .hasMessageContaining("(was " + bad + ")")
          .extracting("field")
          .isEqualTo("quantity");
    }
  }

  @Test
  void shouldRejectComponent_whenListedTwiceForOneBundle() {
    BundleCatalogue.Builder builder = BundleCatalogue.builder().component(MUG_PAIR, MUG, 2);
    assertThatThrownBy(() -> builder.component(MUG_PAIR, MUG, 2))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("component is listed twice for bundle MUG-PAIR")
        .hasMessageContaining("\"MUG\"");
  }

  @Test
  void shouldRejectBundle_whenItHasNoComponents() {
    assertThatThrownBy(() -> BundleCatalogue.builder().bundle(MUG_PAIR, Map.of()))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("components of bundle MUG-PAIR must not be empty");
  }

  @Test
  void shouldRejectBuild_whenFlattenedQuantityWouldOverflow() {
    BundleCatalogue.Builder builder =
        BundleCatalogue.builder()
            .component(GIFT_SET, MUG_PAIR, 2_000_000)
            .component(MUG_PAIR, MUG, 2_000_000);
    assertThatThrownBy(builder::build)
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("quantity of MUG per bundle GIFT-SET would exceed");
  }

  @Test
  void shouldRefuseComponentsQuery_whenSkuIsNotABundle() {
    assertThatThrownBy(() -> NESTED.components(MUG))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("bundle is not a bundle in this catalogue (was \"MUG\")");
    assertThat(NESTED.isBundle(MUG)).isFalse();
    assertThat(NESTED.isBundle(MUG_PAIR)).isTrue();
  }

  @Test
  void shouldExposeReadOnlyViews() {
    assertThatThrownBy(() -> NESTED.components(MUG_PAIR).put(TEA, 1L))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> NESTED.bundles().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> NESTED.bundlesContaining(MUG).clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void shouldExpandOrderLine_intoComponentMovementsKeyedByComponent() {
    Movement line =
        Movement.of(
                MovementKind.ORDER,
                GIFT_SET,
                DC,
                -3,
                "order 10023 line 2",
                IdempotencyKeys.orderLine("10023", "2"))
            .withSequence(41);

    List<Movement> expanded = NESTED.expand(line);

    assertThat(expanded)
        .containsExactly(
            component(MUG, -12, IdempotencyKeys.orderLineComponent("10023", "2", MUG)),
            component(SPOON, -6, IdempotencyKeys.orderLineComponent("10023", "2", SPOON)),
            component(TEA, -3, IdempotencyKeys.orderLineComponent("10023", "2", TEA)));
  }

  @Test
  void shouldKeepState_whenExpandingBundleMovementOfNonAvailableStock() {
    Movement inspected =
        new Movement(
            MovementKind.ADJUSTMENT, MUG_PAIR, DC, InventoryState.INSPECTION, 1, "return R1",
            "return/R1", Movement.UNSEQUENCED);
    assertThat(NESTED.expand(inspected))
        .extracting(Movement::state)
        .containsOnly(InventoryState.INSPECTION);
  }

  @Test
  void shouldReturnMovementUnchanged_whenSkuIsNotABundle() {
    Movement mug = Movement.of(MovementKind.RECEIPT, MUG, DC, 5, "PO-1", "receipt/PO-1");
    assertThat(NESTED.expand(mug)).containsExactly(mug);
    assertThat(BundleCatalogue.empty().expand(mug)).containsExactly(mug);
    assertThat(BundleCatalogue.empty().bundles()).isEmpty();
  }

  @Test
  void shouldRejectExpansion_whenComponentQuantityWouldOverflow() {
    Movement huge =
        Movement.of(MovementKind.RECEIPT, GIFT_SET, DC, Quantities.MAX / 2, "PO-2", "receipt/PO-2");
    assertThatThrownBy(() -> NESTED.expand(huge))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("quantity of MUG for bundle GIFT-SET would exceed");
  }

  @Test
  void shouldTakeMinimumOverComponents_whenComputingBundleAts() {
    Map<Sku, Long> ats = Map.of(MUG, 9L, SPOON, 10L, TEA, 7L);
    // MUG: 9 / 4 = 2, SPOON: 10 / 2 = 5, TEA: 7 / 1 = 7
    assertThat(NESTED.availableToSell(GIFT_SET, ats::get)).isEqualTo(2);
    assertThat(NESTED.availableToSell(MUG_PAIR, ats::get)).isEqualTo(4);
  }

  @Test
  void shouldCountNegativeComponentAtsAsZero_whenComponentIsOversold() {
    Map<Sku, Long> ats = Map.of(MUG, 100L, SPOON, -4L);
    assertThat(NESTED.availableToSell(MUG_PAIR, ats::get)).isZero();
  }

  @Test
  void shouldRefuseAts_whenSkuIsNotABundle() {
    assertThatThrownBy(() -> NESTED.availableToSell(MUG, sku -> 5))
        .isInstanceOf(InvalidValueException.class);
  }

  private static Movement component(Sku sku, long quantity, String key) {
    return new Movement(
        MovementKind.ORDER,
        sku,
        DC,
        InventoryState.AVAILABLE,
        quantity,
        "order 10023 line 2",
        key,
        Movement.UNSEQUENCED);
  }
}
