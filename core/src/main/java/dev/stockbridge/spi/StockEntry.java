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
 * @param heldBack the units the entry holds back from sale (what it shows is sellable stock less
 *     these), as the last update set them; 0 when nothing is held back. Stored with the quantity,
 *     so the entry alone tells sellable stock: {@code quantityOnStock + heldBack}
 * @param ref the storefront's own handle on the entry (commercetools: its id), opaque to
 *     everyone else and handed back with the entry to {@link StorefrontStock#update}; empty for a
 *     storefront that addresses entries by key
 * @param marks the exactly-once marks per ledger ({@link Ledger#appliedOn(StockEntry)} reads
 *     them); {@code appliedSequence} is the single-number marker of before ledgers had identities
 * @param minimumStock the planner's minimum stock the held-back units account for, as the last
 *     update set it; 0 when none. Stored with the held-back units, so that an engine that restarts
 *     takes it up again from the entry and never releases what it held back
 * @param heldWhy why the held-back units are held, by reason, as the last update that set them
 *     wrote it (e.g. {@code "latency 3 (40 order units in 60 s × 900 ms exposure), safety 25"}); empty
 *     when unknown or nothing is held. For people and reports, never parsed
 */
public record StockEntry(
    StockKey key,
    long version,
    long quantityOnStock,
    long availableQuantity,
    long appliedSequence,
    Supply supply,
    long heldBack,
    String ref,
    LedgerMarks marks,
    long minimumStock,
    String heldWhy) {

  /**
   * Validates the entry.
   *
   * @throws InvalidValueException if the key, supply, ref, marks or reasons are null, or the
   *     marker, the held-back units or the minimum stock are negative
   */
  public StockEntry {
    Checks.notNull("key", key);
    Checks.notNull("supply", supply);
    Checks.notNull("ref", ref);
    Checks.notNull("marks", marks);
    Checks.notNull("heldWhy", heldWhy);
    if (appliedSequence < 0) {
      throw new InvalidValueException("appliedSequence", appliedSequence, "must not be negative (" + key + ")");
    }
    if (heldBack < 0) {
      throw new InvalidValueException("heldBack", heldBack, "must not be negative (" + key + ")");
    }
    if (minimumStock < 0) {
      throw new InvalidValueException("minimumStock", minimumStock, "must not be negative (" + key + ")");
    }
  }

  /**
   * An entry that records no reasons for what it holds back.
   *
   * @param key the SKU and storefront location
   * @param version the entry's version
   * @param quantityOnStock the units on stock
   * @param availableQuantity on stock minus reservations
   * @param appliedSequence the single-number marker, 0 when none
   * @param supply the supply fields
   * @param heldBack the units held back from sale
   * @param ref the storefront's handle on the entry
   * @param marks the marks per ledger
   * @param minimumStock the planner's minimum stock the held-back units account for
   * @throws InvalidValueException if a part is invalid
   */
  public StockEntry(
      StockKey key, long version, long quantityOnStock, long availableQuantity, long appliedSequence, Supply supply, long heldBack, String ref,
      LedgerMarks marks, long minimumStock) {
    this(key, version, quantityOnStock, availableQuantity, appliedSequence, supply, heldBack, ref, marks, minimumStock, "");
  }

  /**
   * An entry that records no minimum stock.
   *
   * @param key the SKU and storefront location
   * @param version the entry's version
   * @param quantityOnStock the units on stock
   * @param availableQuantity on stock minus reservations
   * @param appliedSequence the single-number marker, 0 when none
   * @param supply the supply fields
   * @param heldBack the units held back from sale
   * @param ref the storefront's handle on the entry
   * @param marks the marks per ledger
   * @throws InvalidValueException if a part is invalid
   */
  public StockEntry(
      StockKey key, long version, long quantityOnStock, long availableQuantity, long appliedSequence, Supply supply, long heldBack, String ref,
      LedgerMarks marks) {
    this(key, version, quantityOnStock, availableQuantity, appliedSequence, supply, heldBack, ref, marks, 0);
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
   * @param heldBack the units held back from sale
   * @param ref the storefront's handle on the entry
   * @throws InvalidValueException if a part is invalid
   */
  public StockEntry(
      StockKey key, long version, long quantityOnStock, long availableQuantity, long appliedSequence, Supply supply, long heldBack, String ref) {
    this(key, version, quantityOnStock, availableQuantity, appliedSequence, supply, heldBack, ref, LedgerMarks.NONE);
  }

  /**
   * An entry that holds nothing back.
   *
   * @param key the SKU and storefront location
   * @param version the entry's version
   * @param quantityOnStock the units on stock
   * @param availableQuantity on stock minus reservations
   * @param appliedSequence the single-number marker, 0 when none
   * @param supply the supply fields
   * @param ref the storefront's handle on the entry
   * @param marks the marks per ledger
   * @throws InvalidValueException if a part is invalid
   */
  public StockEntry(
      StockKey key, long version, long quantityOnStock, long availableQuantity, long appliedSequence, Supply supply, String ref, LedgerMarks marks) {
    this(key, version, quantityOnStock, availableQuantity, appliedSequence, supply, 0, ref, marks);
  }

  /**
   * An entry that holds nothing back, without marks of ledgers.
   *
   * @param key the SKU and storefront location
   * @param version the entry's version
   * @param quantityOnStock the units on stock
   * @param availableQuantity on stock minus reservations
   * @param appliedSequence the single-number marker, 0 when none
   * @param supply the supply fields
   * @param ref the storefront's handle on the entry
   * @throws InvalidValueException if a part is invalid
   */
  public StockEntry(StockKey key, long version, long quantityOnStock, long availableQuantity, long appliedSequence, Supply supply, String ref) {
    this(key, version, quantityOnStock, availableQuantity, appliedSequence, supply, 0, ref, LedgerMarks.NONE);
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
    this(key, version, quantityOnStock, availableQuantity, appliedSequence, supply, 0, "", LedgerMarks.NONE);
  }

  /**
   * The same entry at another version, as a conflict reports it.
   *
   * @param newVersion the version the storefront reported
   * @return the entry at that version
   */
  public StockEntry withVersion(long newVersion) {
    return new StockEntry(key, newVersion, quantityOnStock, availableQuantity, appliedSequence, supply, heldBack, ref, marks, minimumStock, heldWhy);
  }

  /**
   * The sellable stock this entry stands for: what it shows plus what it holds back.
   *
   * @return {@code quantityOnStock + heldBack}; negative when oversold beyond the holdback
   */
  public long sellable() {
    return quantityOnStock + heldBack;
  }
}
