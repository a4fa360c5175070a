package dev.stockbridge.commercetools;

import dev.stockbridge.StockbridgeException;

/**
 * commercetools refused a request for good: a validation error, a missing permission, a resource
 * that does not exist. Retrying the same request will not help. Carries the HTTP status, what was
 * being done and the start of the answer's body (never credentials or tokens).
 */
public final class CommercetoolsApiException extends StockbridgeException {

  private final int status;
  private final String operation;
  private final String bodyExcerpt;

  /**
   * Creates the exception.
   *
   * @param status the HTTP status, or 0 when no answer was received
   * @param operation what was being done, e.g. {@code "update inventory entry SKU-1@dc-1"}
   * @param bodyExcerpt the start of the answer's body, possibly empty
   * @param cause the underlying failure, or null
   */
  public CommercetoolsApiException(int status, String operation, String bodyExcerpt, Throwable cause) {
    super("commercetools answered HTTP " + status + " to " + operation + ": " + bodyExcerpt, cause);
    this.status = status;
    this.operation = operation;
    this.bodyExcerpt = bodyExcerpt;
  }

  /** The HTTP status, or 0 when no answer was received. @return the status */
  public int status() {
    return status;
  }

  /** What was being done. @return the operation */
  public String operation() {
    return operation;
  }

  /** The start of the answer's body. @return the excerpt, possibly empty */
  public String bodyExcerpt() {
    return bodyExcerpt;
  }
}
