package dev.stockbridge.planner.feed;

import dev.stockbridge.StockbridgeException;

/**
 * Writing, publishing, serving or uploading a feed failed: an I/O error, a refused host key, a
 * failed login. When a publish or upload throws it, the file under its final name is untouched:
 * the planner keeps reading the previous complete file.
 */
public class FeedException extends StockbridgeException {

  private final String target;

  /**
   * Creates the exception.
   *
   * @param target where the feed was going, e.g. a path or {@code sftp://host:22/in/sales.csv};
   *     never holds credentials
   * @param message what failed
   * @param cause the underlying failure, or null
   */
  public FeedException(String target, String message, Throwable cause) {
    super(target + ": " + message, cause);
    this.target = target;
  }

  /** Where the feed was going. @return the target, without credentials */
  public String target() {
    return target;
  }
}
