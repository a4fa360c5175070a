package dev.stockbridge.planner;

import dev.stockbridge.mapping.WarehouseId;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One variant's planning figures in one warehouse (an entry of the variant's {@code warehouse[]}).
 * Each figure is empty when the API left it out, e.g. because a field selection did not ask for
 * it; quantities Inventory Planner reports with decimals are rounded to whole units.
 *
 * @param warehouse the warehouse id
 * @param inStock {@code in_stock}: available stock (total minus allocated), may be negative
 * @param purchaseOrdersQty {@code purchase_orders_qty}: incoming on open purchase orders
 * @param replenishment {@code replenishment}: units to order to cover the planning period
 * @param toOrder {@code to_order}: the replenishment after MOQ and pack size
 * @param minimumStock {@code minimum_stock}: the only safety stock Inventory Planner has
 * @param leadTime {@code lead_time} in days
 * @param reviewPeriod {@code review_period}: days of stock to cover after the lead time
 * @param daysUntilSellOut {@code oos}: days until stock reaches zero, counting incoming stock
 * @param dailySalesVelocity {@code forecast_description.sales_velocity1}: forecast units per day
 * @param replenishDate {@code replenish_date}: the last day to order before a stock-out
 */
public record WarehouseStock(
    WarehouseId warehouse,
    OptionalLong inStock,
    OptionalLong purchaseOrdersQty,
    OptionalLong replenishment,
    OptionalLong toOrder,
    OptionalLong minimumStock,
    OptionalInt leadTime,
    OptionalInt reviewPeriod,
    OptionalInt daysUntilSellOut,
    OptionalDouble dailySalesVelocity,
    Optional<LocalDate> replenishDate) {

  /** Validates that nothing is null. */
  public WarehouseStock {
    Objects.requireNonNull(warehouse, "warehouse");
    Objects.requireNonNull(inStock, "inStock");
    Objects.requireNonNull(purchaseOrdersQty, "purchaseOrdersQty");
    Objects.requireNonNull(replenishment, "replenishment");
    Objects.requireNonNull(toOrder, "toOrder");
    Objects.requireNonNull(minimumStock, "minimumStock");
    Objects.requireNonNull(leadTime, "leadTime");
    Objects.requireNonNull(reviewPeriod, "reviewPeriod");
    Objects.requireNonNull(daysUntilSellOut, "daysUntilSellOut");
    Objects.requireNonNull(dailySalesVelocity, "dailySalesVelocity");
    Objects.requireNonNull(replenishDate, "replenishDate");
  }
}
