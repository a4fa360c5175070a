package dev.stockbridge.spi;

import dev.stockbridge.InvalidValueException;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The supply fields a storefront shows beside a quantity, fed from the planner: when the next
 * delivery is due, how many days a restock takes, and the safety stock held back. Empty means "not
 * known"; writing an empty field clears it.
 *
 * @param expectedDelivery when the next purchase order is due
 * @param restockableInDays how many days a restock takes
 * @param safetyStock units held back from sale
 */
public record Supply(
    Optional<Instant> expectedDelivery, OptionalInt restockableInDays, OptionalLong safetyStock) {

  /** No supply information. */
  public static final Supply NONE = new Supply(Optional.empty(), OptionalInt.empty(), OptionalLong.empty());

  /**
   * Validates the fields.
   *
   * @throws InvalidValueException if a field is negative
   */
  public Supply {
    if (restockableInDays.isPresent() && restockableInDays.getAsInt() < 0) {
      throw new InvalidValueException("restockableInDays", restockableInDays.getAsInt(), "must not be negative");
    }
    if (safetyStock.isPresent() && safetyStock.getAsLong() < 0) {
      throw new InvalidValueException("safetyStock", safetyStock.getAsLong(), "must not be negative");
    }
  }
}
