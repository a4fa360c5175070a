package dev.stockbridge.planner.feed;

import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Sku;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * One row of the Starter connection's products file: a sellable variant and its stock in the
 * connection's warehouse. The SKU doubles as {@code product_id}, here and in the sales-orders file,
 * so the two files always agree.
 *
 * @param sku the variant's SKU
 * @param title the product title
 * @param price the selling price
 * @param createdAt when the variant was created
 * @param stockQuantity the available stock (on hand minus allocated, as the planner means it); may
 *     be negative when oversold
 * @param costPrice the unit cost, if known
 * @param barcode the barcode, if any
 * @param vendor the vendor, if known
 * @param brand the brand, if any
 * @param updatedAt when the variant last changed, if known
 */
public record Product(
    Sku sku,
    String title,
    BigDecimal price,
    Instant createdAt,
    long stockQuantity,
    Optional<BigDecimal> costPrice,
    Optional<String> barcode,
    Optional<String> vendor,
    Optional<String> brand,
    Optional<Instant> updatedAt) {

  /**
   * Validates the row.
   *
   * @throws InvalidValueException if a part is null or a price is negative
   */
  public Product {
    Fields.notNull("sku", sku);
    Fields.notNull("title", title);
    Fields.notNegative("price", price);
    Fields.notNull("createdAt", createdAt);
    Fields.notNull("costPrice", costPrice).ifPresent(cost -> Fields.notNegative("costPrice", cost));
    Fields.notNull("barcode", barcode);
    Fields.notNull("vendor", vendor);
    Fields.notNull("brand", brand);
    Fields.notNull("updatedAt", updatedAt);
  }

  /**
   * A product with only the required columns.
   *
   * @param sku the SKU
   * @param title the title
   * @param price the price
   * @param createdAt when it was created
   * @param stockQuantity the available stock
   * @return the row
   * @throws InvalidValueException as for the canonical constructor
   */
  public static Product of(Sku sku, String title, BigDecimal price, Instant createdAt, long stockQuantity) {
    return new Product(sku, title, price, createdAt, stockQuantity, Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }
}
