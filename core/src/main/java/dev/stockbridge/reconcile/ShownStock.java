package dev.stockbridge.reconcile;

import dev.stockbridge.Checks;
import dev.stockbridge.InvalidValueException;
import dev.stockbridge.StockKey;
import dev.stockbridge.spi.StockEntry;
import java.time.Instant;
import java.util.OptionalInt;

/**
 * The storefront side of one (SKU, location): what the entry shows, what it holds back, what its
 * reservations take, whether it takes backorders, when it last changed and who changed it.
 *
 * @param key the SKU and location
 * @param quantity the quantity on stock the storefront shows; may be negative after oversell
 * @param available the entry's available quantity: on stock less the storefront's open
 *     reservations
 * @param heldBack the units Stockbridge holds back from sale on the entry (safety stock, buffers):
 *     the sellable stock it stands for is {@code quantity + heldBack}
 * @param restockableInDays the entry's {@code restockableInDays}, which in commercetools lets
 *     {@code ReserveOnOrder} orders through without stock; empty when not set
 * @param reservations the entry's open reservations, or unknown
 * @param lastModified when the entry last changed
 * @param lastWriter who last changed it
 * @param heldWhy why the entry holds back what it does, in words, as its last write recorded it
 *     ({@link StockEntry#heldWhy()}); empty when unknown or nothing is held
 */
public record ShownStock(
    StockKey key,
    long quantity,
    long available,
    long heldBack,
    OptionalInt restockableInDays,
    Reservations reservations,
    Instant lastModified,
    LastWriter lastWriter,
    String heldWhy)
    implements Keyed {

  /**
   * Validates the row.
   *
   * @throws InvalidValueException if a part is null, a quantity out of range or the held-back
   *     units negative
   */
  public ShownStock {
    Checks.notNull("key", key);
    Checks.quantity("quantity", quantity);
    Checks.quantity("available", available);
    Checks.quantity("heldBack", Checks.nonNegative("heldBack", heldBack));
    Checks.notNull("restockableInDays", restockableInDays);
    Checks.notNull("reservations", reservations);
    Checks.notNull("lastModified", lastModified);
    Checks.notNull("lastWriter", lastWriter);
    Checks.notNull("heldWhy", heldWhy);
  }

  /**
   * A row that records no reasons for what it holds back.
   *
   * @param key the SKU and location
   * @param quantity the quantity on stock shown
   * @param available the available quantity
   * @param heldBack the units held back
   * @param restockableInDays the entry's restockable days, or empty
   * @param reservations the open reservations, or unknown
   * @param lastModified when the entry last changed
   * @param lastWriter who last changed it
   * @throws InvalidValueException if a part is null or out of range
   */
  public ShownStock(
      StockKey key, long quantity, long available, long heldBack, OptionalInt restockableInDays, Reservations reservations,
      Instant lastModified, LastWriter lastWriter) {
    this(key, quantity, available, heldBack, restockableInDays, reservations, lastModified, lastWriter, "");
  }

  /**
   * A row of an entry without reservations, holdback or backorders: available equals on stock.
   *
   * @param key the SKU and location
   * @param quantity the quantity on stock shown
   * @param lastModified when the entry last changed
   * @param lastWriter who last changed it
   * @throws InvalidValueException if a part is null or the quantity out of range
   */
  public ShownStock(StockKey key, long quantity, Instant lastModified, LastWriter lastWriter) {
    this(key, quantity, quantity, 0, OptionalInt.empty(), Reservations.unknown(), lastModified, lastWriter);
  }

  /**
   * The row for a storefront entry as read through the SPI: its quantity on stock and available
   * quantity, what it holds back and its restockable days; reservations unknown.
   *
   * @param entry the entry
   * @param lastModified when it last changed
   * @param lastWriter who last changed it
   * @return the row
   * @throws InvalidValueException if a part is null
   */
  public static ShownStock of(StockEntry entry, Instant lastModified, LastWriter lastWriter) {
    Checks.notNull("entry", entry);
    return new ShownStock(
        entry.key(), entry.quantityOnStock(), entry.availableQuantity(), entry.heldBack(),
        entry.supply().restockableInDays(), Reservations.unknown(), lastModified, lastWriter, entry.heldWhy());
  }

  /**
   * The same row with the entry's open reservations as read.
   *
   * @param read the reservations
   * @return the row
   * @throws InvalidValueException if null
   */
  public ShownStock withReservations(Reservations read) {
    return new ShownStock(key, quantity, available, heldBack, restockableInDays, read, lastModified, lastWriter, heldWhy);
  }

  /**
   * The sellable stock the entry stands for: what it shows plus what it holds back.
   *
   * @return {@code quantity + heldBack}
   */
  public long sellable() {
    return quantity + heldBack;
  }

  /**
   * The units the storefront's reservations take off the entry: on stock less available.
   *
   * @return {@code quantity - available}; negative if the entry shows more available than on stock
   */
  public long reserved() {
    return quantity - available;
  }
}
