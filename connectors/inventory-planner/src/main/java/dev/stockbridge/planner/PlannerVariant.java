package dev.stockbridge.planner;

import dev.stockbridge.mapping.VariantId;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A variant as Inventory Planner reports it, with one block of planning figures per warehouse.
 *
 * @param id the variant id, e.g. {@code c1097_6060}
 * @param sku the SKU, empty when the variant has none or the field was not selected
 * @param title the title, empty when absent
 * @param removed whether the variant was removed in its connection
 * @param warehouses the per-warehouse blocks
 * @param costPrice the cost price per unit, if the planner knows it
 */
public record PlannerVariant(
    VariantId id,
    String sku,
    String title,
    boolean removed,
    List<WarehouseStock> warehouses,
    Optional<BigDecimal> costPrice) {

  /** Validates and copies. */
  public PlannerVariant {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(sku, "sku");
    Objects.requireNonNull(title, "title");
    warehouses = List.copyOf(warehouses);
    Objects.requireNonNull(costPrice, "costPrice");
  }
}
