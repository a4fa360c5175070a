package dev.stockbridge.reconcile;

import dev.stockbridge.Checks;
import dev.stockbridge.Sku;
import dev.stockbridge.mapping.CatalogueMapping;
import dev.stockbridge.mapping.WarehouseId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The catalogue side of a reconciliation: the SKUs the storefront publishes, what the planner
 * knows, and the mapping between them. Catalogues are small next to positions, so they are held in
 * memory.
 *
 * <p>The comparison is scoped to the warehouses the mapping maps to a location: a planner account
 * often holds other shops' or channels' warehouses, whose variants are {@link #outOfScope()}, one
 * summary per warehouse, never unmapped findings. A mapping without any warehouse row scopes
 * nothing out.
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

  /**
   * The planner items the comparison covers: those of mapped warehouses.
   *
   * @return the items in scope, in their original order
   */
  public List<PlannerItem> inScope() {
    if (mapping.warehouses().isEmpty()) {
      return plannerItems;
    }
    return plannerItems.stream().filter(item -> mapping.location(item.warehouse()).isMapped()).toList();
  }

  /**
   * The warehouses left out of the comparison because no location maps to them.
   *
   * @return one summary per such warehouse, sorted by warehouse id
   */
  public List<UnmappedWarehouse> outOfScope() {
    if (mapping.warehouses().isEmpty()) {
      return List.of();
    }
    Map<String, Long> rows = new TreeMap<>();
    for (PlannerItem item : plannerItems) {
      if (!mapping.location(item.warehouse()).isMapped()) {
        rows.merge(item.warehouse().value(), 1L, Long::sum);
      }
    }
    List<UnmappedWarehouse> out = new ArrayList<>();
    rows.forEach((warehouse, count) -> out.add(new UnmappedWarehouse(WarehouseId.of(warehouse), count)));
    return List.copyOf(out);
  }
}
