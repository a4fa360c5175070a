package dev.stockbridge.spi;

import dev.stockbridge.Checks;
import dev.stockbridge.InvalidValueException;
import dev.stockbridge.StockKey;

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
 * @param ref the storefront's own handle on the entry (commercetools: its id), opaque to
 *     everyone else and handed back with the entry to {@link StorefrontStock#update}; empty for a
 *     storefront that addresses entries by key
 * @param marks the exactly-once marks per ledger ({@link Ledger#appliedOn(StockEntry)} reads
 *     them); {@code appliedSequence} is the single-number marker of before ledgers had identities
 */
public record StockEntry(
    StockKey key,
    long version,
    long quantityOnStock,
    long availableQuantity,
    long appliedSequence,
    Supply supply,
    String ref,
    LedgerMarks marks) {

  /**
   * Validates the entry.
   *
   * @throws InvalidValueException if the key, supply or ref is null or the marker is negative
   */
  public StockEntry {
    Checks.notNull("key", key);
    Checks.notNull("supply", supply);
    Checks.notNull("ref", ref);
    Checks.notNull("marks", marks);
    if (appliedSequence < 0) {
      throw new InvalidValueException("appliedSequence", appliedSequence, "must not be negative (" + key + ")");
    }
  }

  /**
   * An entry without marks of ledgers.
   *
   * @param key the SKU and storefront location
   * @param version the entry's version
   * @param quantityOnStock the units on stock
   * @param availableQuantity on stock minus reservations
   * @param appliedSequence the single-number marker, 0 when none
   * @param supply the supply fields
   * @param ref the storefront's handle on the entry
   * @throws InvalidValueException if the key, supply or ref is null or the marker is negative
   */
  public StockEntry(StockKey key, long version, long quantityOnStock, long availableQuantity, long appliedSequence, Supply supply, String ref) {
    this(key, version, quantityOnStock, availableQuantity, appliedSequence, supply, ref, LedgerMarks.NONE);
  }

  /**
   * An entry of a storefront that needs no handle of its own (an empty {@link #ref()}).
   *
   * @param key the SKU and storefront location
   * @param version the entry's version
   * @param quantityOnStock the units on stock
   * @param availableQuantity on stock minus reservations
   * @param appliedSequence the exactly-once marker, 0 when none
   * @param supply the supply fields
   * @throws InvalidValueException if the key or supply is null or the marker is negative
   */
  public StockEntry(StockKey key, long version, long quantityOnStock, long availableQuantity, long appliedSequence, Supply supply) {
    this(key, version, quantityOnStock, availableQuantity, appliedSequence, supply, "", LedgerMarks.NONE);
  }

  /**
   * This entry at another version, everything else as it was: what a clean version conflict tells
   * of an entry whose quantity moved on but whose marker did not.
   *
   * @param newVersion the version the storefront reported
   * @return the entry at that version
   */
  public StockEntry withVersion(long newVersion) {
    return new StockEntry(key, newVersion, quantityOnStock, availableQuantity, appliedSequence, supply, ref, marks);
  }
}
