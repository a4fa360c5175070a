package dev.stockbridge.planner;

import dev.stockbridge.StockbridgeException;

/**
 * Inventory Planner could not be read or written: the connection failed after its retries, or an
 * answer could not be understood. Subtypes carry the HTTP status. Messages never hold the API key.
 */
public class PlannerException extends StockbridgeException {

  private final String request;

  /**
   * Creates the exception.
   *
   * @param request the request, as {@code "GET /api/v1/variants?page=0"}
   * @param message what went wrong
   * @param cause the underlying failure, or null
   */
  public PlannerException(String request, String message, Throwable cause) {
    super(request + ": " + message, cause);
    this.request = request;
  }

  /** The request that failed, method and path with query. @return the request */
  public String request() {
    return request;
  }
}
