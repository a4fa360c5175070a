package dev.stockbridge.planner.feed;

import dev.stockbridge.demand.DemandLine;
import java.math.BigDecimal;

/**
 * One sales row as the planner counts it, before bundles are exploded: the demand line it comes
 * from, the units it counts and whether they were cancelled.
 *
 * @param rowId the row's id in the planner: {@code orderId/lineId} for a sale and its
 *     cancellation (one row, so a cancellation updates the sale), that plus {@code /cancelled}
 *     for the cancelled units of a partly cancelled line, the demand line's id for a return
 * @param line the demand line
 * @param quantity the units: positive for sales, cancelled or not; negative for returns
 * @param discount the discount on those units, signed like the quantity
 * @param cancelled whether the units were cancelled
 */
record PlannerLine(String rowId, DemandLine line, long quantity, BigDecimal discount, boolean cancelled) {}
