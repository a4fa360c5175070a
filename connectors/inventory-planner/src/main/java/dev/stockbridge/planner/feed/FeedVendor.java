package dev.stockbridge.planner.feed;

import dev.stockbridge.InvalidValueException;
import java.time.Instant;

/**
 * One row of the Advanced connection's vendor file. The planner matches vendors by display name
 * and needs at least one (article 10802535).
 *
 * @param vendorId our id for the vendor, used again in the variant-vendor file
 * @param displayName the vendor's name
 * @param currency the ISO 4217 currency of the vendor's purchase orders
 * @param removed whether the vendor is gone (the planner's soft delete)
 * @param updatedAt when this changed
 */
public record FeedVendor(String vendorId, String displayName, String currency, boolean removed, Instant updatedAt) {

  /**
   * Validates the row.
   *
   * @throws InvalidValueException if a part is null or blank, or the currency is not three letters
   */
  public FeedVendor {
    Fields.notBlank("vendorId", vendorId);
    Fields.notBlank("displayName", displayName);
    Fields.currency("currency", currency);
    Fields.notNull("updatedAt", updatedAt);
  }
}
