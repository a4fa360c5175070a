package dev.stockbridge.commercetools;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import dev.failsafe.TimeoutExceededException;
import dev.stockbridge.spi.TransientStorefrontException;
import io.vrap.rmf.base.client.ApiHttpResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The connector's own retry, for requests nobody else retries: the order feed, the catalogue, channel
 * and type lookups, and the storefront adapter handed out for standalone use. The adapter the engine
 * writes through gets {@link #NONE}: the engine's retry is the only layer there, so one permit of its
 * rate limit is one HTTP request. Retries 429, 502, 503, 504 and answers that never came (timeouts,
 * I/O), with backoff from 50 ms to 2 s, waiting out a 429's {@code Retry-After} in full unless it asks
 * for more than the configured most (then the failure surfaces, carrying the wait). An unreadable
 * answer is not retried here. Immutable and thread-safe.
 */
final class Retries {

  /** Statuses worth retrying: rate limit and gateway or availability failures. */
  static final List<Integer> RETRY_STATUSES = List.of(429, 502, 503, 504);
  /** No retry: every call is one request. */
  static final Retries NONE = new Retries(0, Duration.ZERO);

  private static final double JITTER = 0.25;
  /** What a delay function returns for "use the policy's own backoff" (Failsafe takes negative so). */
  private static final Duration BACKOFF = Duration.ofMillis(-1);

  private final int maxRetries;
  private final Duration maxRetryAfter;

  Retries(int maxRetries, Duration maxRetryAfter) {
    this.maxRetries = maxRetries;
    this.maxRetryAfter = maxRetryAfter;
  }

  /** The retries a configuration asks for. */
  static Retries of(CommercetoolsConfig config) {
    return new Retries(config.maxRetries(), config.maxRetryAfter());
  }

  /**
   * Sends a request, and again while it fails in a way worth retrying; returns the answer's body.
   *
   * @throws TransientStorefrontException once retries are used up or a wait is too long
   * @throws CommercetoolsApiException for every other failure
   */
  <T> T body(Supplier<CompletableFuture<ApiHttpResponse<T>>> request, String operation) {
    if (maxRetries == 0) {
      return Calls.body(request.get(), operation);
    }
    // Retries are safe for updates too: every update names the entry version, so a retried
    // request that had in fact been applied answers 409 instead of applying twice.
    RetryPolicy<T> policy =
        RetryPolicy.<T>builder()
            .handleIf((result, failure) -> worthRetrying(failure))
            .abortIf((result, failure) -> tooLong(failure))
            .withBackoff(Duration.ofMillis(50), Duration.ofSeconds(2))
            .withJitter(JITTER)
            .withDelayFn(context -> atLeast(context.getLastException()))
            .withMaxRetries(maxRetries)
            .build();
    return Failsafe.with(policy).get(() -> Calls.body(request.get(), operation));
  }

  private static boolean worthRetrying(Throwable failure) {
    if (!(failure instanceof TransientStorefrontException)) {
      return false;
    }
    Throwable cause = failure.getCause();
    return RETRY_STATUSES.contains(Calls.status(cause))
        || cause instanceof TimeoutExceededException
        || cause instanceof TimeoutException
        || cause instanceof IOException;
  }

  private boolean tooLong(Throwable failure) {
    return failure instanceof TransientStorefrontException t
        && t.retryAfter().filter(wait -> wait.compareTo(maxRetryAfter) > 0).isPresent();
  }

  /** A delay that, after the ±25 % jitter, still waits at least what Retry-After asked for. */
  private static Duration atLeast(Throwable failure) {
    if (failure instanceof TransientStorefrontException t && t.retryAfter().isPresent()) {
      return Duration.ofNanos((long) (t.retryAfter().get().toNanos() / (1 - JITTER)) + 1);
    }
    return BACKOFF;
  }
}
