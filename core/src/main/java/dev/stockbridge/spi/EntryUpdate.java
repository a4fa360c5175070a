package dev.stockbridge.spi;

import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Quantities;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One atomic change to an entry: a relative quantity change, the exactly-once marker that moves
 * with it, and optionally new supply fields. An adapter applies all parts in one request, so the
 * quantity and the marker commit together or not at all.
 *
 * @param quantityDelta the relative change; 0 changes no quantity
 * @param appliedSequence the new marker, or 0 to leave it unchanged
 * @param supply new supply fields, or empty to leave them unchanged
 * @param heldBack the units the entry holds back from now on, or empty to leave them unchanged;
 *     set in the same request as the quantity, since the quantity change already accounts for the
 *     change of what is held back
 * @param mark the ledger's new mark ({@link LedgerMarks}), or empty to leave the marks unchanged
 * @param minimumStock the planner's minimum stock the held-back units account for from now on, or
 *     empty to leave it unchanged; recorded on the entry so that a restarted engine takes it up again
 * @param heldWhy why the held-back units are held, by reason, or empty to leave it unchanged; for
 *     people and reports (see {@link StockEntry#heldWhy()})
 */
public record EntryUpdate(
    long quantityDelta, long appliedSequence, Optional<Supply> supply, OptionalLong heldBack, Optional<LedgerMark> mark,
    OptionalLong minimumStock, Optional<String> heldWhy) {

  /** The longest reasons an update carries; longer ones are cut (a storefront field has limits). */
  public static final int MAX_WHY = 500;

  /**
   * Validates the update.
   *
   * @throws InvalidValueException if the delta is out of range or the marker negative
   */
  public EntryUpdate {
    if (quantityDelta > Quantities.MAX || quantityDelta < -Quantities.MAX) {
      throw new InvalidValueException("quantityDelta", quantityDelta, "must be within ±" + Quantities.MAX);
    }
    if (appliedSequence < 0) {
      throw new InvalidValueException("appliedSequence", appliedSequence, "must not be negative");
    }
    Objects.requireNonNull(supply, "supply");
    Objects.requireNonNull(heldBack, "heldBack");
    if (heldBack.isPresent() && (heldBack.getAsLong() < 0 || heldBack.getAsLong() > Quantities.MAX)) {
      throw new InvalidValueException("heldBack", heldBack.getAsLong(), "must be within 0 and " + Quantities.MAX);
    }
    Objects.requireNonNull(mark, "mark");
    Objects.requireNonNull(minimumStock, "minimumStock");
    if (minimumStock.isPresent() && (minimumStock.getAsLong() < 0 || minimumStock.getAsLong() > Quantities.MAX)) {
      throw new InvalidValueException("minimumStock", minimumStock.getAsLong(), "must be within 0 and " + Quantities.MAX);
    }
    Objects.requireNonNull(heldWhy, "heldWhy");
    heldWhy = heldWhy.map(why -> why.length() <= MAX_WHY ? why : why.substring(0, MAX_WHY - 1) + "…");
  }

  /**
   * An update that leaves the recorded reasons unchanged.
   *
   * @param quantityDelta the relative change
   * @param appliedSequence the new single-number marker, or 0
   * @param supply new supply fields, or empty
   * @param heldBack the units held back from now on, or empty
   * @param mark the ledger's new mark, or empty
   * @param minimumStock the minimum stock from now on, or empty
   * @throws InvalidValueException if a value is out of range
   */
  public EntryUpdate(
      long quantityDelta, long appliedSequence, Optional<Supply> supply, OptionalLong heldBack, Optional<LedgerMark> mark,
      OptionalLong minimumStock) {
    this(quantityDelta, appliedSequence, supply, heldBack, mark, minimumStock, Optional.empty());
  }

  /**
   * An update that leaves the recorded minimum stock unchanged.
   *
   * @param quantityDelta the relative change
   * @param appliedSequence the new single-number marker, or 0
   * @param supply new supply fields, or empty
   * @param heldBack the units held back from now on, or empty
   * @param mark the ledger's new mark, or empty
   * @throws InvalidValueException if a value is out of range
   */
  public EntryUpdate(long quantityDelta, long appliedSequence, Optional<Supply> supply, OptionalLong heldBack, Optional<LedgerMark> mark) {
    this(quantityDelta, appliedSequence, supply, heldBack, mark, OptionalLong.empty());
  }

  /**
   * An update that sets no ledger's mark.
   *
   * @param quantityDelta the relative change
   * @param appliedSequence the new single-number marker, or 0
   * @param supply new supply fields, or empty
   * @param heldBack the units held back from now on, or empty
   * @throws InvalidValueException if a value is out of range
   */
  public EntryUpdate(long quantityDelta, long appliedSequence, Optional<Supply> supply, OptionalLong heldBack) {
    this(quantityDelta, appliedSequence, supply, heldBack, Optional.empty());
  }

  /**
   * An update that holds back what the entry holds, setting a ledger's mark or none.
   *
   * @param quantityDelta the relative change
   * @param appliedSequence the new single-number marker, or 0
   * @param supply new supply fields, or empty
   * @param mark the ledger's new mark, or empty
   * @throws InvalidValueException if a value is out of range
   */
  public EntryUpdate(long quantityDelta, long appliedSequence, Optional<Supply> supply, Optional<LedgerMark> mark) {
    this(quantityDelta, appliedSequence, supply, OptionalLong.empty(), mark);
  }

  /**
   * Applies coalesced movements of a ledger: the relative change, and the ledger's mark (plus the
   * single-number marker, for a ledger that adopts it).
   *
   * @param quantityDelta the summed change
   * @param mark the ledger's highest sequence included
   * @return the update
   */
  public static EntryUpdate movements(long quantityDelta, LedgerMark mark) {
    return new EntryUpdate(quantityDelta, mark.ledger().adoptsLegacyMarker() ? mark.sequence() : 0, Optional.empty(), OptionalLong.empty(), Optional.of(mark));
  }

  /**
   * An update that leaves what is held back unchanged.
   *
   * @param quantityDelta the relative change; 0 changes no quantity
   * @param appliedSequence the new marker, or 0 to leave it unchanged
   * @param supply new supply fields, or empty to leave them unchanged
   * @throws InvalidValueException if the delta is out of range or the marker negative
   */
  public EntryUpdate(long quantityDelta, long appliedSequence, Optional<Supply> supply) {
    this(quantityDelta, appliedSequence, supply, OptionalLong.empty(), Optional.empty());
  }

  /**
   * This update, also setting what the entry holds back, in the same request.
   *
   * @param units the units held back from now on
   * @return the combined update
   * @throws InvalidValueException if units is negative or too large
   */
  public EntryUpdate withHeldBack(long units) {
    return new EntryUpdate(quantityDelta, appliedSequence, supply, OptionalLong.of(units), mark, minimumStock, heldWhy);
  }

  /**
   * This update, also recording why the entry holds back what it does, in the same request.
   *
   * @param why the reasons, e.g. {@code "safety 25, buffer 5"}; cut at {@value #MAX_WHY} characters
   * @return the combined update
   * @throws InvalidValueException if why is null
   */
  public EntryUpdate withHeldWhy(String why) {
    if (why == null) {
      throw new InvalidValueException("why", null, "must not be null");
    }
    return new EntryUpdate(quantityDelta, appliedSequence, supply, heldBack, mark, minimumStock, Optional.of(why));
  }

  /**
   * This update, also recording the minimum stock the held-back units account for.
   *
   * @param units the minimum stock from now on
   * @return the combined update
   * @throws InvalidValueException if units is negative or too large
   */
  public EntryUpdate withMinimumStock(long units) {
    return new EntryUpdate(quantityDelta, appliedSequence, supply, heldBack, mark, OptionalLong.of(units), heldWhy);
  }

  /**
   * Applies coalesced movements: a relative change and the highest sequence it includes.
   *
   * @param quantityDelta the summed change
   * @param appliedSequence the highest sequence included
   * @return the update
   */
  public static EntryUpdate movements(long quantityDelta, long appliedSequence) {
    return new EntryUpdate(quantityDelta, appliedSequence, Optional.empty());
  }

  /**
   * Moves a derived entry (a bundle) to a target value, relative to the version it was read at: a
   * concurrent write makes it conflict instead of being overwritten.
   *
   * @param read the entry as read
   * @param target the value it should show
   * @return the update
   */
  public static EntryUpdate derived(StockEntry read, long target) {
    return new EntryUpdate(target - read.quantityOnStock(), 0, Optional.empty());
  }

  /**
   * Replaces the supply fields and changes nothing else.
   *
   * @param supply the new supply fields
   * @return the update
   */
  public static EntryUpdate supply(Supply supply) {
    return new EntryUpdate(0, 0, Optional.of(supply));
  }

  /**
   * This update with new supply fields as well, in the same request.
   *
   * @param newSupply the supply fields to set, or null to leave them unchanged
   * @return the combined update
   */
  public EntryUpdate withSupply(Supply newSupply) {
    return newSupply == null ? this : new EntryUpdate(quantityDelta, appliedSequence, Optional.of(newSupply), heldBack, mark, minimumStock, heldWhy);
  }

  /**
   * Whether this update changes nothing, so it need not be sent.
   *
   * @return {@code true} if empty
   */
  public boolean isEmpty() {
    return quantityDelta == 0 && appliedSequence == 0 && supply.isEmpty() && heldBack.isEmpty() && mark.isEmpty() && minimumStock.isEmpty()
        && heldWhy.isEmpty();
  }
}
