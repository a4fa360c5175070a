package dev.stockbridge.planner;

import dev.stockbridge.mapping.VariantId;
import java.util.Objects;

/**
 * One line of a purchase order. Inventory Planner identifies a line by its variant: an order holds
 * each variant once.
 *
 * @param variant the variant ordered (the item's {@code id})
 * @param sku the SKU, empty when absent
 * @param ordered units ordered (the item's {@code replenishment})
 * @param remaining units still to arrive
 * @param received units received so far, cumulative
 */
public record PurchaseOrderItem(VariantId variant, String sku, long ordered, long remaining, long received) {

  /**
   * Validates the line.
   *
   * @throws dev.stockbridge.InvalidValueException if a quantity is negative
   */
  public PurchaseOrderItem {
    Objects.requireNonNull(variant, "variant");
    Objects.requireNonNull(sku, "sku");
    for (long quantity : new long[] {ordered, remaining, received}) {
      if (quantity < 0) {
        throw new dev.stockbridge.InvalidValueException(
            "purchase order item " + variant, quantity, "quantities must not be negative");
      }
    }
  }
}
