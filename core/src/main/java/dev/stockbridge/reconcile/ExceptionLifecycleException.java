package dev.stockbridge.reconcile;

import dev.stockbridge.StockbridgeException;

/** A lifecycle step was asked of an exception that is unknown or not in a state that allows it. */
public final class ExceptionLifecycleException extends StockbridgeException {

  private final String id;

  /**
   * Creates the exception.
   *
   * @param id the tracked exception's id
   * @param reason why the step is refused
   */
  public ExceptionLifecycleException(String id, String reason) {
    super("exception \"" + id + "\" " + reason);
    this.id = id;
  }

  /** The tracked exception's id. @return the id */
  public String id() {
    return id;
  }
}
