package dev.stockbridge.commercetools;

import dev.stockbridge.Checks;
import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Sku;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * One variant of the published catalogue with what a planner's products file needs, as {@link
 * CatalogueReader#variants(java.util.function.Consumer)} reads it.
 *
 * @param sku the variant's SKU
 * @param title the product's name in the chosen language
 * @param price the chosen embedded price, in currency units (not cents); empty if the variant has
 *     none that fits
 * @param currency the price's ISO 4217 currency code; present exactly when the price is
 * @param createdAt when the product was created (commercetools keeps no creation time per variant)
 */
public record CatalogueVariant(Sku sku, String title, Optional<BigDecimal> price, Optional<String> currency, Instant createdAt) {

  /**
   * Validates the variant.
   *
   * @throws InvalidValueException if a part is null, the price is negative, or only one of price
   *     and currency is present
   */
  public CatalogueVariant {
    Checks.notNull("sku", sku);
    Checks.notNull("title", title);
    Checks.notNull("price", price);
    Checks.notNull("currency", currency);
    Checks.notNull("createdAt", createdAt);
    if (price.isPresent() != currency.isPresent()) {
      throw new InvalidValueException("currency", currency.orElse("none"), "must be present exactly when the price is (" + sku + ")");
    }
    if (price.isPresent() && price.get().signum() < 0) {
      throw new InvalidValueException("price", price.get(), "must not be negative (" + sku + ")");
    }
  }
}
