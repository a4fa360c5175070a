package dev.stockbridge.spi;

import dev.stockbridge.StockbridgeException;
import java.time.Duration;
import java.util.Optional;

/**
 * A storefront call failed in a way that may succeed later: a rate limit, a 5xx answer, a timeout.
 * The engine backs off and retries the key without blocking other keys.
 */
public final class TransientStorefrontException extends StockbridgeException {

  private final Duration retryAfter;

  /**
   * Creates the exception.
   *
   * @param message what failed, without secrets
   * @param retryAfter how long the platform asked to wait, or null if it did not say
   * @param cause the underlying failure, or null
   */
  public TransientStorefrontException(String message, Duration retryAfter, Throwable cause) {
    super(message, cause);
    this.retryAfter = retryAfter;
  }

  /**
   * How long the platform asked to wait (a 429's {@code Retry-After}).
   *
   * @return the wait, or empty if the platform did not say
   */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
