package dev.stockbridge.reconcile;

import dev.stockbridge.StockbridgeException;

/** An alert could not be delivered after every retry. Names the redacted target and status. */
public final class AlertDeliveryException extends StockbridgeException {

  private final String target;
  private final int status;

  /**
   * Creates the exception.
   *
   * @param target the redacted target, e.g. {@code "https://hooks.slack.com/…"}
   * @param status the last HTTP status, or 0 if no response came
   * @param cause the last failure, or null
   */
  public AlertDeliveryException(String target, int status, Throwable cause) {
    super("alert not delivered to " + target + (status > 0 ? ": HTTP " + status : ": no response"), cause);
    this.target = target;
    this.status = status;
  }

  /** The redacted target. @return the target */
  public String target() {
    return target;
  }

  /** The last HTTP status. @return the status, 0 if no response came */
  public int status() {
    return status;
  }
}
