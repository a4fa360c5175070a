package dev.stockbridge.planner.feed;

import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Sku;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

/**
 * One row of the Starter connection's purchase-orders file: one SKU on one purchase order.
 *
 * @param poId the purchase order's id
 * @param date when it was placed
 * @param expectedDate when the goods are expected
 * @param sku the SKU ordered (also written as {@code product_id}, as in {@link Product})
 * @param costPrice the unit cost
 * @param status the order's status as the source system names it, e.g. {@code open}; which values
 *     the planner accepts is not documented, so it is passed through
 * @param ordered units ordered
 * @param received units received so far
 * @param poName a display name, if any
 * @param vendor the vendor, if known
 * @param currency the ISO 4217 currency of the cost price, if not the account's
 */
public record PurchaseOrderLine(
    String poId,
    LocalDate date,
    LocalDate expectedDate,
    Sku sku,
    BigDecimal costPrice,
    String status,
    long ordered,
    long received,
    Optional<String> poName,
    Optional<String> vendor,
    Optional<String> currency) {

  /**
   * Validates the row.
   *
   * @throws InvalidValueException if a part is null, the id or status is blank, the cost price or
   *     a quantity is negative
   */
  public PurchaseOrderLine {
    Fields.notBlank("poId", poId);
    Fields.notNull("date", date);
    Fields.notNull("expectedDate", expectedDate);
    Fields.notNull("sku", sku);
    Fields.notNegative("costPrice", costPrice);
    Fields.notBlank("status", status);
    if (ordered < 0 || received < 0) {
      throw new InvalidValueException("ordered/received", ordered + "/" + received,
          "of purchase order " + poId + " must not be negative");
    }
    Fields.notNull("poName", poName);
    Fields.notNull("vendor", vendor);
    Fields.notNull("currency", currency);
  }
}
