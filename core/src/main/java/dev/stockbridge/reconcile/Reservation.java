package dev.stockbridge.reconcile;

import dev.stockbridge.Checks;
import dev.stockbridge.InvalidValueException;
import java.time.Instant;

/**
 * A storefront reservation that still holds stock on an entry: commercetools' {@code ReserveOnCart}
 * reservation in state {@code Created} or {@code Updated}. It lowers the entry's {@code
 * availableQuantity}, not its {@code quantityOnStock}, until it is committed (the cart became an
 * order), released or expired. Expiry is eventually consistent: a reservation may stay open for a
 * few minutes after its deadline; one open well past it is stuck.
 *
 * @param quantity the units reserved, positive
 * @param expiresAt when the reservation stops being valid
 */
public record Reservation(long quantity, Instant expiresAt) {

  /**
   * Validates the reservation.
   *
   * @throws InvalidValueException if the quantity is not positive or the deadline is null
   */
  public Reservation {
    if (quantity <= 0) {
      throw new InvalidValueException("quantity", quantity, "must be positive");
    }
    Checks.quantity("quantity", quantity);
    Checks.notNull("expiresAt", expiresAt);
  }
}
