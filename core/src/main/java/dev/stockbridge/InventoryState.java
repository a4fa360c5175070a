package dev.stockbridge;

import java.util.Locale;

/**
 * A named state that stock can be in. Only sellable states count toward available-to-sell;
 * on-hand states are physically in the location (on hand = the sum of on-hand states). The six
 * built-in states are constants; register more in a {@link StateModel}.
 *
 * @param name the state's name, upper case, e.g. {@code "AVAILABLE"}
 * @param sellable whether stock in this state may be sold on the storefront
 * @param onHand whether stock in this state is physically at the location
 */
public record InventoryState(String name, boolean sellable, boolean onHand) {

  /** Free stock on the shelf: the only built-in sellable state. */
  public static final InventoryState AVAILABLE = new InventoryState("AVAILABLE", true, true);
  /** Committed to orders, not yet shipped. */
  public static final InventoryState RESERVED = new InventoryState("RESERVED", false, true);
  /** Incoming: on a truck or a purchase order, not yet received. */
  public static final InventoryState IN_TRANSIT = new InventoryState("IN_TRANSIT", false, false);
  /** Returns and receipts awaiting a quality check. */
  public static final InventoryState INSPECTION = new InventoryState("INSPECTION", false, true);
  /** Failed inspection or broken in the warehouse. */
  public static final InventoryState DAMAGED = new InventoryState("DAMAGED", false, true);
  /** Held back (recall, compliance, investigation). */
  public static final InventoryState QUARANTINE = new InventoryState("QUARANTINE", false, true);

  /**
   * Validates the name.
   *
   * @throws InvalidValueException if the name is blank or not upper case
   */
  public InventoryState {
    if (name == null || name.isBlank()) {
      throw new InvalidValueException("state", name, "must not be blank");
    }
    if (!name.equals(name.toUpperCase(Locale.ROOT)) || !name.equals(name.strip())) {
      throw new InvalidValueException("state", name, "must be upper case without padding");
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
