package dev.stockbridge.reconcile;

import dev.stockbridge.Checks;
import dev.stockbridge.mapping.VariantId;
import dev.stockbridge.mapping.WarehouseId;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the planner knows of one variant in one warehouse: stock, stock on open purchase orders,
 * and the planning data a SKU needs before it goes live (lead time, cost).
 *
 * @param variant the planner variant id
 * @param warehouse the planner warehouse id
 * @param inStock the planner's {@code in_stock} (available); may be negative
 * @param onOrder units on open purchase orders ({@code purchase_orders_qty}), not negative
 * @param leadTimeDays the supplier lead time in days, if known
 * @param unitCost the cost price per unit, if known
 */
public record PlannerItem(
    VariantId variant,
    WarehouseId warehouse,
    long inStock,
    long onOrder,
    OptionalInt leadTimeDays,
    Optional<BigDecimal> unitCost) {

  /**
   * Validates the item.
   *
   * @throws dev.stockbridge.InvalidValueException if a part is null, a quantity is out of range,
   *     on-order or lead time is negative or the cost is negative
   */
  public PlannerItem {
    Checks.notNull("variant", variant);
    Checks.notNull("warehouse", warehouse);
    Checks.quantity("inStock", inStock);
    Checks.quantity("onOrder", Checks.nonNegative("onOrder", onOrder));
    Checks.notNull("leadTimeDays", leadTimeDays);
    if (leadTimeDays.isPresent()) {
      Checks.nonNegative("leadTimeDays", leadTimeDays.getAsInt());
    }
    Checks.notNull("unitCost", unitCost);
    if (unitCost.isPresent() && unitCost.get().signum() < 0) {
      throw new dev.stockbridge.InvalidValueException("unitCost", unitCost.get(), "must not be negative");
    }
  }

  /**
   * Whether the planner can replenish and value this variant: it has both a lead time and a cost.
   *
   * @return {@code true} if lead time and cost are known
   */
  public boolean hasPlanningData() {
    return leadTimeDays.isPresent() && unitCost.isPresent();
  }
}
