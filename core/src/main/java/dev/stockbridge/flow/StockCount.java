package dev.stockbridge.flow;

import dev.stockbridge.reconcile.PlannerItem;
import dev.stockbridge.reconcile.SourceStock;
import java.util.List;

/**
 * One read of the stock source of truth for reconciliation: the planner's catalogue rows (one per
 * variant and warehouse, for the catalogue checks and the finance figures) and the counted positions
 * of the mapped keys. Immutable.
 *
 * @param items every variant row, mapped or not
 * @param counted the counted stock per mapped key
 */
public record StockCount(List<PlannerItem> items, List<SourceStock> counted) {

  /** Copies. */
  public StockCount {
    items = List.copyOf(items);
    counted = List.copyOf(counted);
  }
}
