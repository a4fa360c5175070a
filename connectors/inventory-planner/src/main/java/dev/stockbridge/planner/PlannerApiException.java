package dev.stockbridge.planner;

import java.time.Duration;
import java.util.Optional;

/**
 * Inventory Planner answered with an error status. The API's message ({@code result.message} of
 * {@code {"result": {"status": "error", "message": "…"}}}) is parsed whatever the status, since
 * validation failures have come back as HTTP 500.
 */
public class PlannerApiException extends PlannerException {

  private final int status;
  private final String apiMessage;
  private final Duration retryAfter;

  /**
   * Creates the exception.
   *
   * @param request the request, as {@code "GET /api/v1/variants?page=0"}
   * @param status the HTTP status
   * @param apiMessage the API's message, or an excerpt of the body when it sent none
   * @param retryAfter the {@code Retry-After} the server asked for, or null
   */
  public PlannerApiException(String request, int status, String apiMessage, Duration retryAfter) {
    super(request, "HTTP " + status + ": " + apiMessage, null);
    this.status = status;
    this.apiMessage = apiMessage;
    this.retryAfter = retryAfter;
  }

  /** The HTTP status. @return the status */
  public int status() {
    return status;
  }

  /** The API's error message, or a body excerpt. @return the message */
  public String apiMessage() {
    return apiMessage;
  }

  /** How long the server asked to wait ({@code Retry-After}), if it did. @return the delay */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /**
   * Whether retrying may succeed: 429 and 5xx (the request itself can be fine).
   *
   * @return {@code true} for 429 and 5xx
   */
  public boolean transientFailure() {
    return status == 429 || status >= 500;
  }
}
