package dev.stockbridge.reconcile;

import dev.stockbridge.Checks;
import dev.stockbridge.Sku;
import dev.stockbridge.mapping.CatalogueMapping;
import java.util.List;
import java.util.Set;

/**
 * The catalogue side of a reconciliation: the SKUs the storefront publishes, what the planner
 * knows, and the mapping between them. Catalogues are small next to positions, so they are held in
 * memory.
 *
 * @param storefrontSkus every SKU published on the storefront (product variants)
 * @param plannerItems every planner variant, one row per warehouse
 * @param mapping the SKU and location mapping
 */
public record CatalogueView(
    Set<Sku> storefrontSkus, List<PlannerItem> plannerItems, CatalogueMapping mapping) {

  /**
   * Validates and copies.
   *
   * @throws dev.stockbridge.InvalidValueException if a part is null
   */
  public CatalogueView {
    storefrontSkus = Set.copyOf(Checks.notNull("storefrontSkus", storefrontSkus));
    plannerItems = List.copyOf(Checks.notNull("plannerItems", plannerItems));
    Checks.notNull("mapping", mapping);
  }
}
