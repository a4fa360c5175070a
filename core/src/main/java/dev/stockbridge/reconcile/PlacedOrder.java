package dev.stockbridge.reconcile;

import dev.stockbridge.Checks;
import dev.stockbridge.InvalidValueException;
import dev.stockbridge.Movement;
import dev.stockbridge.MovementKind;
import java.time.Instant;

/**
 * An order line's decrement with the time the order was placed. Inside the storefront's
 * consistency lag the decrement may or may not show on the entry yet (commercetools: up to about
 * 10 s for order-caused changes), so the differ counts it as in flight.
 *
 * @param movement the ORDER movement
 * @param placedAt when the order was placed
 */
public record PlacedOrder(Movement movement, Instant placedAt) {

  /**
   * Validates the order.
   *
   * @throws InvalidValueException if a part is null or the movement is not an ORDER
   */
  public PlacedOrder {
    Checks.notNull("movement", movement);
    Checks.notNull("placedAt", placedAt);
    if (movement.kind() != MovementKind.ORDER) {
      throw new InvalidValueException("movement", movement.kind(), "must be an ORDER movement");
    }
  }
}
