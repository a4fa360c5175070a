package dev.stockbridge.flow;

import java.time.Instant;
import java.util.List;

/** {@link OrderQuarantine} in memory. Thread-safe: every method is synchronized. */
final class InMemoryOrderQuarantine implements OrderQuarantine {

  private List<QuarantinedOrder> held = List.of();

  @Override
  public synchronized void hold(RejectedOrder order, Instant at) {
    held = Quarantines.hold(held, order, at);
  }

  @Override
  public synchronized void release(String orderId) {
    held = Quarantines.release(held, orderId);
  }

  @Override
  public synchronized List<QuarantinedOrder> held() {
    return held;
  }
}
