package dev.stockbridge.commercetools;

import dev.stockbridge.Checks;
import dev.stockbridge.demand.DemandLine;
import dev.stockbridge.order.OrderEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one read of orders yields: the order events for the engine, the demand lines for the planner
 * feeds, and (for a poll) the watermark to commit once both have been handed on. Events and demand
 * lines carry deterministic ids, so a batch delivered twice changes nothing twice.
 *
 * @param events order events, in order of the orders' last modification
 * @param demand demand lines: sales, cancellations and returns
 * @param watermark the upper bound of the poll, to {@link OrderFeed#commit(OrderBatch) commit}; empty
 *     for orders pushed in from messages
 */
public record OrderBatch(List<OrderEvent> events, List<DemandLine> demand, Optional<Instant> watermark) {

  /** Validates and copies. */
  public OrderBatch {
    events = List.copyOf(events);
    demand = List.copyOf(demand);
    Checks.notNull("watermark", watermark);
  }
}
