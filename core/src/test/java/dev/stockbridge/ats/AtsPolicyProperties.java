package dev.stockbridge.ats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockbridge.Channel;
import dev.stockbridge.StockKey;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Invariants of the available-to-sell pipeline over random controls and inputs. */
class AtsPolicyProperties {

  private static final StockKey KEY = StockKey.of("MUG", "dc");
  private static final Channel WEB = Channel.of("web");

  @Property
  void ats_isNeverNegative_andNeverDecreasesWhenSellableStockGrows(
      @ForAll("controls") AtsControls controls,
      @ForAll @LongRange(min = -200, max = 2000) long sellable,
      @ForAll @LongRange(min = 0, max = 500) long growth,
      @ForAll @LongRange(min = 0, max = 200) long inFlight,
      @ForAll @LongRange(min = 0, max = 200) long safety) {
    AtsPolicy policy = AtsPolicy.builder().channel(WEB, controls).build();
    long before = policy.availableToSell(KEY, WEB, sellable, inFlight, safety);
    long after = policy.availableToSell(KEY, WEB, sellable + growth, inFlight, safety);
    assertThat(before).isNotNegative();
    assertThat(after).isGreaterThanOrEqualTo(before);
  }

  @Property
  void ats_neverShowsMoreThanTheBaseOrTheCap(
      @ForAll("controls") AtsControls controls,
      @ForAll @LongRange(min = -200, max = 2000) long sellable,
      @ForAll @LongRange(min = 0, max = 200) long inFlight,
      @ForAll @LongRange(min = 0, max = 200) long safety) {
    AtsPolicy policy = AtsPolicy.builder().defaults(controls).build();
    long ats = policy.availableToSell(KEY, WEB, sellable, inFlight, safety);
    assertThat(ats).isLessThanOrEqualTo(Math.max(0, sellable - inFlight - safety));
    assertThat(ats).isLessThanOrEqualTo(controls.cap());
    assertThat(ats == 0 || ats >= controls.floor()).isTrue();
    if (controls.excluded()) {
      assertThat(ats).isZero();
    }
  }

  @Property
  void percentBuffer_leavesTheLargestWholeNumberNotAboveTheExactValue(
      @ForAll @IntRange(min = 0, max = 100) int percent,
      @ForAll @LongRange(min = 0, max = 1_000_000) long stock) {
    AtsBreakdown breakdown =
        new AtsBreakdown(
            AtsScope.DEFAULT, AtsControls.none().withBuffer(Buffer.percent(percent)), stock, 0, 0);
    long shown = breakdown.afterBuffer();
    // exact value = stock × (100 − percent) / 100
    assertThat(shown * 100).isLessThanOrEqualTo(stock * (100 - percent));
    assertThat((shown + 1) * 100).isGreaterThan(stock * (100 - percent));
  }

  @Provide
  Arbitrary<AtsControls> controls() {
    Arbitrary<Buffer> buffers =
        Arbitraries.oneOf(
            Arbitraries.longs().between(0, 300).map(Buffer::units),
            Arbitraries.integers().between(0, 100).map(Buffer::percent));
    Arbitrary<Long> caps =
        Arbitraries.oneOf(
            Arbitraries.just(AtsControls.NO_CAP), Arbitraries.longs().between(0, 1500));
    // excluded rarely, or most samples would show 0 whatever the stock
    Arbitrary<Boolean> excluded = Arbitraries.frequency(Tuple.of(1, true), Tuple.of(5, false));
    return Combinators.combine(excluded, buffers, caps, Arbitraries.longs().between(0, 100))
        .as((ex, buffer, cap, floor) -> new AtsControls(ex, buffer, cap, Math.min(cap, floor)));
  }
}
