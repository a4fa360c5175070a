package dev.stockbridge.ats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockbridge.Channel;
import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Quantities;
import dev.stockbridge.Sku;
import dev.stockbridge.StockKey;
import org.junit.jupiter.api.Test;

class AtsPolicyTest {

  private static final StockKey MUG_AT_DC = StockKey.of("MUG", "london-dc");
  private static final StockKey MUG_AT_STORE = StockKey.of("MUG", "leeds-store");
  private static final StockKey TEA_AT_DC = StockKey.of("TEA", "london-dc");
  private static final Channel WEB = Channel.of("web-uk");
  private static final Channel MARKETPLACE = Channel.of("marketplace");

  private static long ats(AtsControls controls, long sellable, long inFlight, long safety) {
    return AtsPolicy.builder()
        .defaults(controls)
        .build()
        .availableToSell(MUG_AT_DC, WEB, sellable, inFlight, safety);
  }

  @Test
  void shouldSubtractCommitmentsAndSafetyStock_whenNoControls() {
    assertThat(AtsPolicy.unrestricted().availableToSell(MUG_AT_DC, WEB, 20, 3, 5)).isEqualTo(12);
  }

  @Test
  void shouldShowZero_whenOversoldOrCommitmentsExceedStock() {
    assertThat(ats(AtsControls.none(), -4, 0, 0)).isZero();
    assertThat(ats(AtsControls.none(), 5, 4, 2)).isZero();
  }

  @Test
  void shouldShowZero_whenExcluded() {
    assertThat(ats(AtsControls.none().withExcluded(true), 500, 0, 0)).isZero();
  }

  @Test
  void shouldHoldBackUnitsBuffer_butNeverGoBelowZero() {
    AtsControls controls = AtsControls.none().withBuffer(Buffer.units(3));
    assertThat(ats(controls, 10, 0, 0)).isEqualTo(7);
    assertThat(ats(controls, 2, 0, 0)).isZero();
  }

  @Test
  void shouldRoundPercentBufferUp_soTheChannelNeverShowsMoreThanTheExactValue() {
    AtsControls controls = AtsControls.none().withBuffer(Buffer.percent(10));
    assertThat(ats(controls, 5, 0, 0)).as("90% of 5 is 4.5").isEqualTo(4);
    assertThat(ats(controls, 100, 0, 0)).isEqualTo(90);
  }

  @Test
  void shouldShowAtMostTheCap() {
    AtsControls controls = AtsControls.none().withCap(50);
    assertThat(ats(controls, 80, 0, 0)).isEqualTo(50);
    assertThat(ats(controls, 30, 0, 0)).isEqualTo(30);
  }

  @Test
  void shouldShowZero_whenBelowTheFloor_andTheStock_whenAtTheFloor() {
    AtsControls controls = AtsControls.none().withFloor(3);
    assertThat(ats(controls, 2, 0, 0)).isZero();
    assertThat(ats(controls, 3, 0, 0)).isEqualTo(3);
  }

  @Test
  void shouldApplyControlsInDocumentedOrder_asInTheWorkedExample() {
    AtsControls controls =
        AtsControls.none().withBuffer(Buffer.percent(10)).withCap(50).withFloor(3);
    assertThat(ats(controls, 120, 5, 15)).isEqualTo(50);
    assertThat(ats(controls, 27, 5, 15)).isEqualTo(6);
    assertThat(ats(controls, 22, 5, 15)).isZero();
  }

  @Test
  void shouldTakePercentBufferOfUncappedStock_becauseTheBufferComesBeforeTheCap() {
    AtsControls controls = AtsControls.none().withBuffer(Buffer.percent(10)).withCap(50);
    // buffer then cap: min(100 − 10, 50) = 50; cap then buffer would give 50 − 5 = 45
    assertThat(ats(controls, 100, 0, 0)).isEqualTo(50);
  }

  @Test
  void shouldCompareFloorWithBufferedStock_becauseTheFloorComesAfterTheBuffer() {
    AtsControls controls = AtsControls.none().withBuffer(Buffer.units(2)).withFloor(5);
    // 6 − 2 = 4 is below the floor; a floor before the buffer would let 4 through
    assertThat(ats(controls, 6, 0, 0)).isZero();
    assertThat(ats(controls, 7, 0, 0)).isEqualTo(5);
  }

