package dev.stockbridge.flow;

import dev.stockbridge.StockbridgeException;
import java.nio.file.Path;

/**
 * A receipt ledger's file could not be read or written, or is damaged before its last line. Carries
 * the file and, for damage, the 1-based line number.
 */
public final class ReceiptLedgerException extends StockbridgeException {

  private final Path file;
  private final long line;

  /**
   * Creates the exception.
   *
   * @param file the ledger's file
   * @param line the damaged line, 1-based, or 0 when the failure is not about one line
   * @param message what went wrong and what to do
   * @param cause the underlying failure, or null
   */
  public ReceiptLedgerException(Path file, long line, String message, Throwable cause) {
    super("receipt ledger " + file + (line > 0 ? " line " + line : "") + ": " + message, cause);
    this.file = file;
    this.line = line;
  }

  /** The ledger's file. @return the path */
  public Path file() {
    return file;
  }

  /** The damaged line, 1-based. @return the line number, or 0 when not about one line */
  public long line() {
    return line;
  }
}
