package dev.stockbridge.planner.feed;

import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Sku;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One row of the Advanced connection's variant-vendor file: a vendor that supplies a SKU, with
 * what we know of the terms. Lead time has no column in this file (nor in any Advanced file): it
 * is set in the planner per variant and warehouse (article 10803098), so the vendor's reference is
 * what we send for finding the item in the vendor's catalogue.
 *
 * @param sku the SKU
 * @param vendorId the vendor's id, as in the vendor file
 * @param costPrice the unit cost, if known
 * @param currency the cost price's ISO 4217 currency, which sets its decimals
 * @param vendorReference the vendor's own code for the item, if known
 * @param moq the minimum order quantity, if any
 * @param removed whether the vendor no longer supplies it (the planner's soft delete)
 * @param updatedAt when this changed
 */
public record VariantVendor(
    Sku sku,
    String vendorId,
    Optional<BigDecimal> costPrice,
    String currency,
    Optional<String> vendorReference,
    OptionalLong moq,
    boolean removed,
    Instant updatedAt) {

  /**
   * Validates the row.
   *
   * @throws InvalidValueException if a part is null, the vendor id blank, the cost or MOQ
   *     negative, or the currency not three letters
   */
  public VariantVendor {
    Fields.notNull("sku", sku);
    Fields.notBlank("vendorId", vendorId);
    Fields.notNull("costPrice", costPrice).ifPresent(cost -> Fields.notNegative("costPrice", cost));
    Fields.currency("currency", currency);
    Fields.notNull("vendorReference", vendorReference);
    if (Fields.notNull("moq", moq).isPresent() && moq.getAsLong() < 0) {
      throw new InvalidValueException("moq", moq.getAsLong(), "must not be negative");
    }
    Fields.notNull("updatedAt", updatedAt);
  }
}