  @Test
  void shouldExplainEachStep() {
    AtsControls controls =
        AtsControls.none().withBuffer(Buffer.percent(10)).withCap(50).withFloor(3);
    AtsBreakdown breakdown =
        AtsPolicy.builder().channel(WEB, controls).build().explain(MUG_AT_DC, WEB, 120, 5, 15);

    assertThat(breakdown.scope()).isEqualTo(AtsScope.CHANNEL);
    assertThat(breakdown.controls()).isEqualTo(controls);
    assertThat(breakdown.base()).isEqualTo(100);
    assertThat(breakdown.afterExclusion()).isEqualTo(100);
    assertThat(breakdown.heldBack()).isEqualTo(10);
    assertThat(breakdown.afterBuffer()).isEqualTo(90);
    assertThat(breakdown.afterCap()).isEqualTo(50);
    assertThat(breakdown.availableToSell()).isEqualTo(50);
    assertThat(breakdown)
        .hasToString(
            "max(0, 120 − 5 − 15) = 100; not excluded; buffer 10% holds 10 → 90; cap 50 → 50;"
                + " floor 3 → 50 (scope CHANNEL)");
  }

  @Test
  void shouldPickMostSpecificScope_andReplaceLessSpecificControls() {
    AtsPolicy policy =
        AtsPolicy.builder()
            .defaults(AtsControls.none().withCap(100))
            .channel(WEB, AtsControls.none().withBuffer(Buffer.units(5)))
            .channelSku(WEB, MUG_AT_DC.sku(), AtsControls.none().withCap(20))
            .channelSkuLocation(WEB, MUG_AT_DC, AtsControls.none().withCap(10))
            .build();

    assertThat(policy.explain(MUG_AT_DC, WEB, 200, 0, 0))
        .returns(AtsScope.CHANNEL_SKU_LOCATION, AtsBreakdown::scope)
        .returns(10L, AtsBreakdown::availableToSell);
    assertThat(policy.explain(MUG_AT_STORE, WEB, 200, 0, 0))
        .returns(AtsScope.CHANNEL_SKU, AtsBreakdown::scope)
        .as("channel-SKU controls replace the channel's buffer rather than adding to it")
        .returns(20L, AtsBreakdown::availableToSell);
    assertThat(policy.explain(TEA_AT_DC, WEB, 200, 0, 0))
        .returns(AtsScope.CHANNEL, AtsBreakdown::scope)
        .returns(195L, AtsBreakdown::availableToSell);
    assertThat(policy.explain(MUG_AT_DC, MARKETPLACE, 200, 0, 0))
        .returns(AtsScope.DEFAULT, AtsBreakdown::scope)
        .returns(100L, AtsBreakdown::availableToSell);
  }

  @Test
  void shouldLiftChannelExclusionForOneSku_whenTheSkuHasItsOwnControls() {
    AtsPolicy policy =
        AtsPolicy.builder()
            .channel(MARKETPLACE, AtsControls.none().withExcluded(true))
            .channelSku(MARKETPLACE, Sku.of("TEA"), AtsControls.none())
            .build();
    assertThat(policy.availableToSell(MUG_AT_DC, MARKETPLACE, 10, 0, 0)).isZero();
    assertThat(policy.availableToSell(TEA_AT_DC, MARKETPLACE, 10, 0, 0)).isEqualTo(10);
  }

  @Test
  void shouldRejectNegativeInputs_namingTheValue() {
    AtsPolicy policy = AtsPolicy.unrestricted();
    assertThatThrownBy(() -> policy.availableToSell(MUG_AT_DC, WEB, 10, 0, -1))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("safetyStock must not be negative (was -1)");
    assertThatThrownBy(() -> policy.availableToSell(MUG_AT_DC, WEB, 10, -2, 0))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("inFlightCommitments must not be negative (was -2)");
    assertThatThrownBy(() -> policy.availableToSell(MUG_AT_DC, WEB, Long.MIN_VALUE, 0, 0))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("sellable must be within ±" + Quantities.MAX);
    assertThatThrownBy(() -> policy.availableToSell(null, WEB, 1, 0, 0))
        .hasMessageContaining("key must not be null");
  }

  @Test
  void shouldStayExact_atTheLimitsOfTheQuantityRange() {
    assertThat(ats(AtsControls.none(), -Quantities.MAX, Quantities.MAX, Quantities.MAX)).isZero();
    assertThat(ats(AtsControls.none().withBuffer(Buffer.percent(1)), Quantities.MAX, 0, 0))
        .isEqualTo(990_000_000_000L);
  }

  @Test
  void shouldRejectSecondControls_forTheSameScope() {
    AtsPolicy.Builder builder =
        AtsPolicy.builder().channelSku(WEB, MUG_AT_DC.sku(), AtsControls.none());
    assertThatThrownBy(() -> builder.channelSku(WEB, MUG_AT_DC.sku(), AtsControls.none()))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("CHANNEL_SKU already has controls; give each scope controls once"
            + " (was \"web-uk/MUG\")");
  }
}
