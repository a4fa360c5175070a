package dev.stockbridge.flow;

import dev.stockbridge.demand.DemandLine;
import dev.stockbridge.order.OrderEvent;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one read of an {@link OrderSource} yields: the orders it could map, the ones it could not
 * (each with its problem), and the checkpoint to commit once both have been handed on. Events and
 * demand lines carry deterministic ids, so a page delivered twice changes nothing twice. Immutable.
 *
 * @param orders the mapped orders, in the order the source read them
 * @param rejected the orders that could not be mapped
 * @param checkpoint how far the read reached, to {@link OrderSource#commit(OrderPage) commit};
 *     empty for orders pushed in from messages or read again by id
 * @param more whether the source has more orders to read right away (a full page was read)
 */
public record OrderPage(List<SourcedOrder> orders, List<RejectedOrder> rejected, Optional<Instant> checkpoint, boolean more) {

  /** Validates and copies. */
  public OrderPage {
    orders = List.copyOf(orders);
    rejected = List.copyOf(rejected);
    Objects.requireNonNull(checkpoint, "checkpoint");
  }

  /**
   * A page of one order or none, read outside the checkpoint (pushed, or read again by id).
   *
   * @param orders the mapped orders
   * @param rejected the rejected orders
   * @return the page, without a checkpoint
   */
  public static OrderPage of(List<SourcedOrder> orders, List<RejectedOrder> rejected) {
    return new OrderPage(orders, rejected, Optional.empty(), false);
  }

  /**
   * Every mapped order's events, in order.
   *
   * @return the events
   */
  public List<OrderEvent> events() {
    return orders.stream().flatMap(order -> order.events().stream()).toList();
  }

  /**
   * Every mapped order's demand lines, in order.
   *
   * @return the demand lines
   */
  public List<DemandLine> demand() {
    return orders.stream().flatMap(order -> order.demand().stream()).toList();
  }
}
