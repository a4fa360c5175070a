package dev.stockbridge.flow;

import dev.stockbridge.Checks;
import dev.stockbridge.Location;
import dev.stockbridge.Sku;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * A priced catalogue variant with the storefront's available stock at each location a feed
 * covers, as {@link FeedFlow} hands it to a {@link FeedPublisher}. Immutable.
 *
 * @param sku the variant's SKU
 * @param title the product's name
 * @param price the price in currency units
 * @param currency the price's ISO 4217 code
 * @param createdAt when the variant was created
 * @param available the storefront's available quantity per location of {@link
 *     FeedPublisher#locations()}; 0 where the SKU has no entry
 */
public record FeedProduct(Sku sku, String title, BigDecimal price, String currency, Instant createdAt, Map<Location, Long> available) {

  /**
   * Validates and copies.
   *
   * @throws dev.stockbridge.InvalidValueException if a part is null or the price is negative
   */
  public FeedProduct {
    Checks.notNull("sku", sku);
    Checks.notNull("title", title);
    Checks.notNegative("price", Checks.notNull("price", price));
    Checks.notNull("currency", currency);
    Checks.notNull("createdAt", createdAt);
    available = Map.copyOf(Checks.notNull("available", available));
  }

  /**
   * The available quantity summed over some locations.
   *
   * @param locations the locations, e.g. those of one planner warehouse
   * @return the sum; locations the product has no figure for count 0
   */
  public long available(Collection<Location> locations) {
    return locations.stream().mapToLong(location -> available.getOrDefault(location, 0L)).sum();
  }
}
