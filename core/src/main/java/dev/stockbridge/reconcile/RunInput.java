package dev.stockbridge.reconcile;

import dev.stockbridge.Checks;
import java.util.Optional;

/**
 * The views one run compares.
 *
 * @param catalogue the catalogue view, if the run checks SKU sets
 * @param source the expected stock side
 * @param shown the storefront stock side
 */
public record RunInput(
    Optional<CatalogueView> catalogue, StockRows<SourceStock> source, StockRows<ShownStock> shown) {

  /**
   * Validates the input.
   *
   * @throws dev.stockbridge.InvalidValueException if a part is null
   */
  public RunInput {
    Checks.notNull("catalogue", catalogue);
    Checks.notNull("source", source);
    Checks.notNull("shown", shown);
  }
}
