package dev.stockbridge.flow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The one rule both quarantines follow when an order is held again. Stateless. */
final class Quarantines {

  private Quarantines() {}

  /** The held orders after holding one more: a new entry, or the old one with another attempt. */
  static List<QuarantinedOrder> hold(List<QuarantinedOrder> held, RejectedOrder order, Instant at) {
    List<QuarantinedOrder> next = new ArrayList<>(held.size() + 1);
    QuarantinedOrder previous = null;
    for (QuarantinedOrder entry : held) {
      if (entry.orderId().equals(order.orderId())) {
        previous = entry;
      } else {
        next.add(entry);
      }
    }
    next.add(previous == null
        ? new QuarantinedOrder(order.orderId(), order.problem(), at, at, 1)
        : new QuarantinedOrder(order.orderId(), order.problem(), previous.firstHeld(), at, previous.attempts() + 1));
    next.sort(Comparator.comparing(QuarantinedOrder::firstHeld).thenComparing(QuarantinedOrder::orderId));
    return List.copyOf(next);
  }

  /** The held orders without one. */
  static List<QuarantinedOrder> release(List<QuarantinedOrder> held, String orderId) {
    return held.stream().filter(entry -> !entry.orderId().equals(orderId)).toList();
  }
}
