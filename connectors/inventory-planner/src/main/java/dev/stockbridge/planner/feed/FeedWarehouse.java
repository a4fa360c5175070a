package dev.stockbridge.planner.feed;

import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Location;
import java.time.Instant;
import java.util.Optional;

/**
 * One row of the Advanced connection's warehouse file: a stock pool, written under the planner
 * warehouse id the mapping gives it.
 *
 * @param location the stock pool
 * @param displayName the name people see in the planner
 * @param currency the warehouse's ISO 4217 currency, or empty for the connection's
 * @param removed whether the warehouse is gone (the planner's soft delete)
 * @param updatedAt when this changed
 */
public record FeedWarehouse(Location location, String displayName, Optional<String> currency, boolean removed, Instant updatedAt) {

  /**
   * Validates the row.
   *
   * @throws InvalidValueException if a part is null or the name is blank
   */
  public FeedWarehouse {
    Fields.notNull("location", location);
    Fields.notBlank("displayName", displayName);
    Fields.notNull("currency", currency).ifPresent(code -> Fields.currency("currency", code));
    Fields.notNull("updatedAt", updatedAt);
  }
}
