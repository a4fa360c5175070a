package dev.stockbridge.commercetools;

import dev.failsafe.TimeoutExceededException;
import dev.stockbridge.StockbridgeException;
import dev.stockbridge.spi.TransientStorefrontException;
import io.vrap.rmf.base.client.ApiHttpException;
import io.vrap.rmf.base.client.ApiHttpResponse;
import io.vrap.rmf.base.client.DeserializationException;
import io.vrap.rmf.base.client.SerializationException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** Runs SDK calls and turns their failures into Stockbridge exceptions. */
final class Calls {

  private static final int EXCERPT = 300;

  private Calls() {}

  /**
   * Waits for a call and returns its body.
   *
   * @throws TransientStorefrontException for 429, 5xx, timeouts and I/O failures
   * @throws CommercetoolsApiException for every other failure
   */
  static <T> T body(CompletableFuture<ApiHttpResponse<T>> call, String operation) {
    try {
      return call.join().getBody();
    } catch (CompletionException e) {
      throw translate(e.getCause() == null ? e : e.getCause(), operation);
    }
  }

  static StockbridgeException translate(Throwable failure, String operation) {
    Throwable cause = unwrap(failure);
    if (cause instanceof StockbridgeException known) {
      return known;
    }
    if (cause instanceof ApiHttpException http) {
      int status = http.getStatusCode();
      if (status == 429 || status >= 500) {
        return new TransientStorefrontException(
            "commercetools answered HTTP " + status + " to " + operation,
            retryAfter(http.getHeaders() == null ? null : http.getHeaders().getFirst("Retry-After")),
            cause);
      }
      return new CommercetoolsApiException(status, operation, excerpt(http.getBody()), cause);
    }
    if (cause instanceof TimeoutExceededException || cause instanceof TimeoutException || cause instanceof IOException) {
      return new TransientStorefrontException(
          operation + " failed without an answer (" + cause.getClass().getSimpleName() + ")", null, cause);
    }
    if (cause instanceof DeserializationException || cause instanceof SerializationException) {
      // An unreadable answer (a proxy's HTML page, a cut body) says nothing about what happened:
      // retrying is safe because every write names a version and the engine re-reads first.
      return new TransientStorefrontException(operation + " got an answer that is not valid JSON", null, cause);
    }
    return new CommercetoolsApiException(0, operation, cause.getClass().getSimpleName(), cause);
  }

  /** The status of a failed call, or 0 if it has none. */
  static int status(Throwable failure) {
    return unwrap(failure) instanceof ApiHttpException http ? http.getStatusCode() : 0;
  }

  /** Parses {@code Retry-After}: delta seconds or an HTTP date; null when absent or unreadable. */
  static Duration retryAfter(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration wait = Duration.between(Instant.now(), at);
        return wait.isNegative() ? Duration.ZERO : wait;
      } catch (DateTimeParseException unreadable) {
        return null;
      }
    }
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private static String excerpt(String body) {
    if (body == null) {
      return "";
    }
    String flat = body.replaceAll("\\s+", " ").trim();
    return flat.length() <= EXCERPT ? flat : flat.substring(0, EXCERPT) + "…";
  }
}
