package dev.stockbridge.flow;

import dev.stockbridge.InvalidValueException;
import java.util.Objects;

/**
 * An order a source could not turn into events, with what to fix: it is quarantined, and everything
 * behind it goes on. Immutable.
 *
 * @param orderId the order's id at the source
 * @param problem which line and field is wrong and what to fix, without secrets
 */
public record RejectedOrder(String orderId, String problem) {

  /** Validates. */
  public RejectedOrder {
    if (orderId == null || orderId.isBlank()) {
      throw new InvalidValueException("orderId", orderId, "must not be blank");
    }
    Objects.requireNonNull(problem, "problem");
  }
}
