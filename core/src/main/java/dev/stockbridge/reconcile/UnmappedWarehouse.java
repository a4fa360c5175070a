package dev.stockbridge.reconcile;

import dev.stockbridge.Checks;
import dev.stockbridge.mapping.WarehouseId;

/**
 * A planner warehouse no location maps to, summarised instead of compared: its planner rows belong
 * to stock this storefront does not sell from, so listing each as unmapped would bury the real
 * findings.
 *
 * @param warehouse the planner warehouse
 * @param plannerRows how many planner variant rows it holds
 */
public record UnmappedWarehouse(WarehouseId warehouse, long plannerRows) {

  /**
   * Validates the summary.
   *
   * @throws dev.stockbridge.InvalidValueException if the warehouse is null or the count negative
   */
  public UnmappedWarehouse {
    Checks.notNull("warehouse", warehouse);
    Checks.nonNegative("plannerRows", plannerRows);
  }
}
