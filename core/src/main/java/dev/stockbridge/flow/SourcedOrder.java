package dev.stockbridge.flow;

import dev.stockbridge.InvalidValueException;
import dev.stockbridge.demand.DemandLine;
import dev.stockbridge.order.OrderEvent;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One order as a source read it: the events it means for stock and the demand lines it means for
 * the planner. Immutable.
 *
 * @param orderId the order's id at the source
 * @param createdAt when the order was placed (decides whether it falls before the flow's start)
 * @param events its order events, in the order they happened
 * @param demand its demand lines: sales, cancellations and returns
 */
public record SourcedOrder(String orderId, Instant createdAt, List<OrderEvent> events, List<DemandLine> demand) {

  /** Validates and copies. */
  public SourcedOrder {
    if (orderId == null || orderId.isBlank()) {
      throw new InvalidValueException("orderId", orderId, "must not be blank");
    }
    Objects.requireNonNull(createdAt, "createdAt");
    events = List.copyOf(events);
    demand = List.copyOf(demand);
  }
}
