package dev.stockbridge.reconcile;

import dev.stockbridge.Checks;
import dev.stockbridge.StockKey;
import dev.stockbridge.spi.StockEntry;
import java.time.Instant;

/**
 * The storefront side of one (SKU, location): the quantity the storefront shows, when it last
 * changed and who changed it.
 *
 * @param key the SKU and location
 * @param quantity the quantity on stock the storefront shows; may be negative after oversell
 * @param lastModified when the entry last changed
 * @param lastWriter who last changed it
 */
public record ShownStock(StockKey key, long quantity, Instant lastModified, LastWriter lastWriter)
    implements Keyed {

  /**
   * Validates the row.
   *
   * @throws dev.stockbridge.InvalidValueException if a part is null or the quantity out of range
   */
  public ShownStock {
    Checks.notNull("key", key);
    Checks.quantity("quantity", quantity);
    Checks.notNull("lastModified", lastModified);
    Checks.notNull("lastWriter", lastWriter);
  }

  /**
   * The row for a storefront entry as read through the SPI.
   *
   * @param entry the entry
   * @param lastModified when it last changed
   * @param lastWriter who last changed it
   * @return the row, showing the entry's quantity on stock
   * @throws dev.stockbridge.InvalidValueException if a part is null
   */
  public static ShownStock of(StockEntry entry, Instant lastModified, LastWriter lastWriter) {
    return new ShownStock(
        Checks.notNull("entry", entry).key(), entry.quantityOnStock(), lastModified, lastWriter);
  }
}
