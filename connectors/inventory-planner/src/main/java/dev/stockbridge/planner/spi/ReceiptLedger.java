package dev.stockbridge.planner.spi;

import dev.stockbridge.mapping.VariantId;
import dev.stockbridge.planner.internal.InMemoryReceiptLedger;

/**
 * Remembers, per purchase order line, the cumulative received quantity already turned into
 * movements, so only the quantity received since is moved next time. Keep it durable: the receipt
 * movements' idempotency keys (order, line, cumulative) make re-reading safe, but a lost ledger
 * would move earlier receipts again under a new cumulative. Must be thread-safe.
 */
public interface ReceiptLedger {

  /**
   * The cumulative quantity already moved for a line.
   *
   * @param orderId the purchase order id
   * @param variant the line's variant
   * @return the quantity, 0 when never seen
   */
  long received(String orderId, VariantId variant);

  /**
   * Records the cumulative quantity moved for a line, once its movements are accepted.
   *
   * @param orderId the purchase order id
   * @param variant the line's variant
   * @param cumulative the cumulative received quantity
   */
  void record(String orderId, VariantId variant, long cumulative);

  /**
   * A ledger held in memory, lost on restart: for tests and demos.
   *
   * @return a new, empty ledger
   */
  static ReceiptLedger inMemory() {
    return new InMemoryReceiptLedger();
  }
}
