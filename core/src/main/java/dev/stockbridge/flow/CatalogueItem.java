package dev.stockbridge.flow;

import dev.stockbridge.Checks;
import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Sku;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * One variant of the storefront's published catalogue, as a {@link CatalogueSource} hands it over.
 * Immutable.
 *
 * @param sku the variant's SKU
 * @param title the product's name
 * @param price the variant's price in currency units (not cents); empty if it has none
 * @param currency the price's ISO 4217 code; present exactly when the price is
 * @param createdAt when the variant (or its product) was created
 */
public record CatalogueItem(Sku sku, String title, Optional<BigDecimal> price, Optional<String> currency, Instant createdAt) {

  /**
   * Validates the item.
   *
   * @throws InvalidValueException if a part is null, the price is negative, or only one of price
   *     and currency is present
   */
  public CatalogueItem {
    Checks.notNull("sku", sku);
    Checks.notNull("title", title);
    Checks.notNull("price", price);
    Checks.notNull("currency", currency);
    Checks.notNull("createdAt", createdAt);
    if (price.isPresent() != currency.isPresent()) {
      throw new InvalidValueException("currency", currency.orElse("none"), "must be present exactly when the price is (" + sku + ")");
    }
    price.ifPresent(value -> Checks.notNegative("price", value));
  }
}
