package dev.stockbridge.spi;

import dev.stockbridge.InvalidValueException;
import dev.stockbridge.StockKey;
import java.util.Objects;

/**
 * One storefront inventory entry as last read: what the storefront shows for a (SKU, location) and
 * the version that guards every write to it.
 *
 * @param key the SKU and storefront location
 * @param version the entry's version; every update names it (compare-and-set)
 * @param quantityOnStock the units the storefront counts as on stock; may be negative after
 *     oversell
 * @param availableQuantity on stock minus the storefront's own reservations
 * @param appliedSequence the exactly-once marker: every movement of this key with a sequence up to
 *     this one has been applied; 0 when none has
 * @param supply the supply fields shown with the entry
 */
public record StockEntry(
    StockKey key,
    long version,
    long quantityOnStock,
    long availableQuantity,
    long appliedSequence,
    Supply supply) {

  /**
   * Validates the entry.
   *
   * @throws InvalidValueException if the key or supply is null or the marker is negative
   */
  public StockEntry {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(supply, "supply");
    if (appliedSequence < 0) {
      throw new InvalidValueException("appliedSequence", appliedSequence, "must not be negative (" + key + ")");
    }
  }
}
