package dev.stockbridge.mapping;

import dev.stockbridge.Checks;
import dev.stockbridge.InvalidValueException;

/**
 * Where the planner books a storefront SKU's stock: its variant in its warehouse.
 *
 * @param variant the planner variant id
 * @param warehouse the planner warehouse id
 */
public record PlannerKey(VariantId variant, WarehouseId warehouse) {

  /**
   * Validates the key.
   *
   * @throws InvalidValueException if either part is null
   */
  public PlannerKey {
    Checks.notNull("planner_variant_id", variant);
    Checks.notNull("planner_warehouse", warehouse);
  }
}
