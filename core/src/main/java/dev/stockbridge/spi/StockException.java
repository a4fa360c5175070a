package dev.stockbridge.spi;

import dev.stockbridge.Movement;
import dev.stockbridge.StockKey;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A failure recorded for a person to resolve, with everything needed to act on it: the key, the
 * movements that could not be applied (kept, so nothing accepted is lost) and why.
 *
 * @param code a stable code, e.g. {@code "ENTRY_NOT_FOUND"}
 * @param key the affected SKU and location
 * @param movements the movements not applied, possibly empty
 * @param message what happened and what to check, without secrets
 * @param raisedAt when it was raised
 */
public record StockException(
    String code, StockKey key, List<Movement> movements, String message, Instant raisedAt) {

  /** Validates and copies. */
  public StockException {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(key, "key");
    movements = List.copyOf(movements);
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(raisedAt, "raisedAt");
  }

  /**
   * The key two records of the same problem share: code and key.
   *
   * @return the de-duplication key
   */
  public String dedupeKey() {
    return code + "|" + key;
  }
}
