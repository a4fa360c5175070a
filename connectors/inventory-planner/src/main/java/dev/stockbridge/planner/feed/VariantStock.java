package dev.stockbridge.planner.feed;

import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Location;
import dev.stockbridge.Sku;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * One row of the Advanced connection's variant-warehouse file: a SKU's stock in one stock pool,
 * mapped to the planner's variant and warehouse when written.
 *
 * @param sku the SKU
 * @param location the stock pool
 * @param inStock the available stock (on hand minus allocated); may be negative when oversold
 * @param removed whether the variant is no longer stocked there (the planner's soft delete)
 * @param updatedAt when this changed
 * @param minStock the minimum stock to keep, if set
 * @param maxStock the maximum stock to hold, if set
 */
public record VariantStock(
    Sku sku,
    Location location,
    long inStock,
    boolean removed,
    Instant updatedAt,
    OptionalLong minStock,
    OptionalLong maxStock) {

  /**
   * Validates the row.
   *
   * @throws InvalidValueException if a part is null
   */
  public VariantStock {
    Fields.notNull("sku", sku);
    Fields.notNull("location", location);
    Fields.notNull("updatedAt", updatedAt);
    Fields.notNull("minStock", minStock);
    Fields.notNull("maxStock", maxStock);
  }

  /**
   * A row without minimum or maximum stock.
   *
   * @param sku the SKU
   * @param location the stock pool
   * @param inStock the available stock
   * @param removed whether the variant is no longer stocked there
   * @param updatedAt when this changed
   * @return the row
   * @throws InvalidValueException if a part is null
   */
  public static VariantStock of(Sku sku, Location location, long inStock, boolean removed, Instant updatedAt) {
    return new VariantStock(sku, location, inStock, removed, updatedAt, OptionalLong.empty(), OptionalLong.empty());
  }
}
