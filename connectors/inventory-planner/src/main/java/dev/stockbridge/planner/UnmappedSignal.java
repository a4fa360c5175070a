package dev.stockbridge.planner;

import dev.stockbridge.mapping.Lookup;
import dev.stockbridge.mapping.VariantId;
import dev.stockbridge.mapping.WarehouseId;
import java.util.Objects;

/**
 * A planner figure that could not reach the storefront because its variant or warehouse has no
 * mapping. Raised to the host's {@link dev.stockbridge.planner.UnmappedListener}, never dropped
 * silently.
 *
 * @param lookup what the mapping did not know
 * @param variant the planner variant
 * @param warehouse the planner warehouse
 * @param source where the figure came from, e.g. {@code "variant c1_6060"} or {@code "purchase
 *     order 17"}
 */
public record UnmappedSignal(Lookup.Unmapped<?> lookup, VariantId variant, WarehouseId warehouse, String source) {

  /** Validates that nothing is null. */
  public UnmappedSignal {
    Objects.requireNonNull(lookup, "lookup");
    Objects.requireNonNull(variant, "variant");
    Objects.requireNonNull(warehouse, "warehouse");
    Objects.requireNonNull(source, "source");
  }

  /**
   * What was not mapped and where it came from.
   *
   * @return e.g. {@code planner warehouse "w9" is not mapped to a location (purchase order 17)}
   */
  public String message() {
    return lookup.message() + " (" + source + ")";
  }
}
