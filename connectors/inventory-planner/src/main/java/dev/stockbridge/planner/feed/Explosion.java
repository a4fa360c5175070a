package dev.stockbridge.planner.feed;

import dev.stockbridge.Sku;
import dev.stockbridge.bundle.BundleCatalogue;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a planner line into the rows a sales feed writes, per {@link BundleMode}: the line as it
 * is (a declared bundle's sale stays one bundle row, which the planner credits to the components
 * itself), or, when exploding, one row per physical component. Never both: the planner would
 * count the units twice.
 *
 * <p>An exploded component row's unit price and discount are the bundle's spread over the
 * bundle's units, each rounded to the currency's minor unit ({@code 35.00} over 3 units is {@code
 * 11.67}); the component rows of a line then add up to the line's revenue to within half a minor
 * unit per component unit.
 */
final class Explosion {

  private final BundleCatalogue bundles;
  private final BundleMode mode;
  private final Money money = new Money();

  Explosion(BundleCatalogue bundles, BundleMode mode) {
    this.bundles = bundles;
    this.mode = mode;
  }

  /** One feed row. */
  record Part(String rowId, Sku sku, long quantity, BigDecimal unitPrice, BigDecimal discount) {}

  /** Whether a SKU is sold as itself in this mode: not a bundle, or a declared one. */
  boolean soldAsItself(Sku sku) {
    return mode == BundleMode.BUNDLES || !bundles.isBundle(sku);
  }

  /** Whether a SKU is a bundle the feeds declare (variant of type bundle, with components). */
  boolean declaredBundle(Sku sku) {
    return mode == BundleMode.BUNDLES && bundles.isBundle(sku);
  }

  /** Whether a SKU is a bundle that is exploded, so the planner should not see it at all. */
  boolean explodedBundle(Sku sku) {
    return mode == BundleMode.COMPONENTS && bundles.isBundle(sku);
  }

  BundleCatalogue bundles() {
    return bundles;
  }

  List<Part> parts(PlannerLine planned) {
    String currency = planned.line().currency();
    Sku sku = planned.line().sku();
    if (soldAsItself(sku)) {
      return List.of(new Part(planned.rowId(), sku, planned.quantity(),
          money.amount(planned.line().unitPrice(), currency), money.amount(planned.discount(), currency)));
    }
    Map<Sku, Long> components = bundles.components(sku);
    long units = components.values().stream().mapToLong(Long::longValue).sum();
    BigDecimal perUnit = BigDecimal.valueOf(units);
    List<Part> parts = new ArrayList<>(components.size());
    components.forEach((component, perBundle) -> parts.add(new Part(
        planned.rowId() + "/" + component.value(),
        component,
        Math.multiplyExact(planned.quantity(), perBundle),
        spread(planned.line().unitPrice(), BigDecimal.ONE, perUnit, currency),
        spread(planned.discount(), BigDecimal.valueOf(perBundle), perUnit, currency))));
    return parts;
  }

  private BigDecimal spread(BigDecimal amount, BigDecimal share, BigDecimal units, String currency) {
    int digits = money.digits(currency);
    BigDecimal part = amount.multiply(share);
    return digits < 0
        ? part.divide(units, amount.scale() + 4, RoundingMode.HALF_EVEN).stripTrailingZeros()
        : part.divide(units, digits, RoundingMode.HALF_EVEN);
  }
}
