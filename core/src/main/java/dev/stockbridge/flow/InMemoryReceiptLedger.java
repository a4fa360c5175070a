package dev.stockbridge.flow;

import dev.stockbridge.mapping.VariantId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A receipt ledger in a concurrent map. Thread-safe. */
final class InMemoryReceiptLedger implements ReceiptLedger {

  private final Map<String, Long> received = new ConcurrentHashMap<>();

  @Override
  public long received(String orderId, VariantId variant) {
    return received.getOrDefault(key(orderId, variant), 0L);
  }

  @Override
  public void record(String orderId, VariantId variant, long cumulative) {
    received.merge(key(orderId, variant), cumulative, Math::max);
  }

  private static String key(String orderId, VariantId variant) {
    return orderId + "\u0000" + variant.value();
  }
}
