package dev.stockbridge.flow;

import dev.stockbridge.InvalidValueException;
import java.time.Instant;
import java.util.Objects;

/**
 * An order held back because it could not be processed, with what to fix. Immutable.
 *
 * @param orderId the order's id at the source
 * @param problem the latest problem: which line and field, and what to fix
 * @param firstHeld when it was first quarantined
 * @param lastTried when it was last read and rejected
 * @param attempts how many reads rejected it
 */
public record QuarantinedOrder(String orderId, String problem, Instant firstHeld, Instant lastTried, int attempts) {

  /** Validates. */
  public QuarantinedOrder {
    if (orderId == null || orderId.isBlank()) {
      throw new InvalidValueException("orderId", orderId, "must not be blank");
    }
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(firstHeld, "firstHeld");
    Objects.requireNonNull(lastTried, "lastTried");
    if (attempts < 1) {
      throw new InvalidValueException("attempts", attempts, "must be at least 1");
    }
  }
}
