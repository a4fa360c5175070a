package dev.stockbridge.planner.feed;

import dev.stockbridge.demand.DemandLine;
import java.math.BigDecimal;

/**
 * One sales row as the planner counts it, before bundles are exploded: the demand line it comes
 * from, the units it counts and whether they were cancelled.
 *
 * @param explicitId the row's id in the planner, or null for the sale row id {@code
 *     orderId/lineId} (shared by a sale and its cancellation, so a cancellation updates the sale;
 *     left unbuilt so the common row costs no string): {@code orderId/lineId/cancelled} for the
 *     cancelled units of a partly cancelled line, the demand line's id for a return
 * @param line the demand line
 * @param quantity the units: positive for sales, cancelled or not; negative for returns
 * @param discount the discount on those units, signed like the quantity
 * @param cancelled whether the units were cancelled
 */
record PlannerLine(String explicitId, DemandLine line, long quantity, BigDecimal discount, boolean cancelled) {

  /** The row's id in the planner. @return the explicit id, or {@code orderId/lineId} */
  String rowId() {
    return explicitId != null ? explicitId : SaleRows.saleRowId(line);
  }

  /** Writes the row id as one cell. */
  void writeRowId(CsvRows csv) {
    if (explicitId != null) {
      csv.text(explicitId);
    } else {
      csv.text(line.orderId(), '/', line.lineId());
    }
  }
}
