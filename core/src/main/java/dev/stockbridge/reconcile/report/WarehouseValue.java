package dev.stockbridge.reconcile.report;

import dev.stockbridge.Checks;
import dev.stockbridge.reconcile.PlannerItem;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * For finance: one warehouse's stock valued at cost beside the value of its open purchase orders.
 *
 * @param warehouse the planner warehouse id
 * @param stockAtCost units in stock (negative counts as none) times unit cost
 * @param openOrderValue units on open purchase orders times unit cost
 * @param unvaluedItems variants left out for lack of a cost
 */
public record WarehouseValue(
    String warehouse, BigDecimal stockAtCost, BigDecimal openOrderValue, long unvaluedItems) {

  /**
   * Validates the values.
   *
   * @throws dev.stockbridge.InvalidValueException if a part is null or blank, or the count negative
   */
  public WarehouseValue {
    Checks.token("warehouse", warehouse, 256);
    Checks.notNull("stockAtCost", stockAtCost);
    Checks.notNull("openOrderValue", openOrderValue);
    Checks.nonNegative("unvaluedItems", unvaluedItems);
  }

  /**
   * Values every warehouse the planner items name, sorted by warehouse.
   *
   * @param items the planner items
   * @return one value per warehouse
   */
  public static List<WarehouseValue> of(List<PlannerItem> items) {
    Map<String, BigDecimal[]> sums = new TreeMap<>();
    Map<String, Long> unvalued = new TreeMap<>();
    for (PlannerItem item : Checks.notNull("items", items)) {
      String warehouse = item.warehouse().value();
      BigDecimal[] sum = sums.computeIfAbsent(warehouse, w -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
      unvalued.putIfAbsent(warehouse, 0L);
      if (item.unitCost().isEmpty()) {
        unvalued.merge(warehouse, 1L, Long::sum);
        continue;
      }
      BigDecimal cost = item.unitCost().get();
      sum[0] = sum[0].add(cost.multiply(BigDecimal.valueOf(Math.max(0, item.inStock()))));
      sum[1] = sum[1].add(cost.multiply(BigDecimal.valueOf(item.onOrder())));
    }
    List<WarehouseValue> values = new ArrayList<>();
    sums.forEach((w, s) -> values.add(new WarehouseValue(w, s[0], s[1], unvalued.get(w))));
    return List.copyOf(values);
  }
}
