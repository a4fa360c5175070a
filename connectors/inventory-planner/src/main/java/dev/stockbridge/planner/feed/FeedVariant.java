package dev.stockbridge.planner.feed;

import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Sku;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * One row of the Advanced connection's variant file: a sellable variant, written under the planner
 * variant id the mapping gives its SKU. Whether it is a bundle comes from the bundle catalogue the
 * feeds are built with, not from here.
 *
 * @param sku the SKU
 * @param title the title
 * @param barcode the barcode, if any (the column is required; its cell may be empty)
 * @param productId the product the variant belongs to, e.g. the commercetools product id
 * @param price the selling price
 * @param currency the price's ISO 4217 currency, which sets its decimals
 * @param createdAt when the variant was created
 * @param updatedAt when it last changed
 * @param removed whether it is no longer sold (the planner's soft delete)
 */
public record FeedVariant(
    Sku sku,
    String title,
    Optional<String> barcode,
    String productId,
    BigDecimal price,
    String currency,
    Instant createdAt,
    Instant updatedAt,
    boolean removed) {

  /**
   * Validates the row.
   *
   * @throws InvalidValueException if a part is null, the product id blank, the price negative or
   *     the currency not three letters
   */
  public FeedVariant {
    Fields.notNull("sku", sku);
    Fields.notNull("title", title);
    Fields.notNull("barcode", barcode);
    Fields.notBlank("productId", productId);
    Fields.notNegative("price", price);
    Fields.currency("currency", currency);
    Fields.notNull("createdAt", createdAt);
    Fields.notNull("updatedAt", updatedAt);
  }
}
