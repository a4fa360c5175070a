package dev.stockbridge.planner;

import dev.stockbridge.InventoryState;

/**
 * Decides which state received goods enter: {@link InventoryState#INSPECTION} until a quality
 * check passes, or {@link InventoryState#AVAILABLE} straight away. Must be thread-safe.
 */
@FunctionalInterface
public interface ReceiptPolicy {

  /**
   * The state a line's received units enter.
   *
   * @param order the purchase order
   * @param item the line
   * @return the state, usually INSPECTION or AVAILABLE
   */
  InventoryState stateFor(PurchaseOrder order, PurchaseOrderItem item);

  /**
   * Every receipt waits for inspection.
   *
   * @return the policy
   */
  static ReceiptPolicy inspectEverything() {
    return (order, item) -> InventoryState.INSPECTION;
  }

  /**
   * Every receipt is sellable at once.
   *
   * @return the policy
   */
  static ReceiptPolicy sellableOnReceipt() {
    return (order, item) -> InventoryState.AVAILABLE;
  }
}
