package dev.stockbridge.journal;

import dev.stockbridge.StockbridgeException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Reading or writing a journal file failed. When an append throws it, none of that append's
 * movements counts as accepted, and the journal fails every later write until it is reopened.
 */
public final class JournalIoException extends StockbridgeException {

  private final Path file;

  /**
   * Creates the exception.
   *
   * @param file the journal file
   * @param action what failed, e.g. {@code "force"}
   * @param cause the underlying failure
   */
  public JournalIoException(Path file, String action, IOException cause) {
    super("could not " + action + " journal " + file + ": " + cause, cause);
    this.file = file;
  }

  /** The journal file. @return the path */
  public Path file() {
    return file;
  }
}
