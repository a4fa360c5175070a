package dev.stockbridge.planner.feed;

import dev.stockbridge.Sku;
import dev.stockbridge.bundle.BundleCatalogue;
import dev.stockbridge.demand.DemandLine;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a demand line into the rows a sales-order feed writes, per {@link BundleMode}. Quantities
 * are signed (cancellations and returns negative) and so is the discount, so that price ×
 * quantity − discount nets out across a sale and its return.
 *
 * <p>A component row's unit price and discount are the bundle's spread over the bundle's units:
 * each component unit gets {@code 1 / units per bundle} of the bundle price, so the component
 * rows of a line add up to the line's revenue (to the 4 extra decimals kept).
 */
final class Explosion {

  private static final int EXTRA_SCALE = 4;

  private final BundleCatalogue bundles;
  private final BundleMode mode;

  Explosion(BundleCatalogue bundles, BundleMode mode) {
    this.bundles = bundles;
    this.mode = mode;
  }

  /** One feed row. */
  record Part(String rowId, Sku sku, long quantity, BigDecimal unitPrice, BigDecimal discount) {}

  List<Part> parts(DemandLine line) {
    long sign = Long.signum(line.signedQuantity());
    BigDecimal discount = sign < 0 ? line.discount().negate() : line.discount();
    Part whole = new Part(line.id(), line.sku(), line.signedQuantity(), line.unitPrice(), discount);
    if (mode == BundleMode.BUNDLES || !bundles.isBundle(line.sku())) {
      return List.of(whole);
    }
    Map<Sku, Long> components = bundles.components(line.sku());
    long units = components.values().stream().mapToLong(Long::longValue).sum();
    BigDecimal perUnit = BigDecimal.valueOf(units);
    List<Part> parts = new ArrayList<>(components.size() + 1);
    if (mode == BundleMode.BOTH) {
      parts.add(whole);
    }
    components.forEach((component, perBundle) -> {
      BigDecimal share = BigDecimal.valueOf(perBundle);
      parts.add(new Part(
          line.id() + "/" + component.value(),
          component,
          Math.multiplyExact(line.signedQuantity(), perBundle),
          spread(line.unitPrice(), BigDecimal.ONE, perUnit),
          spread(discount, share, perUnit)));
    });
    return parts;
  }

  private static BigDecimal spread(BigDecimal amount, BigDecimal share, BigDecimal units) {
    return amount
        .multiply(share)
        .divide(units, amount.scale() + EXTRA_SCALE, RoundingMode.HALF_EVEN)
        .stripTrailingZeros();
  }
}
