package dev.stockbridge.planner.feed;

import dev.stockbridge.StockbridgeException;

/**
 * A feed file does not match its declared schema: a column is missing, unsupported or out of
 * place, or a row has the wrong number of cells. Raised locally, before upload, because the
 * planner would skip the file without reporting it.
 */
public final class FeedSchemaException extends StockbridgeException {

  private final String file;
  private final String column;

  /**
   * Creates the exception.
   *
   * @param file the file checked
   * @param column the column at fault, or empty for a row whose cell count is wrong
   * @param message what differs
   */
  public FeedSchemaException(String file, String column, String message) {
    super(file + ": " + message);
    this.file = file;
    this.column = column;
  }

  /** The file checked. @return its path or name */
  public String file() {
    return file;
  }

  /** The column at fault. @return the column name, or empty when a row is at fault */
  public String column() {
    return column;
  }
}
